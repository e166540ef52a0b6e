"""Results of closed cycles, computed in one place, vectorised with Polars.

The database does the one heavy step — tallying the narrow answers table into counts per
(participant, question, value), a grouped scan over an index — and Polars derives every
figure from those tallies: n, distribution, mean, share favourable with its Wilson 95%
interval, for each organisation, the sector, and the peer groups (same organisation type,
same region), and the organisation's quartile among its type peers. Nothing loops over
answers in Python. Figures are stored raw in ``Result``; disclosure control happens on the
way out (``disclosure.disclose``).
"""

import math
import os
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from institute.core import cache as page_cache

from . import bulk
from .models import Cycle, Participant, Question
from .report_pdfs import report_pdfs_retire

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


def wilson_interval(favourable: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion (scalar form, for tests and prose)."""
    if n == 0:
        return (math.nan, math.nan)
    p = favourable / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (centre - half, centre + half)


def _wilson_exprs(fav: pl.Expr, n: pl.Expr, z: float = Z95):
    p = fav / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)).sqrt()) / denominator
    return (centre - half).alias("ci_low"), (centre + half).alias("ci_high")


TALLY_SCHEMA = {
    "participant_id": pl.Int64,
    "question_id": pl.Int64,
    "value": pl.Float64,
    "c": pl.Int64,
}
TALLY_SQL = (
    "SELECT participant_id, question_id, value, COUNT(*) FROM benchmarking_answer "
    "WHERE participant_id BETWEEN %s AND %s GROUP BY participant_id, question_id, value"
)


def _fetch(sql, params, schema) -> pl.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=schema, orient="row")


def _runs(ids) -> list[tuple[int, int]]:
    """Sorted ids as runs of consecutive ids: (first, last) pairs."""
    runs = []
    for pk in ids:
        if runs and pk == runs[-1][1] + 1:
            runs[-1][1] = pk
        else:
            runs.append([pk, pk])
    return [(first, last) for first, last in runs]


def _tally_runs(runs) -> pl.DataFrame:
    frames = [_fetch(TALLY_SQL, [first, last], TALLY_SCHEMA) for first, last in runs]
    return pl.concat(frames) if frames else pl.DataFrame(schema=TALLY_SCHEMA)


def _tally_in_thread(runs) -> pl.DataFrame:
    try:
        return _tally_runs(runs)
    finally:
        connection.close()  # the thread's own connection


def tallies(participant_ids, workers: int = 1) -> pl.DataFrame:
    """Counts per (participant, question, value): the one heavy step, a grouped scan.

    One range of ``answer_tally_idx`` per run of consecutive participant ids (a cycle's
    participants are usually one run): the index covers the query and hands rows over in
    the GROUP BY's order, so there is no sort. With ``workers`` > 1 the participants are
    split in that many parts, each tallied on its own connection in a thread — only outside
    a transaction, where the other connections see the same committed answers.
    """
    ids = sorted(participant_ids)
    if workers <= 1 or len(ids) < 2 or connection.in_atomic_block:
        return _tally_runs(_runs(ids))
    size = -(-len(ids) // workers)
    parts = [_runs(ids[start : start + size]) for start in range(0, len(ids), size)]
    with ThreadPoolExecutor(max_workers=len(parts)) as pool:
        return pl.concat(list(pool.map(_tally_in_thread, parts)))


def _multiple_choice_n(cycle_ids, question_ids) -> pl.DataFrame:
    """Responses (not ticks) per participant for multiple-choice questions.

    Only when the cycles have multiple-choice questions: elsewhere n is the tally's count.
    """
    schema = {"participant_id": pl.Int64, "question_id": pl.Int64, "n_multi": pl.Int64}
    if not question_ids:
        return pl.DataFrame(schema=schema)
    cycles = ", ".join(["%s"] * len(cycle_ids))
    questions = ", ".join(["%s"] * len(question_ids))
    return _fetch(
        "SELECT a.participant_id, a.question_id, COUNT(DISTINCT a.response_id) "  # noqa: S608
        "FROM benchmarking_answer a "
        "JOIN benchmarking_participant p ON p.id = a.participant_id "
        f"WHERE p.cycle_id IN ({cycles}) AND a.question_id IN ({questions}) "
        "GROUP BY a.participant_id, a.question_id",
        list(cycle_ids) + list(question_ids),
        schema,
    )


def compute(tally: pl.DataFrame, questions: pl.DataFrame, participants: pl.DataFrame, multi_n):
    """Every figure from tallies. Pure: frames in, one frame of result rows out.

    ``questions``: question_id, key, type, favourable (list of values).
    ``participants``: participant_id, cycle_id, org_type, region.
    """
    fav_pairs = (
        questions.select("question_id", pl.col("favourable").alias("value"))
        .explode("value")
        .drop_nulls()
        .with_columns(pl.col("value").cast(pl.Float64), pl.lit(1).alias("is_fav"))
    )
    has_fav = questions.select(
        "question_id",
        "key",
        "type",
        (pl.col("favourable").list.len() > 0).alias("has_fav"),
    )
    t = (
        tally.join(fav_pairs, on=["question_id", "value"], how="left")
        .with_columns(pl.col("is_fav").fill_null(0))
        .join(participants, on="participant_id")
    )
    # n per organisation and question: responses, which for multiple choice are not ticks.
    per_org = t.group_by("participant_id", "question_id").agg(
        pl.col("c").sum().alias("ticks"),
        (pl.col("value") * pl.col("c")).sum().alias("total"),
        (pl.col("c") * pl.col("is_fav")).sum().alias("fav"),
    )
    per_org = (
        per_org.join(multi_n, on=["participant_id", "question_id"], how="left")
        .with_columns(pl.coalesce("n_multi", "ticks").alias("n"))
        .drop("n_multi")
        .join(participants, on="participant_id")
    )
    scopes = [
        ("organisation", ["cycle_id", "question_id", "participant_id", "org_type"]),
        ("sector", ["cycle_id", "question_id"]),
        ("type", ["cycle_id", "question_id", "org_type"]),
        ("region", ["cycle_id", "question_id", "region"]),
    ]
    frames = []
    for scope, by in scopes:
        source = per_org.filter(pl.col("region") != "") if scope == "region" else per_org
        tsource = t.filter(pl.col("region") != "") if scope == "region" else t
        figures = source.group_by(by).agg(
            pl.col("n").sum(),
            pl.col("total").sum(),
            pl.col("fav").sum(),
            pl.col("participant_id").n_unique().alias("organisations"),
        )
        distribution = (
            tsource.group_by([*by, "value"])
            .agg(pl.col("c").sum())
            .sort("value")
            .group_by(by)
            .agg(pl.struct("value", "c").alias("distribution"))
        )
        # An organisation's row carries its type, so its quartile's peer group can be checked.
        group = {"organisation": "org_type", "type": "org_type", "region": "region"}.get(scope)
        figures = figures.join(distribution, on=by).with_columns(
            pl.lit(scope).alias("scope"),
            (pl.col(group) if group else pl.lit("")).alias("group"),
            (pl.col("participant_id") if scope == "organisation" else pl.lit(None))
            .cast(pl.Int64)
            .alias("participant_id"),
        )
        frames.append(
            figures.select(
                "cycle_id",
                "question_id",
                "scope",
                "group",
                "participant_id",
                "n",
                "organisations",
                "total",
                "fav",
                "distribution",
            )
        )
    out = pl.concat(frames).join(has_fav, on="question_id")
    multiple = pl.col("type") == Question.Type.MULTIPLE
    low, high = _wilson_exprs(pl.col("fav"), pl.col("n"))
    out = out.with_columns(
        pl.when(multiple).then(None).otherwise(pl.col("total") / pl.col("n")).alias("mean"),
        pl.when(pl.col("has_fav")).then(pl.col("fav")).otherwise(None).alias("favourable"),
        pl.when(pl.col("has_fav")).then(pl.col("fav") / pl.col("n")).otherwise(None).alias("share"),
        pl.when(pl.col("has_fav")).then(low).otherwise(None).alias("ci_low"),
        pl.when(pl.col("has_fav")).then(high).otherwise(None).alias("ci_high"),
    )
    return _with_quartiles(out, participants)


def _with_quartiles(out: pl.DataFrame, participants: pl.DataFrame) -> pl.DataFrame:
    """Quartile 1 is the top quarter of the organisation's type peers (share, else mean)."""
    orgs = (
        out.filter(pl.col("scope") == "organisation")
        .join(participants.select("participant_id", "org_type"), on="participant_id")
        .with_columns(pl.coalesce("share", "mean").alias("metric"))
    )
    window = ["cycle_id", "question_id", "org_type"]
    ranked = orgs.with_columns(
        pl.col("metric").rank("min", descending=True).over(window).alias("rank"),
        pl.col("metric").count().over(window).alias("peers"),
    ).select(
        "cycle_id",
        "question_id",
        "participant_id",
        ((pl.col("rank") - 1) * 4 // pl.col("peers") + 1).cast(pl.Int64).alias("quartile"),
    )
    return out.join(ranked, on=["cycle_id", "question_id", "participant_id"], how="left")


def _participants(cycle_ids) -> pl.DataFrame:
    return pl.DataFrame(
        list(
            Participant.objects.filter(cycle_id__in=cycle_ids).values_list(
                "pk", "cycle_id", "organisation__type", "organisation__region"
            )
        ),
        schema={
            "participant_id": pl.Int64,
            "cycle_id": pl.Int64,
            "org_type": pl.Utf8,
            "region": pl.Utf8,
        },
        orient="row",
    )


def _questions(question_ids) -> pl.DataFrame:
    qs = Question.objects.filter(pk__in=question_ids).values_list("pk", "key", "type", "favourable")
    return pl.DataFrame(
        [(pk, key, qtype, [float(v) for v in fav]) for pk, key, qtype, fav in qs],
        schema={
            "question_id": pl.Int64,
            "key": pl.Utf8,
            "type": pl.Utf8,
            "favourable": pl.List(pl.Float64),
        },
        orient="row",
    )


def _frames_for(cycle_ids, workers=1):
    participants = _participants(cycle_ids)
    tally = tallies(participants["participant_id"].to_list(), workers=workers)
    questions = _questions(tally["question_id"].unique().to_list())
    multi_ids = questions.filter(pl.col("type") == Question.Type.MULTIPLE)["question_id"]
    return tally, questions, participants, _multiple_choice_n(cycle_ids, multi_ids.to_list())


def tally_workers() -> int:
    """Parallel tally connections by default: two where there are two cores or more."""
    return min(2, os.cpu_count() or 1)


# Rewriting at least this many result rows drops the result table's secondary indexes (and
# on PostgreSQL its foreign keys) for the write and builds them again after, in the same
# transaction: faster than keeping seven indexes up to date and checking three keys row by
# row. The table is locked meanwhile, which a recomputation of many years can afford.
DEFER_INDEXES_FROM = 20_000


@contextmanager
def _deferred(table):
    with bulk.foreign_keys_deferred(table), bulk.indexes_deferred(table):
        yield


def compute_results(cycle_ids, *, workers: int | None = None, stages=None) -> int:
    """Recompute and store the results of the given cycles; returns the number of rows.

    ``workers``: parallel tally connections (default: two when the machine has two
    cores). ``stages``, a dict, receives the seconds of each step: tally (the grouped
    scan of the answers), figures (Polars), store (delete the old rows, write the new).
    """
    cycle_ids = list(cycle_ids)
    if not cycle_ids:
        return 0
    if workers is None:
        workers = tally_workers()
    stages = {} if stages is None else stages
    started = time.perf_counter()
    tally, questions, participants, multi_n = _frames_for(cycle_ids, workers)
    stages["tally"] = time.perf_counter() - started
    started = time.perf_counter()
    out = compute(tally, questions, participants, multi_n) if tally.height else None
    rows = _result_rows(out) if out is not None else None
    stages["figures"] = time.perf_counter() - started
    started = time.perf_counter()
    # Emptying the table and dropping its indexes are DDL: only in a transaction of our own
    # (PostgreSQL refuses them while the caller's writes have checks pending).
    own = not connection.in_atomic_block
    with transaction.atomic():
        _store(cycle_ids, rows, ddl=own)
        Cycle.objects.filter(pk__in=cycle_ids).update(results_computed_at=timezone.now())
    stages["store"] = time.perf_counter() - started
    page_cache.invalidate()
    # Every report's PDF shows the history too: none of them is current any more.
    report_pdfs_retire()
    return 0 if out is None else out.height


def _store(cycle_ids, rows, ddl=True):
    """Replace the cycles' result rows: a raw DELETE and a bulk write.

    The ORM would load and signal every row one by one. When the cycles hold every stored
    result (recomputing all years), the table is emptied at once instead (TRUNCATE on
    PostgreSQL leaves no dead rows behind; SQLite empties a table without a WHERE whole).
    ``ddl``: TRUNCATE and deferred indexes allowed (the transaction is ours).
    """
    marks = ", ".join(["%s"] * len(cycle_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*), "  # noqa: S608 — only %s marks
            f"COALESCE(SUM(CASE WHEN cycle_id IN ({marks}) THEN 1 ELSE 0 END), 0) "
            "FROM benchmarking_result",
            cycle_ids,
        )
        total, old = cursor.fetchone()
    large = ddl and old + (0 if rows is None else rows.height) >= DEFER_INDEXES_FROM
    with connection.cursor() as cursor:
        if ddl and old == total and connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {bulk.RESULT}")
        elif old == total:
            cursor.execute(f"DELETE FROM {bulk.RESULT}")  # noqa: S608 — a constant
        else:
            cursor.execute(
                f"DELETE FROM {bulk.RESULT} WHERE cycle_id IN ({marks})",  # noqa: S608
                cycle_ids,
            )
    if rows is not None:
        with _deferred(bulk.RESULT) if large else nullcontext():
            bulk.write_results(rows)


def _result_rows(out: pl.DataFrame) -> pl.DataFrame:
    value = pl.element().struct.field("value")
    label = (
        pl.when(value == value.floor())
        .then(value.cast(pl.Int64).cast(pl.Utf8))
        .otherwise(value.cast(pl.Utf8))
    )
    pairs = pl.format('"{}": {}', label, pl.element().struct.field("c"))
    distribution = pl.concat_str(
        [pl.lit("{"), pl.col("distribution").list.eval(pairs).list.join(", "), pl.lit("}")]
    )
    out = out.with_columns(pl.col("group").fill_null(""), distribution.alias("distribution"))
    return out.select(bulk.RESULT_FIELDS)
