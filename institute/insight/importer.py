"""Importing a year's indicator values from CSV or XLSX, long or wide (docs/insight.md).

*Long*: one row per place and indicator — columns ``place``, ``indicator``, ``value``.
*Wide*: one row per place — ``place``, then one column per indicator key. A place is given
by its GSS code (``E06000001``) or its name.

Checking is vectorised (Polars) and names every error by the file's row and column;
nothing is written unless the whole file is valid, and then in one transaction. Each file
is kept as an ``ImportRun`` with a fingerprint of its values (not of its bytes: the same
values as CSV or XLSX match), so the same values imported again for the same year are
recognised and refused, in the dry run too.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.db import transaction

from institute.core import cache
from institute.core.tables import TableFileError, read_table

from .models import FrameworkVersion, ImportRun, Indicator, IndicatorValue, Place

MAX_ERRORS = 200


# The file as a whole cannot be read (format, encoding, columns): the roof's reader raises
# it, and this room raises it for columns it does not know.
ImportFileError = TableFileError


@dataclass
class ImportReport:
    layout: str = ""
    rows: int = 0
    values: int = 0
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)
    error_count: int = 0
    refusal: str = ""
    fingerprint: str = ""
    written: bool = False


def to_long(frame: pl.DataFrame, keys: set[str]) -> tuple[pl.DataFrame, str]:
    """_row, column (where the value was), place, indicator, value — all text."""
    columns = set(frame.columns)
    if "place" not in columns:
        raise ImportFileError(
            "missing column 'place' (long layout: place, indicator, value; wide layout: place "
            "and one column per indicator key)"
        )
    if {"indicator", "value"} <= columns:
        extra = columns - {"_row", "place", "indicator", "value"}
        if extra:
            raise ImportFileError(f"unexpected column(s): {', '.join(sorted(extra))}")
        return (
            frame.select("_row", pl.lit("value").alias("column"), "place", "indicator", "value"),
            "long",
        )
    unknown = columns - keys - {"_row", "place"}
    if unknown:
        raise ImportFileError(f"unknown indicator column(s): {', '.join(sorted(unknown))}")
    on = [c for c in frame.columns if c in keys]
    if not on:
        raise ImportFileError("no indicator columns: name them by indicator key")
    long = frame.unpivot(
        index=["_row", "place"], on=on, variable_name="indicator", value_name="value"
    )
    # A blank cell in the wide layout is a value not given, not an error.
    long = long.filter(pl.col("value").is_not_null() & (pl.col("value").str.strip_chars() != ""))
    return long.with_columns(pl.col("indicator").alias("column")).select(
        "_row", "column", "place", "indicator", "value"
    ), "wide"


def check(path, *, year: int) -> tuple[ImportReport, pl.DataFrame]:
    """The report and, when valid, the values to write (place_id, indicator, value)."""
    keys = set(Indicator.objects.values_list("key", flat=True).distinct())
    frame, unreadable = read_table(path, noun="rows of values")
    long, layout = to_long(frame, keys)
    report = ImportReport(layout=layout, rows=frame.height)
    places = pl.DataFrame(
        list(Place.objects.values_list("pk", "gss_code", "name")),
        schema={"place_id": pl.Int64, "code": pl.Utf8, "name": pl.Utf8},
        orient="row",
    )
    by_code = places.select(pl.col("code").str.to_uppercase().alias("_key"), "place_id")
    by_name = (
        places.select(pl.col("name").str.to_lowercase().alias("_key"), "place_id").unique(
            "_key", keep="none"
        )  # a name two places share is not an address
    )
    lookup = pl.concat([by_code, by_name]).unique("_key", keep="first")
    text = pl.col("place").fill_null("").str.strip_chars()
    long = (
        long.with_columns(
            pl.when(text.str.contains(r"^[A-Za-z]\d{8}$"))
            .then(text.str.to_uppercase())
            .otherwise(text.str.to_lowercase())
            .alias("_key"),
            pl.col("indicator").fill_null("").str.strip_chars().str.to_lowercase(),
            pl.col("value").fill_null("").str.strip_chars().str.replace_all(",", ""),
        )
        .join(lookup, on="_key", how="left")
        .with_columns(pl.col("value").cast(pl.Float64, strict=False).alias("number"))
    )
    problems = [
        (
            pl.col("place").fill_null("").str.strip_chars() == "",
            "place",
            pl.lit("no place: give its GSS code (E06000001) or its name"),
        ),
        (
            pl.col("place_id").is_null() & (pl.col("place").fill_null("").str.strip_chars() != ""),
            "place",
            pl.format("unknown place '{}': give a GSS code or a place's name", pl.col("place")),
        ),
        (
            ~pl.col("indicator").is_in(list(keys)),
            "indicator",
            pl.format("unknown indicator '{}'", pl.col("indicator")),
        ),
        (
            pl.col("number").is_null() | pl.col("number").is_nan() | pl.col("number").is_infinite(),
            None,
            pl.format("'{}' is not a number", pl.col("value")),
        ),
    ]
    found = []
    for condition, column, message in problems:
        found.append(
            long.filter(condition).select(
                "_row",
                (pl.lit(column) if column else pl.col("column")).alias("column"),
                message.alias("message"),
            )
        )
    duplicated = long.filter(
        pl.col("place_id").is_not_null()
        & (pl.col("_row").rank("ordinal").over("place_id", "indicator") > 1)
    ).select(
        "_row",
        pl.col("column"),
        pl.format("a second value for {} and '{}'", pl.col("place"), pl.col("indicator")).alias(
            "message"
        ),
    )
    found.append(duplicated)
    if unreadable:  # cells the reader could not read: a stray value, an uncalculated formula
        found.append(
            pl.DataFrame(
                unreadable,
                schema={"_row": long.schema["_row"], "column": pl.Utf8, "message": pl.Utf8},
                orient="row",
            )
        )
    errors = pl.concat(found).sort("_row", "column")
    report.error_count = errors.height
    report.errors = [(int(r), c, m) for r, c, m in errors.head(MAX_ERRORS).iter_rows()]
    if report.error_count:
        return report, long.clear()
    values = long.select("place_id", "indicator", pl.col("number").alias("value"))
    report.values = values.height
    report.fingerprint = fingerprint(values)
    if ImportRun.objects.filter(
        year=year, fingerprint=report.fingerprint, status=ImportRun.Status.WRITTEN
    ).exists():
        report.refusal = f"these values were imported for {year} before"
    return report, values


def fingerprint(values: pl.DataFrame) -> str:
    digest = hashlib.sha256()
    for row in values.sort("place_id", "indicator").iter_rows():
        digest.update(repr(row).encode())
    return digest.hexdigest()


def import_values(path, *, year: int, dry_run: bool = False, name: str = "") -> ImportReport:
    """Check a file and, unless a dry run or invalid, write its values for ``year``
    (``name``: the file's name as uploaded, kept on its record)."""
    name = (name or Path(path).name)[:255]
    try:
        report, values = check(path, year=year)
    except ImportFileError as exc:
        report, values = ImportReport(errors=[(0, "", str(exc))], error_count=1), None
    status = (
        ImportRun.Status.INVALID
        if report.error_count
        else ImportRun.Status.REFUSED
        if report.refusal
        else ImportRun.Status.CHECKED
    )
    if status == ImportRun.Status.CHECKED and not dry_run:
        with transaction.atomic():
            _write(values, year=year, report=report)
            status = ImportRun.Status.WRITTEN if report.written else ImportRun.Status.REFUSED
            _record(name, year, status, report)
        return report
    _record(name, year, status, report)
    return report


def _record(name, year, status, report):
    ImportRun.objects.create(
        original_name=name,
        year=year,
        status=status,
        layout=report.layout,
        rows=report.rows,
        values=report.values,
        fingerprint=report.fingerprint,
        errors=[list(e) for e in report.errors],
        error_count=report.error_count,
    )


def _write(values: pl.DataFrame, *, year: int, report: ImportReport) -> None:
    """Write the values, unless the same values went in for this year meanwhile.

    Imports (and score computations) take the framework versions' row locks first, so two
    imports of one file at the same moment write it once: the second sees the first's
    record once it has the lock.
    """
    with transaction.atomic():
        list(FrameworkVersion.objects.select_for_update().order_by("pk").values_list("pk"))
        if ImportRun.objects.filter(
            year=year, fingerprint=report.fingerprint, status=ImportRun.Status.WRITTEN
        ).exists():
            report.refusal = f"these values were imported for {year} before"
            return
        existing = {
            (place_id, key): pk
            for pk, place_id, key in IndicatorValue.objects.select_for_update()
            .filter(year=year, indicator_key__in=values["indicator"].unique().to_list())
            .values_list("pk", "place_id", "indicator_key")
        }
        new, changed = [], []
        for place_id, key, value in values.iter_rows():
            pk = existing.get((place_id, key))
            row = IndicatorValue(place_id=place_id, indicator_key=key, year=year, value=value)
            if pk is None:
                new.append(row)
            else:
                row.pk = pk
                changed.append(row)
        IndicatorValue.objects.bulk_create(new, batch_size=2000)
        # An imported value is a real one, whatever it replaces.
        IndicatorValue.objects.bulk_update(changed, ["value", "synthetic"], batch_size=2000)
        cache.invalidate()
    report.created, report.updated, report.written = len(new), len(changed), True
