"""The report as a PDF for boards, and the report page's order: summary first."""

import datetime as dt
import io
import re
import uuid

import pytest
from django.urls import reverse
from django.utils.timezone import now
from pypdf import PdfReader

from institute.benchmarking import pdf, report_pdfs, tasks
from institute.benchmarking.models import Action, ReportPdf
from institute.benchmarking.report_pdfs import report_pdf_version
from institute.benchmarking.results import compute_results
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
    content = b"".join(response.streaming_content) if response.streaming else response.content
    reader = PdfReader(io.BytesIO(content))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


@pytest.fixture
def report_pdf(client, reports, django_capture_on_commit_callbacks):
    """The PDF as a coordinator gets it: asked for, made by the task, then downloaded."""
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    with django_capture_on_commit_callbacks(execute=True):  # the task runs (immediate backend)
        asked = client.get(_url("report_pdf", orgs[0]))
    assert asked.status_code == 302 and asked["Location"] == _url("report_pdf_status", orgs[0])
    assert ReportPdf.objects.get().status == ReportPdf.Status.READY
    response = client.get(_url("report_pdf", orgs[0]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
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
def test_the_task_makes_a_pdf_with_every_heading_and_whole_tables(reports):
    """The background task alone (no request): every section heading of the report, and
    each table's every row, in the extracted text."""
    orgs, cycles = reports
    participant = cycles[2023].participants.get(organisation=orgs[0])
    record = ReportPdf.objects.create(participant=participant, version="v", requested_at=now())
    assert tasks.make_report_pdf.call(record.pk) == ReportPdf.Status.READY
    record.refresh_from_db()
    with record.file.open("rb") as stored:
        text = " ".join(
            re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(stored).pages
        )
    for heading in (
        "Summary",
        "Headline findings",
        "User skills",
        "Everyday tools",
        "I can use the internet to find solutions to work related problems",
        "I would like more training on recognising suspicious weblinks",
    ):
        assert heading in text, heading
    # Each table whole, row by row in reading order: a word broken across lines in a
    # narrow column would split these strings.
    for row in (
        "Group Responses Mean Share favourable 95% interval",
        "Your organisation 40 4.85 95% 83–99%",
        "Sector 240 3.98 66% 60–72%",
        "Group Strongly disagree Disagree Neither agree nor disagree Agree Strongly agree "
        "Responses",
        "Your organisation 0% (0) 5% (2) 0% (0) 0% (0) 95% (38) 40",
        "Sector 0% (0) 34% (82) 0% (0) 0% (0) 66% (158) 240",
        "Group Yes No Responses",
        "Your organisation 10% (4) 90% (36) 40",
        "Sector 10% (24) 90% (216) 240",
        "Year Your organisation Sector 2023 95% 66% 2022 60% 60%",
    ):
        assert row in text, row


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


def test_pdf_says_clearly_when_it_cannot_be_made(
    client, reports, monkeypatch, django_capture_on_commit_callbacks
):
    def missing():
        raise pdf.Unavailable("a system library the PDF library needs is missing (Pango)")

    monkeypatch.setattr(pdf, "_weasyprint", missing)
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_url("report_pdf", orgs[0]))
    for name in ("report_pdf", "report_pdf_status"):
        response = client.get(_url(name, orgs[0]))
        assert response.status_code == 503
        body = response.content.decode()
        assert "not available on this server" in body and "Pango" in body
        assert "Save as PDF" in body and _url("report", orgs[0]) in body


def test_the_request_queues_the_pdf_and_never_lays_it_out(
    client, reports, monkeypatch, django_capture_on_commit_callbacks
):
    def laid_out_in_the_request(*args, **kwargs):
        raise AssertionError("the PDF was laid out in the request")

    monkeypatch.setattr(pdf, "from_html", laid_out_in_the_request)
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    with django_capture_on_commit_callbacks() as queued:  # collected, not run
        asked = client.get(_url("report_pdf", orgs[0]))
        page = client.get(asked["Location"])
        again = client.get(_url("report_pdf_status", orgs[0]))
    assert asked.status_code == 302
    assert len(queued) == 1  # one task, however often the page is asked for
    assert ReportPdf.objects.get().status == ReportPdf.Status.PENDING
    for response in (page, again):
        body = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Your PDF is being prepared</h1>" in body
        assert "data-progress-poll" in body and "benchmarking/progress.js" in body
        assert f'href="{_url("report_pdf_status", orgs[0])}">Check again</a>' in body


def test_two_requests_for_a_stale_pdf_queue_it_once(reports, django_capture_on_commit_callbacks):
    orgs, cycles = reports
    participant = cycles[2023].participants.get(organisation=orgs[0])
    long_ago = now() - dt.timedelta(hours=1)
    ReportPdf.objects.create(participant=participant, version="v1", requested_at=long_ago)
    # Both requests read the record while it was stale, then each tries to queue it again.
    first, second = ReportPdf.objects.get(), ReportPdf.objects.get()
    with django_capture_on_commit_callbacks() as queued:
        for seen in (first, second):
            requeued = report_pdfs._requeue(record=seen, now=now())
            assert requeued is (seen is first)
    assert len(queued) == 1
    assert ReportPdf.objects.get().requested_at > long_ago


def test_ready_page_offers_the_download(client, reports, monkeypatch):
    monkeypatch.setattr(pdf, "from_html", lambda html, base_url: b"%PDF-1.7 stand-in")
    orgs, cycles = reports
    client.force_login(make_coordinator(orgs[0]))
    client.get(_url("report_pdf_status", orgs[0]))
    record = ReportPdf.objects.get()
    tasks.make_report_pdf.call(record.pk)
    body = client.get(_url("report_pdf_status", orgs[0])).content.decode()
    assert "<h1>Your PDF is ready</h1>" in body and "data-progress-poll" not in body
    assert f'href="{_url("report_pdf", orgs[0])}" download>Download the PDF' in body
    response = client.get(_url("report_pdf", orgs[0]))
    assert b"".join(response.streaming_content) == b"%PDF-1.7 stand-in"
    assert 'filename="benchmarking-2023-council-0.pdf"' in response["Content-Disposition"]


def test_new_results_retire_the_stored_pdf(
    client, reports, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(pdf, "from_html", lambda html, base_url: b"%PDF-1.7 stand-in")
    orgs, cycles = reports
    client.force_login(make_coordinator(orgs[0]))
    client.get(_url("report_pdf_status", orgs[0]))
    record = ReportPdf.objects.get()
    tasks.make_report_pdf.call(record.pk)
    record.refresh_from_db()
    storage, name = record.file.storage, record.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks() as after_commit:
        compute_results([cycles[2023].pk])
    assert not ReportPdf.objects.exists()
    assert storage.exists(name)  # the file goes only once the deletion has committed
    for callback in after_commit:
        callback()
    assert not storage.exists(name)
    client.get(_url("report_pdf_status", orgs[0]))
    assert ReportPdf.objects.get().status == ReportPdf.Status.PENDING  # made again


def test_a_pdf_retired_while_it_was_laid_out_is_not_kept(reports, monkeypatch):
    orgs, cycles = reports
    participant = cycles[2023].participants.get(organisation=orgs[0])
    version = uuid.uuid4().hex  # a name no earlier test's file can have
    record = ReportPdf.objects.create(participant=participant, version=version, requested_at=now())

    def laid_out_while_results_change(html, base_url):
        compute_results([cycles[2023].pk])  # retires every stored PDF, this one too
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr(pdf, "from_html", laid_out_while_results_change)
    tasks.make_report_pdf.call(record.pk)
    assert not ReportPdf.objects.exists()
    storage, folder = record.file.storage, f"{now():%Y}"
    kept = storage.listdir(folder)[1] if storage.exists(folder) else []
    assert not [name for name in kept if version[:16] in name]


def test_a_changed_action_plan_or_publication_is_a_new_version():
    import datetime as dt

    plan = {"total": 0, "done": 0}
    base = report_pdf_version(body_key="k", published_at=None, plan=plan)
    assert base == report_pdf_version(body_key="k", published_at=None, plan=dict(plan))
    assert base != report_pdf_version(body_key="k", published_at=None, plan={**plan, "done": 1})
    published = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert base != report_pdf_version(body_key="k", published_at=published, plan=plan)
    assert base != report_pdf_version(body_key="k2", published_at=None, plan=plan)


def test_another_organisations_coordinator_gets_no_pdf(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[1]))
    for name in ("report_pdf", "report_pdf_status"):
        assert client.get(_url(name, orgs[0])).status_code == 403
    assert not ReportPdf.objects.exists()


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
