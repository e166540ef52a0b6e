"""Importing earlier years' answers from CSV or XLSX, long or wide layout.

*Long*: one row per answer — columns ``response``, ``organisation``, ``question``,
``value`` (a multiple-choice answer is several rows). *Wide*: one row per response —
``organisation``, optionally ``response``, then one column per question key (multiple
choices separated by ``;``). Organisations are given by slug or name.

Validation is vectorised (Polars) and reports every error by file row and column; nothing
is written unless the whole file is valid, and then in one transaction by bulk insert.

Each written file is kept as a ``HistoryImport`` with a fingerprint of the answers it held
(not of its bytes: the same answers saved as CSV or as XLSX match), so importing the same
answers again is refused, in the dry run too, instead of doubling them.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.db import transaction
from django.utils import dateformat, timezone

from institute.core.tables import TableFileError, read_table

from . import bulk
from .models import Cycle, HistoryImport, ModuleVersion, Question
from .services import participants_add

LONG_COLUMNS = {"response", "organisation", "question", "value"}
MAX_ERRORS = 200


# The file as a whole cannot be read (format, encoding, columns): the roof's reader raises
# it, and this room raises it for columns it does not know.
ImportFileError = TableFileError


class ImportRefused(ValueError):
    """A valid file whose answers may not be written (see ``refusal``)."""


@dataclass
class ImportReport:
    layout: str = ""
    rows: int = 0
    responses: int = 0
    answers: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)
    error_count: int = 0
    # Why the file, though valid, is not imported (its answers are in already, say).
    refusal: str = ""
    fingerprint: str = ""
    written: bool = False

    def as_dict(self) -> dict:
        """What a ``HistoryImport`` keeps of the report (JSON)."""
        return {
            "layout": self.layout,
            "rows": self.rows,
            "responses": self.responses,
            "answers": self.answers,
            "errors": [list(e) for e in self.errors],
            "error_count": self.error_count,
            "refusal": self.refusal,
        }


def to_long(frame: pl.DataFrame, keys: set[str]) -> tuple[pl.DataFrame, str]:
    """Long rows: _row, column, response, organisation, question, value."""
    columns = set(frame.columns)
    if {"question", "value"} <= columns:
        missing = LONG_COLUMNS - columns
        if missing:
            raise ImportFileError(f"missing column(s): {', '.join(sorted(missing))}")
        long = frame.select(
            "_row", pl.lit("value").alias("column"), "response", "organisation", "question", "value"
        )
        return long, "long"
    if "organisation" not in columns:
        raise ImportFileError(
            "missing column 'organisation' (long layout needs response, organisation, question,"
            " value; wide layout needs organisation and one column per question key)"
        )
    unknown = columns - keys - {"_row", "organisation", "response"}
    if unknown:
        raise ImportFileError(f"unknown question column(s): {', '.join(sorted(unknown))}")
    question_columns = [c for c in frame.columns if c in keys]
    if not question_columns:
        raise ImportFileError("no question columns: name them by question key")
    if "response" not in columns:
        frame = frame.with_columns(pl.col("_row").cast(pl.Utf8).alias("response"))
    long = (
        frame.unpivot(
            index=["_row", "response", "organisation"],
            on=question_columns,
            variable_name="question",
            value_name="value",
        )
        .with_columns(pl.col("value").str.split(";"))
        .explode("value")
        .with_columns(pl.col("question").alias("column"))
        .select("_row", "column", "response", "organisation", "question", "value")
    )
    return long, "wide"


def validate(long: pl.DataFrame, version: ModuleVersion, organisations: pl.DataFrame):
    """Join names to ids and check every value; returns (answers frame, errors frame)."""
    long = long.with_columns(
        pl.col(c).fill_null("").str.strip_chars()
        for c in ("response", "organisation", "question", "value")
    ).filter(pl.col("value") != "")
    questions = pl.DataFrame(
        [(q.key, q.pk, q.type) for q in version.questions.all()],
        schema={"question": pl.Utf8, "question_id": pl.Int64, "type": pl.Utf8},
        orient="row",
    )
    allowed = pl.DataFrame(
        [(q.pk, float(o["value"])) for q in version.questions.all() for o in q.options],
        schema={"question_id": pl.Int64, "number": pl.Float64},
        orient="row",
    ).with_columns(pl.lit(True).alias("allowed"))
    option_types = [
        Question.Type.AGREEMENT,
        Question.Type.YES_NO,
        Question.Type.SINGLE,
        Question.Type.MULTIPLE,
    ]
    checked = (
        long.join(
            organisations,
            left_on=pl.col("organisation").str.to_lowercase(),
            right_on="name_key",
            how="left",
        )
        .join(questions, on="question", how="left")
        .with_columns(
            pl.col("value").str.replace(",", ".").cast(pl.Float64, strict=False).alias("number")
        )
        .join(allowed, on=["question_id", "number"], how="left")
    )
    error = (
        pl.when(pl.col("organisation_id").is_null())
        .then(pl.format("unknown organisation '{}'", pl.col("organisation").str.slice(0, 80)))
        .when(pl.col("question_id").is_null())
        .then(pl.format("unknown question key '{}'", pl.col("question").str.slice(0, 80)))
        .when(pl.col("type") == Question.Type.TEXT)
        .then(pl.lit("free-text answers are not imported"))
        .when(pl.col("response") == "")
        .then(pl.lit("missing response identifier"))
        .when(
            pl.col("number").is_null() | pl.col("number").is_nan() | pl.col("number").is_infinite()
        )
        .then(pl.format("'{}' is not a number", pl.col("value").str.slice(0, 40)))
        .when(pl.col("type").is_in(option_types) & pl.col("allowed").is_null())
        .then(
            pl.format("{} is not one of this question's answers", pl.col("value").str.slice(0, 40))
        )
    )
    checked = checked.with_columns(error.alias("message"))
    column = (
        pl.when(pl.col("organisation_id").is_null())
        .then(pl.lit("organisation"))
        .when(pl.col("question_id").is_null() & (pl.col("column") == "value"))
        .then(pl.lit("question"))
        .when(pl.col("response") == "")
        .then(pl.lit("response"))
        .otherwise(pl.col("column"))
    )
    errors = checked.filter(pl.col("message").is_not_null()).select(
        "_row", column.alias("column"), "message"
    )
    answers = checked.filter(pl.col("message").is_null())
    duplicates = (
        answers.filter(pl.col("type") != Question.Type.MULTIPLE)
        .with_columns(pl.len().over("organisation_id", "response", "question_id").alias("times"))
        .filter(pl.col("times") > 1)
        .select(
            "_row",
            "column",
            pl.lit("a second answer to the same question in one response").alias("message"),
        )
    )
    errors = pl.concat([errors, duplicates]).unique().sort("_row", "column")
    return answers, errors


def import_answers(
    path,
    *,
    year: int,
    module_key: str,
    version: int | None = None,
    dry_run=False,
    progress=None,
    record: HistoryImport | None = None,
) -> ImportReport:
    """Validate a file of answers and, unless ``dry_run``, invalid or refused, write it in bulk.

    A file is refused when its answers were imported before (same module version, any
    year) or when its year is published. ``record``, a checked ``HistoryImport``, is marked
    done with the answers; without one a new record is kept (the management command).
    """
    versions = ModuleVersion.objects.filter(module__key=module_key).order_by("-version")
    if version is not None:
        versions = versions.filter(version=version)
    module_version = versions.first()
    if module_version is None:
        raise ImportFileError(
            f"no module '{module_key}'" + (f" version {version}" if version else "")
        )
    from institute.people.models import Organisation

    orgs = list(Organisation.objects.values_list("pk", "slug", "name"))
    organisations = pl.DataFrame(
        [(slug.lower(), pk) for pk, slug, _ in orgs] + [(name.lower(), pk) for pk, _, name in orgs],
        schema={"name_key": pl.Utf8, "organisation_id": pl.Int64},
        orient="row",
    ).unique("name_key")
    keys = set(module_version.questions.values_list("key", flat=True))
    frame, problems = read_table(path, noun="rows of answers")
    long, layout = to_long(frame, keys)
    answers, errors = validate(long, module_version, organisations)
    if problems:
        unread = pl.DataFrame(
            problems,
            schema={"_row": errors["_row"].dtype, "column": pl.Utf8, "message": pl.Utf8},
            orient="row",
        )
        errors = pl.concat([unread, errors]).unique().sort("_row", "column")
    report = ImportReport(layout=layout, rows=frame.height, error_count=errors.height)
    report.errors = [tuple(r) for r in errors.head(MAX_ERRORS).iter_rows()]
    responses = answers.select("organisation_id", "response").unique()
    report.responses, report.answers = responses.height, answers.height
    if report.error_count or not answers.height:
        return report
    report.fingerprint = fingerprint(answers)
    report.refusal = refusal(
        year=year, module_version=module_version, fingerprint=report.fingerprint
    )
    if report.refusal or dry_run:
        return report
    try:
        _write(answers, responses, year, module_version, progress, report, record, path)
    except ImportRefused:
        return report
    report.written = True
    return report


def fingerprint(answers: pl.DataFrame) -> str:
    """The answers a file holds, whatever its format or row order, as a SHA-256 digest."""
    rows = answers.select("organisation_id", "response", "question_id", "number").sort(
        "organisation_id", "response", "question_id", "number"
    )
    return hashlib.sha256(rows.write_csv().encode()).hexdigest()


def refusal(*, year: int, module_version: ModuleVersion, fingerprint: str) -> str:
    """Why answers with this fingerprint may not go into this year, or "" when they may."""
    if Cycle.objects.filter(year=year, status=Cycle.Status.PUBLISHED).exists():
        return f"{year} is published; its results are final and take no more answers"
    earlier = (
        HistoryImport.objects.filter(
            module_version=module_version,
            fingerprint=fingerprint,
            status=HistoryImport.Status.DONE,
        )
        .order_by("created_at")
        .first()
    )
    if earlier is None:
        return ""
    when = dateformat.format(timezone.localtime(earlier.finished_at), "j F Y, H:i")
    return (
        f"these answers were imported already, into {earlier.year} from "
        f"'{earlier.original_name}' on {when}; importing them again would count every answer"
        " twice"
    )


@transaction.atomic
def _write(answers, responses, year, module_version, progress, report, record, path):
    # Concurrent imports queue here (the responses table's lock); the second then finds the
    # first's record and is refused rather than doubling the answers.
    first = bulk.next_response_id()
    report.refusal = refusal(
        year=year, module_version=module_version, fingerprint=report.fingerprint
    )
    if report.refusal:
        raise ImportRefused(report.refusal)
    cycle, _ = Cycle.objects.get_or_create(
        year=year, defaults={"status": Cycle.Status.CLOSED, "closed_at": timezone.now()}
    )
    cycle.module_versions.add(module_version)
    participant_ids = participants_add(
        cycle=cycle, organisation_ids=responses["organisation_id"].unique().to_list()
    )
    responses = responses.sort("organisation_id", "response").with_columns(
        (pl.int_range(pl.len()) + first).alias("id"),
        pl.col("organisation_id").replace_strict(participant_ids).alias("participant_id"),
        pl.lit(module_version.pk).alias("module_version_id"),
    )
    submitted = dt.datetime(year, 12, 31, 12, tzinfo=dt.UTC)
    bulk.write_responses(responses, submitted)
    rows = answers.join(
        responses.select(
            "organisation_id", "response", pl.col("id").alias("response_id"), "participant_id"
        ),
        on=["organisation_id", "response"],
    ).select("response_id", "participant_id", "question_id", pl.col("number").alias("value"))
    # In the tally index's order: the index then grows at its end instead of all over.
    bulk.write_answers(rows.sort("participant_id", "question_id", "value"), progress=progress)
    if record is None:
        record = HistoryImport(original_name=Path(path).name, year=year)
    record.module_version = module_version
    record.year = year
    record.fingerprint = report.fingerprint
    record.report = report.as_dict()
    record.status = HistoryImport.Status.DONE
    record.finished_at = timezone.now()
    record.save()
