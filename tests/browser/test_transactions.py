"""Transactions in a real browser: the focused layout of the survey and of booking and
cancelling a place, the error summary's focus and links, the rating scale's order on a
phone, nothing sideways at 320 px, axe on every focused page; the PDF's waiting page."""

import datetime as dt

import pytest
from django.utils import timezone

from institute.benchmarking import report_pdfs
from institute.benchmarking.definitions import normalise
from institute.benchmarking.models import Cycle
from institute.benchmarking.results import compute_results
from institute.benchmarking.services import module_load
from institute.benchmarking.tests.test_report_pdf import needs_pdf
from institute.events.models import Booking
from institute.events.services import booking_create
from institute.people.models import OrganisationRole, User
from tests.browser.fixtures import assert_accessible, sign_in_as
from tests.factories.benchmarking import SMALL_MODULE, add_responses, make_cycle
from tests.factories.events import add_item, ensure_calendar
from tests.factories.people import make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def link(home):
    version = module_load(definition=normalise(SMALL_MODULE))[0]
    cycle = make_cycle(version, year=2024, organisations=[make_organisation("Norfolk")])
    return cycle.participants.get().links.get()


@pytest.fixture
def booked(home):
    """A member with a place at a workshop, and the workshop's occurrence."""
    soon = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=10)
    item = add_item(
        ensure_calendar(home),
        title="Managing and Motivating Remote Teams",
        slug="remote-teams-workshop",
        kind="training",
        sub_kind="workshop",
        region="north-west",
        format="virtual",
        start=soon,
        end=soon + dt.timedelta(hours=3),
        capacity=20,
    )
    occurrence = item.occurrences.get()
    member = User.objects.create_user(username="ada", email="ada@example.org", password="x-Pw0rd!")
    booking_create(occurrence=occurrence, user=member)
    return member, occurrence


def _overflow(page):
    """How far anything on the page runs past the viewport's right edge."""
    return page.evaluate(
        """() => Math.max(
            document.documentElement.scrollWidth - window.innerWidth,
            ...[...document.body.querySelectorAll("*")]
                .filter(e => e.getClientRects().length)
                .map(e => e.getBoundingClientRect().right - window.innerWidth))"""
    )


def _assert_focused_layout(page, way_out):
    assert page.locator("header.focused-header").is_visible()
    assert page.locator(".focused-header .logo").is_visible()
    for chrome in ("nav[aria-label='Main']", "form[role='search']", "nav[aria-label='Footer']"):
        assert page.locator(chrome).count() == 0, chrome
    assert page.get_by_role("link", name=way_out).is_visible()


def test_empty_survey_focuses_the_summary_whose_links_reach_each_field(
    live_server, browser_page, link
):
    page = browser_page
    page.goto(live_server.url + link.get_absolute_url())
    page.get_by_role("button", name="Next section").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert "There is a problem with your answers" in summary.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    links = summary.get_by_role("link")
    assert links.count() == 2
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        page.goto(live_server.url + link.get_absolute_url())  # fresh errors each time
        page.get_by_role("button", name="Next section").click()
        page.locator("[data-error-summary]").get_by_role("link").nth(i).click()
        assert page.evaluate("'#' + document.activeElement.id") == href
        # The field's own error is beside it, and the group names it.
        group = page.locator(f"fieldset:has({href})")
        assert group.locator(".errorlist").is_visible()
        error_id = group.locator(".errorlist").get_attribute("id")
        assert error_id in group.get_attribute("aria-describedby")
    assert_accessible(page)


@pytest.mark.parametrize("width", [320, 390])
def test_survey_scale_keeps_its_order_on_a_phone(live_server, browser_page, link, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + link.get_absolute_url())
    options = page.locator(".survey-options--scale").first.locator(".survey-option")
    boxes = [options.nth(i).bounding_box() for i in range(options.count())]
    labels = options.locator("label").all_inner_texts()
    assert labels[0] == "Strongly disagree" and labels[-1] == "Strongly agree"
    # One column: each option below the one before, all at the same left edge.
    assert all(b["y"] > a["y"] for a, b in zip(boxes, boxes[1:], strict=False))
    assert len({round(b["x"]) for b in boxes}) == 1
    assert _overflow(page) <= 0
    _assert_focused_layout(page, "Leave the survey")
    assert_accessible(page)


