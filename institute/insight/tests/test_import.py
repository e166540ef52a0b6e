"""Importing indicator values: layouts, errors by row and column, nothing written on error."""

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from institute.insight.importer import import_values
from institute.insight.models import ImportRun, IndicatorValue, Score
from tests.factories.insight import make_framework, make_places


@pytest.fixture
def society(db):
    make_places()
    return make_framework()


def _csv(tmp_path, text, name="values.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


LONG = (
    "place,indicator,value\n"
    "E06000001,overcrowding,3.5\n"
    "Middlesbrough,overcrowding,4\n"
    "E06000001,gigabit-coverage,88.2\n"
)


def test_a_long_file_is_written_and_scores_are_computed(society, tmp_path):
    call_command("insight_import", str(_csv(tmp_path, LONG)), year=2024)
    assert IndicatorValue.objects.filter(year=2024).count() == 3
    value = IndicatorValue.objects.get(place__gss_code="E06000002", indicator_key="overcrowding")
    assert value.value == 4.0 and not value.synthetic
    assert Score.objects.filter(run__year=2024, run__version=society, level="index").exists()
    assert ImportRun.objects.get().status == ImportRun.Status.WRITTEN


def test_a_wide_xlsx_file_is_read(society, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Place", "overcrowding", "fuel-poverty"])
    sheet.append(["E06000001", 3, 10.5])
    sheet.append(["Cardiff", 2.5, None])  # a blank cell is a value not given
    path = tmp_path / "wide.xlsx"
    book.save(path)
    report = import_values(path, year=2024)
    assert report.layout == "wide" and report.values == 3 and report.written
    assert IndicatorValue.objects.filter(place__name="Cardiff").count() == 1


def test_errors_name_their_row_and_column_and_nothing_is_written(society, tmp_path):
    path = _csv(
        tmp_path,
        "place,indicator,value\n"
        "E06000001,overcrowding,3.5\n"
        "E99999999,overcrowding,1\n"  # row 3: unknown place
        "E06000002,no-such-thing,1\n"  # row 4: unknown indicator
        "E06000003,overcrowding,lots\n"  # row 5: not a number
        "E06000001,overcrowding,3.6\n"  # row 6: a second value
        ",fuel-poverty,2\n",  # row 7: no place
    )
    report = import_values(path, year=2024)
    assert [(row, column) for row, column, _ in report.errors] == [
        (3, "place"),
        (4, "indicator"),
        (5, "value"),
        (6, "value"),
        (7, "place"),
    ]
    messages = {row: message for row, _, message in report.errors}
    assert "E99999999" in messages[3] and "no-such-thing" in messages[4]
    assert "'lots' is not a number" in messages[5] and "second value" in messages[6]
    assert not IndicatorValue.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.INVALID


def test_a_wide_error_names_the_indicators_column(society, tmp_path):
    path = _csv(tmp_path, "place,overcrowding,fuel-poverty\nE06000001,3,n/a\n")
    report = import_values(path, year=2024)
    assert report.errors == [(2, "fuel-poverty", "'n/a' is not a number")]
    assert not IndicatorValue.objects.exists()


def test_the_command_prints_errors_by_row_and_column(society, tmp_path, capsys):
    path = _csv(tmp_path, "place,indicator,value\nNowhere,overcrowding,1\n")
    with pytest.raises(CommandError, match="1 errors; nothing was imported"):
        call_command("insight_import", str(path), year=2024)
    assert "row 2, column place: unknown place 'Nowhere'" in capsys.readouterr().err
    assert not IndicatorValue.objects.exists()


def test_a_dry_run_writes_nothing(society, tmp_path, capsys):
    call_command("insight_import", str(_csv(tmp_path, LONG)), year=2024, dry_run=True)
    assert "nothing was written" in capsys.readouterr().out
    assert not IndicatorValue.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.CHECKED


def test_the_same_values_again_are_recognised_and_refused(society, tmp_path):
    import_values(_csv(tmp_path, LONG), year=2024)
    again = import_values(_csv(tmp_path, LONG, "again.csv"), year=2024)
    assert "imported for 2024 before" in again.refusal and not again.written
    assert IndicatorValue.objects.count() == 3
    # Another year, or corrected values, are new.
    assert import_values(_csv(tmp_path, LONG, "other.csv"), year=2023).written
    corrected = import_values(_csv(tmp_path, LONG.replace("3.5", "3.4"), "c.csv"), year=2024)
    assert corrected.written and corrected.updated == 3 and corrected.created == 0


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("values.txt", b"x", "must be .csv or .xlsx"),
        ("values.csv", b"", "empty"),
        ("values.csv", b"place,value\nE06000001,1\n", "unknown indicator column(s): value"),
        ("values.csv", b"indicator,value\nx,1\n", "missing column 'place'"),
        ("values.csv", b"place,indicator,value\n\xff,x,1\n", "not UTF-8"),
        ("values.xlsx", b"not a workbook", "cannot read the XLSX file"),
    ],
)
def test_unreadable_files_are_refused_whole(society, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    report = import_values(path, year=2024)
    assert report.error_count == 1 and message in report.errors[0][2]
    assert not IndicatorValue.objects.exists()


def test_excels_unicode_text_is_read(society, tmp_path):
    """UTF-16 with a byte-order mark and tabs: what Excel's "Unicode text" saves."""
    path = tmp_path / "values.csv"
    path.write_bytes(LONG.replace(",", "\t").encode("utf-16"))
    report = import_values(path, year=2024)
    assert report.written and report.values == 3


def test_a_stray_value_past_the_last_column_is_a_row_error(society, tmp_path):
    path = _csv(
        tmp_path,
        "place,indicator,value\nE06000001,overcrowding,3.5\nE06000002,overcrowding,4,oops\n",
    )
    report = import_values(path, year=2024)
    assert not report.written
    assert [(row, column) for row, column, _ in report.errors] == [(3, "4 (no heading)")]
    assert "'oops' is past the last one" in report.errors[0][2]
    assert not IndicatorValue.objects.exists()


def test_two_columns_named_alike_are_refused(society, tmp_path):
    report = import_values(_csv(tmp_path, "place,Value,value,indicator\nx,1,2,y\n"), year=2024)
    assert report.errors == [(0, "", "two columns have the same name")]
