"""Benchmarking in a real browser: the survey by keyboard only; axe on every page type."""

import datetime

import pytest
from django.test import Client

from institute.benchmarking.definitions import normalise
from institute.benchmarking.models import Cycle, Participant, Response
from institute.benchmarking.results import compute_results
from institute.benchmarking.services import action_create, module_load
from tests.browser.fixtures import assert_accessible
from tests.factories.benchmarking import SMALL_MODULE, add_responses, make_cycle
from tests.factories.people import make_coordinator, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def version(home):
    return module_load(definition=normalise(SMALL_MODULE))[0]


@pytest.fixture
def link(version):
    cycle = make_cycle(version, year=2024, organisations=[make_organisation("Norfolk")])
    return cycle.participants.get().links.get()


@pytest.fixture
def closed(version):
    orgs = [make_organisation(f"Council {i}") for i in range(6)]  # peers: 5 besides each
    cycle = make_cycle(version, year=2023, organisations=orgs, status=Cycle.Status.CLOSED)
    for i, participant in enumerate(cycle.participants.order_by("organisation__name")):
        add_responses(
            participant,
            version,
            {
                "internet-solutions": [5] * (30 + i) + [2] * 10,
                "training-suspicious-links": [1] * 5 + [0] * 35,
            },
        )
    compute_results([cycle.pk])
    return orgs


def _sign_in_as(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _tab_to(page, selector, limit=60):
    """Press Tab until the focused element matches the selector (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"could not reach {selector} with the Tab key")


def test_survey_can_be_completed_by_keyboard_only(live_server, browser_page, link):
    page = browser_page
    page.goto(live_server.url + link.get_absolute_url())
    _tab_to(page, "input[name='q-internet-solutions']")
    page.keyboard.press("ArrowRight")  # moves through the scale and selects
    page.keyboard.press("ArrowRight")
    _tab_to(page, "input[name='q-training-suspicious-links']")
    page.keyboard.press("Space")
    _tab_to(page, "button[value='next']")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=section 2 of 2")
    _tab_to(page, "input[name='q-learning-topics']")
    page.keyboard.press("Space")
    _tab_to(page, "button[value='submit']")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Thank you')")
    response = Response.objects.get()
    values = sorted(response.answers.values_list("question__key", "value"))
    assert values == [
        ("internet-solutions", 3.0),
        ("learning-topics", 1.0),
        ("training-suspicious-links", 1.0),
    ]


def test_survey_page_is_accessible(live_server, browser_page, link):
    browser_page.goto(live_server.url + link.get_absolute_url())
    assert_accessible(browser_page)


def test_survey_with_errors_is_accessible(live_server, browser_page, link):
    browser_page.goto(live_server.url + link.get_absolute_url())
    browser_page.get_by_role("button", name="Next section").click()
    browser_page.wait_for_selector("text=There is a problem with your answers")
    assert_accessible(browser_page)


def test_summary_page_is_accessible(live_server, browser_page, closed):
    browser_page.goto(live_server.url + "/benchmarking/2023/")
    assert browser_page.get_by_role("heading", level=1).inner_text().startswith("Benchmarking 2023")
    assert browser_page.locator("svg.chart--distribution").count() >= 1
    assert_accessible(browser_page)


def test_report_prints_with_its_charts_and_tables(live_server, browser_page, closed):
    _sign_in_as(browser_page, live_server, make_coordinator(closed[0]))
    browser_page.goto(live_server.url + f"/benchmarking/2023/{closed[0].slug}/")
    browser_page.emulate_media(media="print")
    assert browser_page.locator("svg.chart--distribution").first.is_visible()
    assert browser_page.locator("table.data-table--distribution").first.is_visible()
    assert not browser_page.locator(".report-actions").first.is_visible()


def test_coordinator_opens_report_and_it_is_accessible(live_server, browser_page, closed):
    _sign_in_as(browser_page, live_server, make_coordinator(closed[0]))
    browser_page.goto(live_server.url + "/benchmarking/")
    browser_page.goto(live_server.url + f"/benchmarking/2023/{closed[0].slug}/")
    assert browser_page.locator("svg.chart").count() >= 1
    assert browser_page.locator("svg.chart--distribution").count() >= 1
    assert browser_page.locator("table.data-table--distribution").count() >= 1
    assert_accessible(browser_page)


# The page does not scroll sideways: a wide table scrolls within its own region.
SCROLLS_SIDEWAYS = "() => document.documentElement.scrollWidth > window.innerWidth"


def test_action_plan_page_is_accessible(live_server, browser_page, closed):
    organisation = closed[0]
    coordinator = make_coordinator(organisation)
    action_create(
        participant=Participant.objects.get(organisation=organisation, cycle__year=2023),
        user=coordinator,
        title="Run phishing awareness sessions for every team in the council",
        owner="Head of digital",
        due_date=datetime.date(2024, 6, 30),
    )
    _sign_in_as(browser_page, live_server, coordinator)
    url = f"/benchmarking/2023/{organisation.slug}/actions/?question=training-suspicious-links"
    browser_page.goto(live_server.url + url)
    assert_accessible(browser_page)
    browser_page.set_viewport_size({"width": 320, "height": 800})
    assert not browser_page.evaluate(SCROLLS_SIDEWAYS)


def test_dashboard_is_accessible(live_server, browser_page, link):
    _sign_in_as(browser_page, live_server, make_coordinator(link.participant.organisation))
    browser_page.goto(live_server.url + "/benchmarking/my/")
    assert_accessible(browser_page)
    browser_page.set_viewport_size({"width": 320, "height": 800})
    assert browser_page.locator(".table-wrap[role=region][tabindex='0'] table").count() == 1
    assert not browser_page.evaluate(SCROLLS_SIDEWAYS)


def _overflow(page):
    """How far the widest part of the page's content runs past the viewport (the site's
    header is measured by the roof's own tests)."""
    return page.evaluate(
        """() => {
            const main = document.querySelector("main");
            const right = Math.max(...[main, ...main.querySelectorAll("*")]
                .filter(e => e.getClientRects().length)
                .map(e => e.getBoundingClientRect().right));
            return Math.max(main.scrollWidth - main.clientWidth, right - window.innerWidth);
        }"""
    )


@pytest.mark.parametrize("width", [320, 1280])
def test_report_and_summary_never_scroll_sideways(live_server, browser_page, closed, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    _sign_in_as(page, live_server, make_coordinator(closed[0]))
    for path in (f"/benchmarking/2023/{closed[0].slug}/", "/benchmarking/2023/"):
        page.goto(live_server.url + path)
        for details in page.locator("details.report-history").all():
            details.locator("summary").click()
        assert _overflow(page) <= 0, (path, width)


def test_summary_tables_reflow_on_a_phone(live_server, browser_page, closed):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/benchmarking/2023/")
    cell = page.locator("table.data-table--reflow td[data-label]").first
    assert cell.evaluate("c => getComputedStyle(c).display") == "block"
    assert cell.evaluate("c => getComputedStyle(c, '::before').content") != "none"
    assert _overflow(page) <= 0
    assert_accessible(page)


def test_report_summary_comes_first_and_is_accessible_on_a_phone(live_server, browser_page, closed):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in_as(page, live_server, make_coordinator(closed[0]))
    page.goto(live_server.url + f"/benchmarking/2023/{closed[0].slug}/")
    headings = page.locator("h2").all_inner_texts()
    assert headings.index("Summary") < headings.index("User skills")
    assert_accessible(page)