def test_survey_scale_is_one_row_left_to_right_on_a_wide_screen(live_server, browser_page, link):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + link.get_absolute_url())
    options = page.locator(".survey-options--scale").first.locator(".survey-option")
    boxes = [options.nth(i).bounding_box() for i in range(options.count())]
    assert all(b["x"] > a["x"] for a, b in zip(boxes, boxes[1:], strict=False))
    assert len({round(b["y"]) for b in boxes}) == 1


def test_survey_thanks_and_unknown_link_pages_are_focused_and_accessible(
    live_server, browser_page, link
):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 800})
    for path in (f"{link.get_absolute_url()}thanks/", "/benchmarking/survey/no-such-link/"):
        page.goto(live_server.url + path)
        _assert_focused_layout(page, "Go to the society’s website")
        assert _overflow(page) <= 0, path
        assert_accessible(page)


def test_booking_and_cancelling_are_focused_and_fit_a_phone(live_server, browser_page, booked):
    member, occurrence = booked
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in_as(page, live_server, member)
    for action in ("book", "cancel"):
        page.goto(f"{live_server.url}/bookings/{occurrence.pk}/{action}/")
        _assert_focused_layout(page, "Back to the event")
        assert _overflow(page) <= 0, action
        assert_accessible(page)
    assert page.get_by_role("button", name="Yes, cancel my place").is_visible()
    page.get_by_role("link", name="No, keep my place").click()
    page.wait_for_url("**/account/bookings/")
    assert Booking.objects.get(user=member).status == "confirmed"


@pytest.fixture
def report(home):
    """A closed year with results; the coordinator of its first organisation; its PDF page."""
    version = module_load(definition=normalise(SMALL_MODULE))[0]
    orgs = [make_organisation(f"Council {i}") for i in range(6)]
    cycle = make_cycle(version, year=2023, organisations=orgs, status=Cycle.Status.CLOSED)
    for participant in cycle.participants.all():
        add_responses(participant, version, {"internet-solutions": [5] * 30 + [2] * 10})
    compute_results([cycle.pk])
    coordinator = User.objects.create_user(
        username="cy", email="cy@example.org", password="x-Pw0rd!", organisation=orgs[0]
    )
    OrganisationRole.objects.create(
        user=coordinator, organisation=orgs[0], role=OrganisationRole.Role.COORDINATOR
    )
    return coordinator, f"/benchmarking/2023/{orgs[0].slug}/pdf/"


def test_pdf_waiting_page_is_accessible_and_fits_a_phone(
    live_server, browser_page, report, monkeypatch
):
    monkeypatch.setattr(report_pdfs, "_enqueue", lambda record: None)  # stays queued
    coordinator, path = report
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in_as(page, live_server, coordinator)
    page.goto(live_server.url + path)
    assert page.get_by_role("heading", level=1).inner_text() == "Your PDF is being prepared"
    assert page.get_by_role("link", name="Check again").is_visible()
    assert _overflow(page) <= 0
    assert_accessible(page)


@needs_pdf
def test_pdf_waiting_page_checks_again_by_itself_and_offers_the_download(
    live_server, browser_page, report
):
    coordinator, path = report
    page = browser_page
    sign_in_as(page, live_server, coordinator)
    # The tests' immediate backend runs the task within this request, after the page has
    # read the PDF as pending: the page must find out by itself.
    page.goto(live_server.url + path)
    assert page.get_by_role("heading", level=1).inner_text() == "Your PDF is being prepared"
    page.get_by_role("heading", name="Your PDF is ready").wait_for(timeout=60_000)
    download = page.get_by_role("link", name="Download the PDF")
    assert download.get_attribute("href").endswith("/report.pdf")
    assert_accessible(page)
