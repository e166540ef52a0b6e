from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="resourcepage",
            index=models.Index(fields=["published", "page_ptr"], name="resource_published_key"),
        ),
    ]
