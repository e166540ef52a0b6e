"""On PostgreSQL, a trigram index on the items' searched text.

The calendar's search is a case-insensitive substring match (``UPPER(search_text) LIKE
UPPER('%…%')``), which no B-tree serves. A trigram (``pg_trgm``) GIN index on that same
expression finds rare words without reading every item, and its statistics tell the planner
how common a word is (once the table is next analysed), so a common one is read along the
date index instead. SQLite has no such index; there the search reads the one column of every
item.
"""

from django.db import migrations

INDEX = "events_item_search_trgm_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("events", "CalendarItemPage")._meta.db_table)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin (UPPER("search_text") gin_trgm_ops)'
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("events", "0002_listing_indexes_and_search_text")]

    operations = [migrations.RunPython(create, drop)]
