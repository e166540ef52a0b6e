"""Create the society's role groups (Member … Staff admin) with their permissions.

Idempotent: it only adds what is missing. Permissions of models that appear later are
granted by the post_migrate handler that runs the same ``sync_roles``.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from institute.people.roles import sync_roles

    # On a fresh database permissions are normally created only after every migration;
    # create those of the apps migrated so far so the groups can be granted them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_profile_consent_erasure"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
