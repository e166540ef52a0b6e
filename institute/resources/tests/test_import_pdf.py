"""manage.py import_pdf: a PDF becomes a draft resource; a bad file creates nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from ..models import ResourcePage
from ..pdf import read_pdf
from .pdf_builder import build_pdf

pytestmark = pytest.mark.django_db

REPORT = [
    [
        (24, "The Power of Digital"),
        (11, "Frontline services are where residents meet their council."),
        (18, "Our five recommendations"),
        (11, "1. Put frontline staff at the centre of design."),
        (11, "2. Invest in data skills across services."),
        (14, "Why it matters"),
        (11, "Well-chosen technology frees officers' time."),
        (11, "- Fewer repeat visits"),
        (11, "- Better data for managers"),
    ],
    [],
]


@pytest.fixture
def report_pdf(tmp_path):
    path = tmp_path / "power-of-digital.pdf"
    path.write_bytes(build_pdf(REPORT))
    return path


def run(*args):
    out = io.StringIO()
    call_command("import_pdf", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_import_creates_a_draft_resource(hub, report_pdf):
    run(report_pdf, "--type", "report")
    page = ResourcePage.objects.get()
    assert page.live is False
    assert page.resource_type == "report"
    assert page.title == "The Power of Digital"


def test_import_keeps_a_revision_for_editors(hub, report_pdf):
    run(report_pdf)
    assert ResourcePage.objects.get().latest_revision is not None


def test_largest_first_page_line_becomes_the_title_not_a_heading(report_pdf):
    draft = read_pdf(report_pdf)
    headings = [b["value"]["text"] for b in draft.blocks if b["type"] == "heading"]
    assert headings == ["Our five recommendations", "Why it matters"]


def test_larger_lines_become_section_and_subsection_headings(report_pdf):
    levels = [b["value"]["level"] for b in read_pdf(report_pdf).blocks if b["type"] == "heading"]
    assert levels == ["h2", "h3"]


def test_body_lines_become_paragraphs(report_pdf):
    texts = [b["value"] for b in read_pdf(report_pdf).blocks if b["type"] == "text"]
    assert "<p>Frontline services are where residents meet their council.</p>" in texts


def test_numbered_and_bulleted_lines_become_lists(report_pdf):
    texts = [b["value"] for b in read_pdf(report_pdf).blocks if b["type"] == "text"]
    assert (
        "<ol><li>Put frontline staff at the centre of design.</li>"
        "<li>Invest in data skills across services.</li></ol>"
    ) in texts
    assert "<ul><li>Fewer repeat visits</li><li>Better data for managers</li></ul>" in texts


def test_import_reports_what_it_could_not_convert(hub, report_pdf):
    output = run(report_pdf)
    assert "Page 2 has no text to convert" in output
    assert "Tables, if any" in output


def test_pdf_metadata_title_wins(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(build_pdf([[(11, "Some text.")]], title="Digital Trends 2023"))
    assert read_pdf(path).title == "Digital Trends 2023"


def test_text_from_the_pdf_is_escaped(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(build_pdf([[(11, "<script>alert(1)</script> in a PDF.")]]))
    assert read_pdf(path).blocks[0]["value"] == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; in a PDF.</p>"
    )


def test_non_pdf_file_gets_a_clear_error_and_creates_nothing(hub, tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("Just some notes, not a PDF.")
    with pytest.raises(CommandError, match="not a PDF file.*Nothing was created"):
        run(path)
    assert not ResourcePage.objects.exists()


def test_broken_pdf_gets_a_clear_error_and_creates_nothing(hub, tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\ngarbage")
    with pytest.raises(CommandError, match="Nothing was created"):
        run(path)
    assert not ResourcePage.objects.exists()


def test_missing_file_gets_a_clear_error(hub, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run(tmp_path / "nowhere.pdf")
