"""Indexes for the calendar's listing and filters, and the items' searched text."""

from django.db import migrations, models

BATCH = 1000


def fill_search_text(apps, schema_editor):
    """Title, summary and venue a line apart (as ``pages.searched_text`` writes them)."""
    item_model = apps.get_model("events", "CalendarItemPage")
    rows = item_model.objects.order_by("pk").values_list("pk", "title", "summary", "venue")
    batch = []
    for pk, title, summary, venue in rows.iterator(chunk_size=BATCH):
        batch.append(item_model(pk=pk, search_text="\n".join([title or "", summary or "", venue or ""])))
        if len(batch) == BATCH:
            item_model.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        item_model.objects.bulk_update(batch, ["search_text"])


def analyse(apps, schema_editor):
    """SQLite forgets a table's planner statistics when it rebuilds it (as adding the field
    does); without them it reads the listing through the wrong index. PostgreSQL keeps them."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for model in ("CalendarItemPage", "Occurrence"):
        table = apps.get_model("events", model)._meta.db_table
        schema_editor.execute(f"ANALYZE {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendaritempage",
            name="search_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="occurrence",
            name="end",
            field=models.DateTimeField(),
        ),
        migrations.AddIndex(
            model_name="calendaritempage",
            index=models.Index(
                fields=["sub_kind", "region", "format"], name="events_item_sub_kind_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="calendaritempage",
            index=models.Index(fields=["region", "format"], name="events_item_region_idx"),
        ),
        migrations.AddIndex(
            model_name="occurrence",
            index=models.Index(fields=["end", "start"], name="events_occurrence_end_idx"),
        ),
        migrations.RunPython(analyse, migrations.RunPython.noop, elidable=True),
    ]
