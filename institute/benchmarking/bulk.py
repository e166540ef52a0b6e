"""Bulk writing of responses, answers and results: COPY on PostgreSQL; on SQLite, answers as
JSON rows and the rest by executemany.

Used by the history import and by the large demo data. The caller holds a transaction;
response ids are assigned here under a table lock so answers can refer to them without a
round trip per response.
"""

import io
from contextlib import contextmanager

import polars as pl
from django.db import IntegrityError, connection

RESPONSE = "benchmarking_response"
ANSWER = "benchmarking_answer"
RESULT = "benchmarking_result"
QUESTION = "benchmarking_question"
SQLITE_CHUNK = 100_000  # rows per statement on SQLite


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
    """frame: response_id, participant_id, question_id, value — checked, then written.

    The answers table has no foreign keys in the database (see ``models.Answer``); this is
    where a bulk write's references are checked, all at once, before any row goes in.
    """
    frame = frame.select("response_id", "participant_id", "question_id", "value")
    check_answers(frame)
    for start in range(0, frame.height, chunk):
        rows = frame[start:][:chunk]
        _write(ANSWER, "response_id, participant_id, question_id, value", rows, numbers_only=True)
        if progress:
            progress(min(start + chunk, frame.height), frame.height)


def check_answers(frame: pl.DataFrame) -> None:
    """Raise IntegrityError unless every answer's references hold.

    Each answer's response exists, the answer repeats that response's participant, and its
    question belongs to the response's module version. The responses and questions are
    locked against deletion until the transaction ends (PostgreSQL ``FOR KEY SHARE``, the
    lock a foreign key takes; SQLite's writer holds the whole database), so what is checked
    here still holds at commit. One query per parent table instead of three per answer.
    The responses are read by their id range: a batch's responses are numbered together
    (``next_response_id``), so the range holds little else.
    """
    if not frame.height:
        return
    lock = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
    bounds = frame.select(pl.col("response_id").min().alias("low"), pl.col("response_id").max())
    low, high = bounds.row(0)
    question_ids = frame["question_id"].unique().to_list()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, participant_id, module_version_id FROM {RESPONSE} "  # noqa: S608
            f"WHERE id BETWEEN %s AND %s{lock}",
            [low, high],
        )
        responses = pl.DataFrame(
            cursor.fetchall(),
            schema={"response_id": pl.Int64, "owner": pl.Int64, "version": pl.Int64},
            orient="row",
        )
        marks = ", ".join(["%s"] * len(question_ids))
        cursor.execute(
            f"SELECT id, module_version_id FROM {QUESTION} WHERE id IN ({marks}){lock}",  # noqa: S608
            question_ids,
        )
        questions = pl.DataFrame(
            cursor.fetchall(),
            schema={"question_id": pl.Int64, "question_version": pl.Int64},
            orient="row",
        )
    checked = frame.join(responses, on="response_id", how="left").join(
        questions, on="question_id", how="left"
    )
    problems = {
        "refer to no response": pl.col("owner").is_null(),
        "name another participant than their response's": pl.col("owner").is_not_null()
        & (pl.col("owner") != pl.col("participant_id")),
        "refer to no question": pl.col("question_version").is_null(),
        "answer a question of another module version than their response's": (
            pl.col("version").is_not_null()
            & pl.col("question_version").is_not_null()
            & (pl.col("version") != pl.col("question_version"))
        ),
    }
    counts = checked.select(
        condition.sum().alias(message) for message, condition in problems.items()
    ).row(0, named=True)
    found = [f"{count:,} answers {message}" for message, count in counts.items() if count]
    if found:
        raise IntegrityError("; ".join(found))


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


def _write(table, columns, frame: pl.DataFrame, numbers_only=False) -> None:
    if not frame.height:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.BytesIO()
            frame.write_csv(buffer, include_header=False)
            sql = f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)"
            with cursor.cursor.copy(sql) as copy:
                copy.write(buffer.getvalue())
        elif numbers_only:
            # SQLite, rows of numbers (the answers): each chunk goes in as one JSON text that
            # SQLite takes apart itself (json_each), a third faster than binding row by row
            # from Python; numbers come back exactly as written. With many columns or text
            # (the results) picking each field out of the JSON costs more than it saves.
            frame = frame.rename({name: f"c{i}" for i, name in enumerate(frame.columns)})
            picks = ", ".join(f"json_extract(value, '$.{name}')" for name in frame.columns)
            sql = f"INSERT INTO {table} ({columns}) SELECT {picks} FROM json_each(?)"  # noqa: S608
            for start in range(0, frame.height, SQLITE_CHUNK):
                rows = io.BytesIO()
                frame[start:][:SQLITE_CHUNK].write_json(rows)
                # The raw sqlite3 connection (same transaction) skips Django's rewriting.
                connection.connection.execute(sql, (rows.getvalue().decode(),))
        else:
            marks = ", ".join(["?"] * len(frame.columns))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            connection.connection.executemany(sql, frame.iter_rows())


@contextmanager
def foreign_keys_deferred(table):
    """PostgreSQL: drop the table's foreign keys for a very large write, add them back after.

    Each row's checks would otherwise run one by one at commit (a lookup and a row lock per
    key and row); adding a foreign key back validates the whole table in one join. Used
    inside the writer's transaction, so a stopped write leaves the keys as they were. The
    caller makes sure the rows refer to existing ones. Nothing to do on SQLite, whose
    checks are cheap.
    """
    if connection.vendor != "postgresql":
        yield
        return
    found = (
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f'"
    )
    drop = f'ALTER TABLE {table} DROP CONSTRAINT "{{name}}"'
    restore = f'ALTER TABLE {table} ADD CONSTRAINT "{{name}}" {{definition}}'
    with _set_aside(found, [table], drop=drop, restore=restore):
        yield


@contextmanager
def _set_aside(found, params, *, drop, restore):
    """Drop what the query ``found`` lists as (name, definition) rows, then restore each
    one however the block ends. ``drop`` and ``restore`` are SQL with ``{name}`` and
    ``{definition}`` to fill in."""
    with connection.cursor() as cursor:
        cursor.execute(found, params)
        rows = cursor.fetchall()
        for name, _ in rows:
            cursor.execute(drop.format(name=name))
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, definition in rows:
                cursor.execute(restore.format(name=name, definition=definition))


@contextmanager
def indexes_deferred(table):
    """Drop the table's secondary indexes for a very large load and rebuild them after.

    Building an index once over sorted data is much faster than keeping it up to date
    row by row. Constraint indexes (primary key, unique) stay.
    """
    if connection.vendor == "postgresql":
        found = (
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
        )
    else:
        found = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL"
        )
    with _set_aside(found, [table], drop='DROP INDEX "{name}"', restore="{definition}"):
        yield
