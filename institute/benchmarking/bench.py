"""Benchmark figures of the benchmarking room (see docs/benchmarking.md).

* results computation for one cycle and for every closed year, against DuckDB computing the
  same aggregates on the same answers in the same run (the reference; ratio ours / DuckDB);
* import throughput in answers per second (a generated file, rolled back afterwards);
* the organisation report page, in-process, signed in as staff.

``PAGES`` also lists signed-in pages as (label, path, who): ``who`` names a function of this
module that returns the user to sign in as (None: the page is skipped). The harness measures
them over HTTP on the uncached server with that user's session cookie.
"""

import statistics
import tempfile
import time
from pathlib import Path

import polars as pl
from django.db import connection, transaction

REPORT_YEAR = 2023
REPORT_ORGANISATION = "london-borough-of-hounslow"  # in 2023 at both bench scales
STAFF_EMAIL = "bench-staff@demo.institute.example"
COORDINATOR_EMAIL = "mark.lumley@demo.institute.example"  # demo coordinator of Hounslow

PAGES = [
    ("Benchmarking index", "/benchmarking/"),
    ("Benchmarking summary 2023", "/benchmarking/2023/"),
    (
        "Organisation report 2023 (coordinator)",
        f"/benchmarking/{REPORT_YEAR}/{REPORT_ORGANISATION}/",
        "coordinator",
    ),
    (
        "Organisation report 2023 (staff)",
        f"/benchmarking/{REPORT_YEAR}/{REPORT_ORGANISATION}/",
        "staff",
    ),
]


def staff():
    """A staff user made for the benchmark (not a demo person): a *Staff admin*, since roles
    decide what staff may see, not the ``is_staff`` flag."""
    from django.contrib.auth.models import Group

    from institute.people import roles
    from institute.people.models import User

    user, _ = User.objects.get_or_create(email=STAFF_EMAIL, defaults={"username": STAFF_EMAIL})
    user.groups.add(Group.objects.get(name=roles.STAFF_ADMIN))
    return user


def coordinator():
    """The demo coordinator of the organisation whose report is measured."""
    from institute.people.models import OrganisationRole, User

    return User.objects.filter(
        email=COORDINATOR_EMAIL,
        organisation_roles__organisation__slug=REPORT_ORGANISATION,
        organisation_roles__role=OrganisationRole.Role.COORDINATOR,
    ).first()


def run(ctx):
    from .models import Cycle

    cycles = list(
        Cycle.objects.filter(status__in=Cycle.WITH_RESULTS)
        .order_by("year")
        .values_list("pk", "year")
    )
    if not cycles:
        ctx.log("benchmarking: no closed cycles in the bench database")
        return []
    rows = []
    rows += _results(ctx, cycles)
    rows += _import(ctx)
    rows += _report_page(ctx, cycles[-1][1])
    return rows


def _timed(fn, *args):
    started = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - started, value


def _answer_count(cycle_ids):
    from .models import Answer

    return Answer.objects.filter(participant__cycle_id__in=cycle_ids).count()


def _stages(stages):
    return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in stages.items())


def _median_of_three(compute, cycle_ids):
    """(first seconds, median seconds, the median run's stages with its row count)."""
    runs = []
    for _ in range(3):
        stages = {}
        seconds, rows = _timed(lambda s=stages: compute(cycle_ids, stages=s))
        runs.append((seconds, {**stages, "rows": rows}))
    seconds, stages = sorted(runs, key=lambda run: run[0])[1]
    return runs[0][0], seconds, stages


