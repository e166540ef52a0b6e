"""The report as a PDF for boards, and the report page's order: summary first."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from institute.benchmarking import pdf
from institute.benchmarking.models import Action
from tests.factories.people import make_coordinator

pytestmark = pytest.mark.django_db


def _pdf_available():
    try:
        pdf._weasyprint()
    except pdf.Unavailable as error:
        return str(error)
    return None


UNAVAILABLE = _pdf_available()
needs_pdf = pytest.mark.skipif(
    UNAVAILABLE is not None,
    reason=f"WeasyPrint cannot run here ({UNAVAILABLE}); CI installs libpango-1.0-0 and "
    "libpangoft2-1.0-0 (docs/benchmarking.md)",
)


def _url(name, org, year=2023):
    return reverse(f"benchmarking:{name}", kwargs={"year": year, "organisation": org.slug})


def _pages(response):
    reader = PdfReader(io.BytesIO(response.content))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


@pytest.fixture
def report_pdf(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    response = client.get(_url("report_pdf", orgs[0]))
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return _pages(response)


@needs_pdf
def test_every_page_has_the_report_heading_and_its_number(report_pdf):
    total = len(report_pdf)
    assert total >= 2  # the summary, then the questions from a new page
    for number, text in enumerate(report_pdf, start=1):
        assert "Council 0: benchmarking report 2023" in text, number
        assert f"Page {number} of {total}" in text, number


@needs_pdf
def test_pdf_opens_with_the_summary_and_then_the_sections(report_pdf):
    assert "Summary" in report_pdf[0] and "Headline findings" in report_pdf[0]
    later = " ".join(report_pdf[1:])
    assert "User skills" in later and "Everyday tools" in later
    # The running header names the part of the report each page is in.
    assert any("User skills" in page.split("Page")[0] for page in report_pdf[1:])


@needs_pdf
def test_every_table_in_the_pdf_is_whole_on_one_page(report_pdf):
    """Each table's caption, its rows and its last figure are on the same page."""
    tables = {
        "Figures for “I can use the internet": ["Your organisation", "Sector", "240", "66%"],
        "How the answers to “I can use the internet": ["Strongly agree", "66% (158)", "240"],
        "How the answers to “I would like more training": ["Yes", "No", "10% (24)"],
    }
    for caption, cells in tables.items():
        pages = [page for page in report_pdf if caption in page]
        assert len(pages) == 1, caption
        for cell in cells:
            assert cell in pages[0], (caption, cell)


def test_pdf_says_clearly_when_it_cannot_be_made(client, reports, monkeypatch):
    def missing():
        raise pdf.Unavailable("a system library the PDF library needs is missing (Pango)")

    monkeypatch.setattr(pdf, "_weasyprint", missing)
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    response = client.get(_url("report_pdf", orgs[0]))
    assert response.status_code == 503
    body = response.content.decode()
    assert "not available on this server" in body and "Pango" in body
    assert "Save as PDF" in body and _url("report", orgs[0]) in body


def test_pdf_fetches_only_this_sites_static_files():
    assert pdf.static_file("http://testserver/static/css/benchmarking-report.css").is_file()
    assert pdf.static_file("http://169.254.169.254/latest/meta-data") is None
    assert pdf.static_file("http://testserver/static/../settings/base.py") is None


def test_report_opens_with_its_summary_before_the_questions(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    body = client.get(_url("report", orgs[0])).content.decode()
    order = [
        body.index('id="summary-heading"'),
        body.index('id="headlines-heading"'),
        body.index('id="gaps-heading"'),
        body.index('id="plan-heading"'),
        body.index('<h2 id="m-user-skills">User skills</h2>'),
        body.index(">Everyday tools</h3>"),
        body.index(">I can use the internet to find solutions to work related problems</h4>"),
    ]
    assert order == sorted(order)


def test_report_summary_shows_the_action_plans_status(client, reports):
    orgs, cycles = reports
    participant = cycles[2023].participants.get(organisation=orgs[0])
    for status, due in (
        ("done", "2023-01-31"),
        ("planned", "2020-01-31"),
        ("planned", "2099-01-01"),
    ):
        Action.objects.create(
            participant=participant, title="x", owner="y", status=status, due_date=due
        )
    client.force_login(make_coordinator(orgs[0]))
    body = client.get(_url("report", orgs[0])).content.decode()
    plan = body[body.index('id="plan-heading"') : body.index('id="strengths-heading"')]
    assert "<strong>1</strong> done" in plan and "<strong>2</strong> planned" in plan
    assert "<strong>1</strong> not done by its due date" in plan


def test_report_shows_recent_years_with_every_year_one_click_away(client, reports, module_version):
    from institute.benchmarking.models import Cycle
    from institute.benchmarking.results import compute_results
    from tests.factories.benchmarking import add_responses, make_cycle

    orgs, _ = reports
    for year in (2019, 2020, 2021):
        cycle = make_cycle(
            module_version, year=year, organisations=orgs, status=Cycle.Status.CLOSED
        )
        for p in cycle.participants.all():
            add_responses(p, module_version, {"internet-solutions": [4] * 12})
        compute_results([cycle.pk])
    client.force_login(make_coordinator(orgs[0]))
    body = client.get(_url("report", orgs[0])).content.decode()
    question = body[body.index('id="question-internet-solutions"') :]
    question = question[: question.index("</section>")]
    recent, history = question.split('<details class="report-history">')
    years = re.findall(r'<th scope="row">(\d{4})</th>', recent)
    assert years == ["2023", "2022", "2021"]
    assert re.findall(r'<th scope="row">(\d{4})</th>', history) == [
        "2023",
        "2022",
        "2021",
        "2020",
        "2019",
    ]
    assert "Every year, 2019–2023" in history
