"""History import: long and wide CSV/XLSX, errors by row and column, nothing written on error."""

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from institute.benchmarking.models import Answer, Cycle, Response, Result
from tests.factories.people import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(module_version):
    return [make_organisation("Norfolk County Council"), make_organisation("Cardiff Council")]


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _run(path, *extra):
    call_command(
        "benchmarking_import", str(path), "--year", "2010", "--module", "user-skills", *extra
    )


LONG = (
    "response,organisation,question,value\n"
    "1,norfolk-county-council,internet-solutions,4\n"
    "1,norfolk-county-council,learning-topics,1\n"
    "1,norfolk-county-council,learning-topics,3\n"
    "2,Cardiff Council,internet-solutions,2\n"
    "2,Cardiff Council,training-suspicious-links,0\n"
)


def test_long_csv_is_imported_with_responses_grouped(tmp_path, orgs):
    _run(_write(tmp_path, "long.csv", LONG))
    assert Response.objects.count() == 2
    assert Answer.objects.count() == 5
    assert Cycle.objects.get(year=2010).participants.count() == 2


def test_import_into_a_closed_year_computes_its_results(tmp_path, orgs):
    _run(_write(tmp_path, "long.csv", LONG))
    assert Result.objects.filter(cycle__year=2010, scope="sector").exists()


def test_wide_csv_splits_multiple_choices(tmp_path, orgs):
    text = (
        "organisation,internet-solutions,training-suspicious-links,learning-topics\n"
        "norfolk-county-council,5,1,1;2\n"
        "cardiff-council,3,,\n"
    )
    _run(_write(tmp_path, "wide.csv", text))
    assert Response.objects.count() == 2
    assert sorted(Answer.objects.values_list("value", flat=True)) == [1.0, 1.0, 2.0, 3.0, 5.0]


def test_wide_xlsx_is_imported(tmp_path, orgs):
    book = Workbook()
    sheet = book.active
    sheet.append(["organisation", "internet-solutions", "training-suspicious-links"])
    sheet.append(["Norfolk County Council", 4, 1])
    sheet.append(["Cardiff Council", 5, 0])
    path = tmp_path / "wide.xlsx"
    book.save(path)
    _run(path)
    assert Answer.objects.count() == 4


def test_dry_run_validates_and_writes_nothing(tmp_path, orgs, capsys):
    _run(_write(tmp_path, "long.csv", LONG), "--dry-run")
    assert "nothing was written" in capsys.readouterr().out
    assert Response.objects.count() == 0 and not Cycle.objects.exists()


def test_bad_values_are_reported_by_row_and_column_and_nothing_is_written(tmp_path, orgs, capsys):
    text = (
        "organisation,internet-solutions,training-suspicious-links\n"
        "norfolk-county-council,4,1\n"
        "norfolk-county-council,seven,1\n"
        "nowhere-council,4,1\n"
        "cardiff-council,9,1\n"
    )
    with pytest.raises(CommandError, match="3 errors"):
        _run(_write(tmp_path, "bad.csv", text))
    err = capsys.readouterr().err
    assert "row 3, column internet-solutions: 'seven' is not a number" in err
    assert "row 4, column organisation: unknown organisation 'nowhere-council'" in err
    assert "row 5, column internet-solutions: 9 is not one of this question's answers" in err
    assert Answer.objects.count() == 0 and Response.objects.count() == 0


def test_unknown_question_in_long_layout_is_a_question_column_error(tmp_path, orgs, capsys):
    text = "response,organisation,question,value\n1,cardiff-council,no-such-key,1\n"
    with pytest.raises(CommandError):
        _run(_write(tmp_path, "bad.csv", text))
    assert "row 2, column question: unknown question key 'no-such-key'" in capsys.readouterr().err


def test_wrong_columns_are_refused(tmp_path, orgs):
    with pytest.raises(CommandError, match="missing column 'organisation'"):
        _run(_write(tmp_path, "cols.csv", "name,score\nx,1\n"))
    with pytest.raises(CommandError, match="unknown question column"):
        _run(_write(tmp_path, "cols.csv", "organisation,favourite-colour\ncardiff-council,1\n"))


def test_wrong_encoding_names_the_row(tmp_path, orgs):
    text = "organisation,internet-solutions\ncardiff-council,4\nYnys Môn,4\n"
    with pytest.raises(CommandError, match="row 3: the file is not UTF-8"):
        _run(_write(tmp_path, "latin.csv", text, encoding="latin-1"))
    assert Answer.objects.count() == 0


def test_empty_file_is_refused(tmp_path, orgs):
    with pytest.raises(CommandError, match="empty"):
        _run(_write(tmp_path, "empty.csv", ""))
    with pytest.raises(CommandError, match="no rows"):
        _run(_write(tmp_path, "header.csv", "organisation,internet-solutions\n"))


def test_not_a_spreadsheet_is_refused(tmp_path, orgs):
    with pytest.raises(CommandError, match="cannot read the XLSX"):
        _run(_write(tmp_path, "fake.xlsx", "this is not a workbook"))


def test_huge_cell_is_a_row_error_and_nothing_is_written(tmp_path, orgs, capsys):
    text = (
        f"organisation,internet-solutions\ncardiff-council,4\ncardiff-council,{'9' * 1_000_000}\n"
    )
    with pytest.raises(CommandError, match="1 errors"):
        _run(_write(tmp_path, "huge.csv", text))
    assert "row 3, column internet-solutions" in capsys.readouterr().err
    assert Answer.objects.count() == 0