def _results(ctx, cycles):
    from .results import compute_results, tally_workers

    ids = [pk for pk, _ in cycles]
    latest = ids[-1]
    ctx.log(f"benchmarking: results for one cycle ({cycles[-1][1]}), three times")
    # Each three times, the median: the first run of a process also pays for reading the
    # index from disk (the operating system drops cold file pages) and starting the threads.
    first, one, one_stages = _median_of_three(compute_results, [latest])
    ctx.log(f"benchmarking: results for all {len(ids)} closed cycles")
    every_first, every, every_stages = _median_of_three(compute_results, ids)
    stored = every_stages.pop("rows")
    one_stages.pop("rows")
    answers = _answer_count(ids)
    ctx.log(f"benchmarking: pulling {answers:,} answers for the DuckDB reference")
    import duckdb

    db = duckdb.connect()
    db.execute("SET enable_progress_bar = false")
    pull, _ = _timed(_pull, ids, db)
    ducks = [_timed(_duckdb, db) for _ in range(3)]
    duck, duck_rows = sorted(ducks, key=lambda run: run[0])[1]
    same = _compare(ids, duck_rows)
    duck_tally, _ = _timed(
        lambda: db.execute(
            "SELECT participant_id, question_id, value, COUNT(*) FROM answers GROUP BY ALL"
        ).fetchall()
    )
    ctx.log(f"benchmarking: DuckDB {duck:.2f} s, ours {every:.2f} s")
    vendor = connection.vendor
    return [
        _row(
            f"results, one cycle ({vendor})",
            one,
            "s",
            "< 1 s",
            f"median of 3 (the first {first:.2f} s): {_stages(one_stages)}; "
            f"tally on {tally_workers()} connection(s)",
        ),
        _row(
            f"results, all {len(ids)} years ({vendor})",
            every,
            "s",
            "",
            f"{answers:,} answers, {stored:,} result rows stored; median of 3 (the first "
            f"{every_first:.2f} s): {_stages(every_stages)}",
        ),
        _row(
            "DuckDB reference, same aggregates",
            duck,
            "s",
            "",
            f"{len(duck_rows):,} result rows, {same}: n, mean, favourable, share, "
            "Wilson bounds, organisations and distribution per organisation, sector, type "
            f"and region, from the raw answers in memory (not stored); its tally alone "
            f"{duck_tally:.2f} s",
        ),
        _row(
            "results all years / DuckDB",
            every / duck if duck else 0,
            "×",
            "≤ 3×",
            "DuckDB on answers already in memory; ours reads the database and stores results",
        ),
        _row(
            "results all years / (DuckDB + pulling answers)",
            every / (duck + pull),
            "×",
            "",
            f"pulling the answers out of {vendor} took {pull:.1f} s",
        ),
    ]


def _compare(cycle_ids, duck_rows):
    """Do DuckDB's rows agree with the stored ones in number, total n and total favourable?"""
    from django.db.models import Count, Sum

    from .models import Result

    ours = Result.objects.filter(cycle_id__in=cycle_ids).aggregate(
        rows=Count("pk"), n=Sum("n"), favourable=Sum("favourable")
    )
    theirs = {
        "rows": len(duck_rows),
        "n": sum(row[6] for row in duck_rows),
        "favourable": sum(row[8] for row in duck_rows),
    }
    if {key: int(value or 0) for key, value in ours.items()} == theirs:
        return "agreeing with ours in number, total n and total favourable"
    return f"NOT agreeing with ours: {theirs} against {ours}"


def _row(name, value, unit, target, note):
    return {"name": name, "value": round(value, 3), "unit": unit, "target": target, "note": note}


def _pull(cycle_ids, db):
    """Answers, participants and favourable values out of the database into DuckDB tables."""
    from .models import Participant, Question

    marks = ", ".join(["%s"] * len(cycle_ids))
    chunks = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.participant_id, a.question_id, a.value "  # noqa: S608 — only %s marks
            "FROM benchmarking_answer a JOIN benchmarking_participant p "
            f"ON p.id = a.participant_id WHERE p.cycle_id IN ({marks})",
            cycle_ids,
        )
        while batch := cursor.fetchmany(500_000):
            chunks.append(
                pl.DataFrame(batch, schema=["participant_id", "question_id", "value"], orient="row")
            )
    answers = pl.concat(chunks) if chunks else pl.DataFrame()
    participants = pl.DataFrame(
        list(
            Participant.objects.filter(cycle_id__in=cycle_ids).values_list(
                "pk", "cycle_id", "organisation__type", "organisation__region"
            )
        ),
        schema=["participant_id", "cycle_id", "org_type", "region"],
        orient="row",
    )
    favourable = pl.DataFrame(
        [
            (pk, float(v))
            for pk, fav in Question.objects.values_list("pk", "favourable")
            for v in fav
        ],
        schema=["question_id", "value"],
        orient="row",
    ).with_columns(pl.lit(1).alias("is_fav"))
    # Handed over as Parquet: DuckDB reads it natively (no Arrow library needed).
    with tempfile.TemporaryDirectory() as tmp:
        for name, frame in (
            ("answers", answers),
            ("participants", participants),
            ("favourable", favourable),
        ):
            path = Path(tmp) / f"{name}.parquet"
            frame.write_parquet(path)
            sql = f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{path}')"  # noqa: S608
            db.execute(sql)


