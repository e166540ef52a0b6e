"""Bulk writing of responses and answers: COPY on PostgreSQL, executemany on SQLite.

Used by the history import and by the large demo data. The caller holds a transaction;
response ids are assigned here under a table lock so answers can refer to them without a
round trip per response.
"""

import io
from contextlib import contextmanager

import polars as pl
from django.db import connection

RESPONSE = "benchmarking_response"
ANSWER = "benchmarking_answer"
RESULT = "benchmarking_result"


def next_response_id() -> int:
    """Lock the responses table (PostgreSQL) and return the first free id."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {RESPONSE} IN EXCLUSIVE MODE")
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {RESPONSE}")  # noqa: S608
        return cursor.fetchone()[0] + 1


def write_responses(frame: pl.DataFrame, submitted_at) -> None:
    """frame: id, participant_id, module_version_id — ids from ``next_response_id``."""
    frame = frame.select("id", "participant_id", "module_version_id").with_columns(
        pl.lit(submitted_at.isoformat()).alias("submitted_at")
    )
    columns = "id, participant_id, module_version_id, submitted_at"
    _write(RESPONSE, columns, frame)
    if connection.vendor == "postgresql" and frame.height:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{RESPONSE}', 'id'), "  # noqa: S608
                f"(SELECT MAX(id) FROM {RESPONSE}))"
            )


def write_answers(frame: pl.DataFrame, progress=None, chunk: int = 1_000_000) -> None:
    """frame: response_id, participant_id, question_id, value."""
    frame = frame.select("response_id", "participant_id", "question_id", "value")
    for start in range(0, frame.height, chunk):
        _write(ANSWER, "response_id, participant_id, question_id, value", frame[start:][:chunk])
        if progress:
            progress(min(start + chunk, frame.height), frame.height)


# The stored result's columns, in the order they are written; the one list of them.
RESULT_FIELDS = (
    "cycle_id",
    "question_id",
    "key",
    "scope",
    "group",
    "participant_id",
    "n",
    "organisations",
    "mean",
    "favourable",
    "share",
    "ci_low",
    "ci_high",
    "distribution",
    "quartile",
)
RESULT_COLUMNS = ", ".join(f'"{name}"' for name in RESULT_FIELDS)


def write_results(frame: pl.DataFrame) -> None:
    """frame: the columns of ``RESULT_FIELDS`` in that order, distribution as JSON text."""
    _write(RESULT, RESULT_COLUMNS, frame)


def _write(table, columns, frame: pl.DataFrame) -> None:
    if not frame.height:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.BytesIO()
            frame.write_csv(buffer, include_header=False)
            sql = f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)"
            with cursor.cursor.copy(sql) as copy:
                copy.write(buffer.getvalue())
        else:
            # The raw sqlite3 connection (same transaction) skips Django's per-call rewriting.
            marks = ", ".join(["?"] * len(frame.columns))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            connection.connection.executemany(sql, frame.iter_rows())


@contextmanager
def foreign_keys_deferred(table):
    """PostgreSQL: drop the table's foreign keys for a very large load, add them back after.

    Each row's checks would otherwise run one by one at commit (three lookups and row locks
    per answer, more than the COPY itself); adding a foreign key back validates the whole
    table in one join. The caller makes sure the rows refer to existing ones. Nothing to do
    on SQLite, whose checks are cheap.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        keys = cursor.fetchall()
        for name, _ in keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, definition in keys:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def foreign_keys_restore(model) -> list[str]:
    """Add back any foreign key of ``model`` that a stopped load left out (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        present = {
            column
            for constraint in connection.introspection.get_constraints(cursor, table).values()
            if constraint["foreign_key"]
            for column in constraint["columns"]
        }
    restored = []
    with connection.schema_editor() as editor:
        for field in model._meta.concrete_fields:
            if field.remote_field and field.db_constraint and field.column not in present:
                # The same statement, and name, as the migration that created the table.
                editor.execute(
                    editor._create_fk_sql(model, field, "_fk_%(to_table)s_%(to_column)s")
                )
                restored.append(field.column)
    return restored


@contextmanager
def indexes_deferred(table):
    """Drop the table's secondary indexes for a very large load and rebuild them after.

    Building an index once over sorted data is much faster than keeping it up to date
    row by row. Constraint indexes (primary key, unique) stay.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [table],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL",
                [table],
            )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _, definition in indexes:
                cursor.execute(definition)