def test_large_file_imports_every_answer(tmp_path, orgs):
    lines = ["organisation,internet-solutions,training-suspicious-links"]
    lines += [f"cardiff-council,{1 + i % 5},{i % 2}" for i in range(20_000)]
    _run(_write(tmp_path, "large.csv", "\n".join(lines) + "\n"))
    assert Response.objects.count() == 20_000
    assert Answer.objects.count() == 40_000


def test_second_answer_to_one_question_in_a_response_is_an_error(tmp_path, orgs, capsys):
    text = (
        "response,organisation,question,value\n"
        "1,cardiff-council,internet-solutions,4\n"
        "1,cardiff-council,internet-solutions,5\n"
    )
    with pytest.raises(CommandError):
        _run(_write(tmp_path, "dup.csv", text))
    assert "a second answer to the same question" in capsys.readouterr().err


def test_import_adds_participants_with_a_link_per_module_and_reuses_existing_ones(
    tmp_path, orgs, module_version
):
    from institute.benchmarking.models import Participant, SurveyLink
    from institute.benchmarking.services import participant_add

    cycle = Cycle.objects.create(year=2010, status=Cycle.Status.CLOSED)
    cycle.module_versions.add(module_version)
    norfolk = participant_add(cycle=cycle, organisation=orgs[0])
    _run(_write(tmp_path, "long.csv", LONG))
    participants = Participant.objects.filter(cycle=cycle)
    assert sorted(p.organisation.name for p in participants) == [
        "Cardiff Council",
        "Norfolk County Council",
    ]
    assert participants.get(organisation=orgs[0]).pk == norfolk.pk
    links = SurveyLink.objects.filter(participant__cycle=cycle)
    assert sorted(links.values_list("participant__organisation__name", "module_version")) == [
        ("Cardiff Council", module_version.pk),
        ("Norfolk County Council", module_version.pk),
    ]
    assert Response.objects.filter(participant__cycle=cycle).count() == 2


def test_importing_the_same_file_again_is_refused_and_nothing_doubles(tmp_path, orgs):
    path = _write(tmp_path, "long.csv", LONG)
    _run(path)
    with pytest.raises(CommandError, match="imported already, into 2010 from 'long.csv'"):
        _run(path)
    assert Answer.objects.count() == 5 and Response.objects.count() == 2


def test_the_dry_run_reports_a_reimport_too(tmp_path, orgs):
    path = _write(tmp_path, "long.csv", LONG)
    _run(path)
    with pytest.raises(CommandError, match="imported already"):
        _run(path, "--dry-run")


def test_the_same_answers_in_another_order_and_format_are_recognised(tmp_path, orgs):
    _run(_write(tmp_path, "long.csv", LONG))
    header, *rows = LONG.splitlines()
    again = "\n".join([header, *reversed(rows)]) + "\n"
    with pytest.raises(CommandError, match="imported already"):
        _run(_write(tmp_path, "reordered.csv", again))
    assert Answer.objects.count() == 5


def test_different_answers_for_the_same_year_are_imported(tmp_path, orgs):
    _run(_write(tmp_path, "long.csv", LONG))
    _run(_write(tmp_path, "more.csv", LONG.replace("1,norfolk", "3,norfolk")))
    assert Response.objects.count() == 4


def test_a_published_year_takes_no_import(tmp_path, orgs, module_version):
    Cycle.objects.create(year=2010, status=Cycle.Status.PUBLISHED)
    with pytest.raises(CommandError, match="2010 is published"):
        _run(_write(tmp_path, "long.csv", LONG))
    assert Answer.objects.count() == 0


def test_utf16_file_with_a_byte_order_mark_is_read(tmp_path, orgs):
    text = "organisation\tinternet-solutions\nYnys Môn Council\t4\ncardiff-council\t5\n"
    make_organisation("Ynys Môn Council")
    _run(_write(tmp_path, "unicode.csv", text, encoding="utf-16"))
    assert Answer.objects.count() == 2


def test_utf16_file_without_a_byte_order_mark_says_so(tmp_path, orgs):
    text = "organisation,internet-solutions\ncardiff-council,4\n"
    with pytest.raises(CommandError, match="row 1, column 1: the file looks like UTF-16"):
        _run(_write(tmp_path, "unicode.csv", text, encoding="utf-16-le"))


def test_a_row_with_an_extra_value_is_a_row_and_column_error(tmp_path, orgs, capsys):
    text = (
        "organisation,internet-solutions,training-suspicious-links\n"
        "cardiff-council,4,1\n"
        "norfolk-county-council,4,1,1\n"
    )
    with pytest.raises(CommandError, match="1 errors"):
        _run(_write(tmp_path, "extra.csv", text))
    assert (
        "row 3, column 4 (no heading): this row has 4 values but the header names 3 columns"
        in capsys.readouterr().err
    )
    assert Answer.objects.count() == 0


def test_a_formula_without_a_calculated_value_is_a_row_and_column_error(tmp_path, orgs, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(["organisation", "internet-solutions", "training-suspicious-links"])
    sheet.append(["Norfolk County Council", 4, 1])
    sheet.append(["Cardiff Council", "=B2+1", 0])  # openpyxl saves no calculated value
    path = tmp_path / "formula.xlsx"
    book.save(path)
    with pytest.raises(CommandError, match="1 errors"):
        _run(path)
    assert (
        "row 3, column internet-solutions: the formula =B2+1 has no calculated value"
        in capsys.readouterr().err
    )
    assert Answer.objects.count() == 0