def _duckdb(db):
    """Every figure ``results`` stores, by DuckDB from the raw answers, in one statement.

    Written the way that is fastest in DuckDB (tally first, then the four scopes over the
    tallies: half the time of grouping the raw answers four ways) — the harder reference.
    """
    z = 1.959963984540054
    rows = db.execute(
        f"""
        WITH t AS (
            SELECT participant_id, question_id, value, COUNT(*) AS c
            FROM answers GROUP BY participant_id, question_id, value
        ), a AS (
            SELECT t.*, p.cycle_id, p.org_type, p.region, COALESCE(f.is_fav, 0) AS fav
            FROM t JOIN participants p USING (participant_id)
            LEFT JOIN favourable f USING (question_id, value)
        ), d AS (
            SELECT cycle_id, question_id, participant_id, org_type, region, value,
                   GROUPING(participant_id, org_type, region) AS scope,
                   SUM(c) AS c, SUM(c * fav) AS fav,
                   COUNT(DISTINCT participant_id) AS organisations
            FROM a
            GROUP BY GROUPING SETS (
                (cycle_id, question_id, participant_id, value),
                (cycle_id, question_id, value),
                (cycle_id, question_id, org_type, value),
                (cycle_id, question_id, region, value)
            )
        ), g AS (
            SELECT cycle_id, question_id, participant_id, org_type, region, scope,
                   SUM(c) AS n, SUM(value * c) / SUM(c) AS mean, SUM(fav) AS favourable,
                   MAX(organisations) AS organisations,
                   MAP(LIST(value ORDER BY value), LIST(c ORDER BY value)) AS distribution
            FROM d
            GROUP BY cycle_id, question_id, participant_id, org_type, region, scope
        )
        SELECT *, favourable / n AS share,
            (favourable / n + {z * z} / (2 * n)) / (1 + {z * z} / n)
              - {z} * sqrt(favourable / n * (1 - favourable / n) / n + {z * z} / (4 * n * n))
              / (1 + {z * z} / n) AS ci_low,
            (favourable / n + {z * z} / (2 * n)) / (1 + {z * z} / n)
              + {z} * sqrt(favourable / n * (1 - favourable / n) / n + {z * z} / (4 * n * n))
              / (1 + {z * z} / n) AS ci_high
        FROM g
        WHERE scope <> 6 OR region <> ''
        """  # noqa: S608 — constants only
    ).fetchall()
    return rows


def _import(ctx):
    """Import a generated long CSV of answers into a new year, then roll it all back."""
    from .importer import import_answers
    from .models import ModuleVersion, Participant

    version = ModuleVersion.objects.filter(module__key="user-satisfaction").first()
    slugs = list(Participant.objects.values_list("organisation__slug", flat=True).distinct()[:100])
    if version is None or not slugs:
        return []
    keys = list(version.questions.values_list("key", flat=True))
    per_org = 300
    frame = (
        pl.DataFrame({"organisation": slugs})
        .join(pl.DataFrame({"response": list(range(per_org))}), how="cross")
        .join(pl.DataFrame({"question": keys}), how="cross")
        .with_columns(
            ((pl.col("response") + pl.col("question").str.len_chars()) % 5 + 1).alias("value")
        )
        .select("response", "organisation", "question", "value")
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.csv"
        frame.write_csv(path)
        ctx.log(f"benchmarking: importing {frame.height:,} answers (rolled back afterwards)")
        checking, _ = _timed(
            lambda: import_answers(path, year=1900, module_key="user-satisfaction", dry_run=True)
        )
        with transaction.atomic():
            writing, report = _timed(
                lambda: import_answers(path, year=1900, module_key="user-satisfaction")
            )
            # What PostgreSQL leaves to the commit (the responses' deferred foreign keys) is
            # timed too, then everything is rolled back.
            keys, _ = _timed(_check_constraints)
            transaction.set_rollback(True)
    seconds = writing + keys
    vendor = connection.vendor
    return [
        _row(
            f"import throughput ({vendor})",
            report.answers / seconds,
            "answers/s",
            "≥ 200,000",
            f"{report.answers:,} answers from a long CSV in {seconds:.1f} s, commit-time checks "
            f"included: reading and validating {checking:.1f} s (a dry run), the rest "
            "participants, responses, the answers' reference check and bulk writes "
            + (
                f"(COPY), of which the deferred foreign-key checks {keys:.2f} s"
                if vendor == "postgresql"
                else "(JSON rows, json_each)"
            ),
        )
    ]


def _check_constraints():
    """PostgreSQL checks deferred foreign keys at commit; SQLite counts them row by row."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _report_page(ctx, year, requests=30):
    from django.test import Client

    from .models import Participant

    participant = (
        Participant.objects.filter(cycle__year=year).select_related("organisation").first()
    )
    if participant is None:
        return []
    client = Client(HTTP_HOST="localhost")
    client.force_login(staff())
    url = f"/benchmarking/{year}/{participant.organisation.slug}/"
    client.get(url)
    times = []
    for _ in range(requests):
        seconds, response = _timed(client.get, url)
        times.append(seconds * 1000)
    times.sort()
    status = response.status_code
    return [
        _row(
            "organisation report page, p50 (in-process, staff)",
            statistics.median(times),
            "ms",
            "",
            f"HTTP {status}; {1000 / statistics.mean(times):.1f} req/s in one process",
        ),
        _row(
            "organisation report page, p99 (in-process, staff)",
            times[min(len(times) - 1, int(len(times) * 0.99))],
            "ms",
            "",
            "",
        ),
    ]
