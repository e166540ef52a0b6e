"""The design system in a real browser: every page type fits a phone (nothing scrolls sideways
at 320, 390 or 1280 px and the heading is on the first screen at 390×844), the collapsed
menu, search and filter panels work by keyboard, and the style guide passes axe in every
state of its components."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from institute.benchmarking.definitions import normalise
from institute.benchmarking.models import Cycle
from institute.benchmarking.results import compute_results
from institute.benchmarking.services import module_load
from institute.events import services as events
from institute.events.models import Occurrence
from institute.newsletter.models import Issue
from institute.people.models import User
from tests.browser.fixtures import assert_accessible
from tests.factories.benchmarking import SMALL_MODULE, add_responses, make_cycle
from tests.factories.membership import make_member
from tests.factories.newsletter import item, make_issue
from tests.factories.people import make_coordinator, make_organisation, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 390, 1280)
PHONE = {"width": 390, "height": 844}

# One page of each type, found in the demo content by its model.
PAGE_MODELS = [
    "StandardPage",
    "NewsIndexPage",
    "NewsPage",
    "CalendarPage",
    "CalendarItemPage",
    "ResourceHubPage",
    "ResourcePage",
    "CollectionPage",
    "PodcastSeriesPage",
    "PodcastEpisodePage",
    "AcademyIndexPage",
    "ProgrammePage",
    "CohortPage",
]


def _closed_year():
    """A closed benchmarking year with results, and an open one with a survey link."""
    version = module_load(definition=normalise(SMALL_MODULE))[0]
    orgs = [make_organisation(f"Council {i}") for i in range(6)]
    cycle = make_cycle(version, year=2023, organisations=orgs, status=Cycle.Status.CLOSED)
    for i, participant in enumerate(cycle.participants.order_by("organisation__name")):
        add_responses(
            participant,
            version,
            {
                "internet-solutions": [5] * (30 + i) + [2] * 10,
                "training-suspicious-links": [1] * 40,
            },
        )
    compute_results([cycle.pk])
    open_cycle = make_cycle(version, year=2024, organisations=[orgs[0]])
    survey = open_cycle.participants.get().links.get().get_absolute_url()
    return orgs[0], survey


@pytest.fixture
def site(home):
    """The demo content of the roof, people, calendar and hub, and benchmarking's own pages."""
    call_command(
        "seed_demo", only=["core", "people", "events", "resources", "academy"], stdout=StringIO()
    )
    organisation, survey = _closed_year()
    first = {}
    for page in Page.objects.live().filter(depth__gt=2).order_by("path").specific():
        first.setdefault(type(page).__name__, page.url)
    public = ["/", "/search/?q=digital", "/topics/", "/accounts/login/", "/accounts/signup/"]
    public += ["/no-such-page/", "/benchmarking/", survey]
    public += [first[name] for name in PAGE_MODELS]
    return {
        "public": public,
        "members": ["/account/", "/benchmarking/my/", "/academy/mine/", "/academy/alumni/"],
        "coordinator": make_member(make_coordinator(organisation)),
        "staff": User.objects.create_superuser(
            username="staff", email="staff@example.org", password="x-Passw0rd!"
        ),
    }


def _sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _layout_problems(page, url, width):
    page.goto(url)
    problems = []
    overflow = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth,"
        " Array.from(document.querySelectorAll('body *')).filter(e => {"
        "   const r = e.getBoundingClientRect();"
        "   return r.width && r.right > window.innerWidth + 1 && !e.closest('.table-wrap');"
        " }).slice(0, 3).map(e => e.tagName + '.' + e.className)]"
    )
    if overflow[0] > overflow[1]:
        problems.append(
            f"{url} at {width}px scrolls sideways ({overflow[0]} > {overflow[1]}): {overflow[2]}"
        )
    if width == PHONE["width"]:
        bottom = page.evaluate("() => document.querySelector('h1').getBoundingClientRect().bottom")
        if bottom > PHONE["height"]:
            problems.append(f"{url}: the h1 ends at {bottom:.0f}px, below the first screen")
    return problems


def _check(browser, live_server, pages, *, signed_in=None, widths=WIDTHS):
    problems = []
    for width in widths:
        context = browser.new_context(
            viewport={"width": width, "height": PHONE["height"]}, locale="en-GB"
        )
        if signed_in is not None:
            _sign_in(context, live_server, signed_in)
        page = context.new_page()
        for path in pages:
            problems += _layout_problems(page, live_server.url + path, width)
        context.close()
    return problems


def test_every_page_type_fits_phones_and_laptops(live_server, _playwright_browser, site):
    browser = _playwright_browser
    problems = _check(browser, live_server, site["public"])
    problems += _check(browser, live_server, site["members"], signed_in=site["coordinator"])
    problems += _check(browser, live_server, ["/styleguide/"], signed_in=site["staff"])
    assert not problems, "\n".join(problems)


def test_benchmarking_summary_and_report_fit_phones_and_laptops(
    live_server, _playwright_browser, home
):
    # The year's summary and an organisation's report: wide tables and charts must fit too.
    organisation, _ = _closed_year()
    coordinator = make_coordinator(organisation)
    pages = ["/benchmarking/2023/", f"/benchmarking/2023/{organisation.slug}/"]
    problems = _check(_playwright_browser, live_server, pages, signed_in=coordinator)
    assert not problems, "\n".join(problems)


def _book_the_next_occurrence(user):
    """A booking for ``user`` at the first coming occurrence that takes one."""
    upcoming = Occurrence.objects.filter(end__gt=timezone.now()).order_by("start")
    for occurrence in upcoming:
        try:
            return events.booking_create(occurrence=occurrence, user=user)
        except events.BookingError:
            continue
    raise AssertionError("the demo calendar has nothing left to book")


def test_review_newsletter_bookings_and_403_fit_phones_and_laptops(
    live_server, _playwright_browser, home
):
    call_command("seed_demo", only=["core", "events", "review"], stdout=StringIO())
    issue = make_issue(
        status=Issue.Status.SENT,
        sections=[
            {
                "key": "news",
                "title": "News",
                "items": [item("A post", summary="Summary.", meta="1 June 2023")],
            }
        ],
    )
    member = make_member(make_user())
    booking = _book_the_next_occurrence(member)
    client = Client()
    client.force_login(member)
    assert booking.occurrence.item.title in client.get("/account/bookings/").content.decode()
    assert client.get("/styleguide/").status_code == 403  # the 403 page, not a redirect
    public = ["/review/", "/review/2023/", "/newsletter/", "/newsletter/subscribe/"]
    public.append(issue.get_absolute_url())
    problems = _check(_playwright_browser, live_server, public)
    members = ["/account/bookings/", "/styleguide/"]
    problems += _check(_playwright_browser, live_server, members, signed_in=member)
    assert not problems, "\n".join(problems)


@pytest.fixture
def phone(_playwright_browser):
    context = _playwright_browser.new_context(viewport=PHONE, locale="en-GB")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _tab_to(page, css, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(css) => document.activeElement.matches(css)", css):
            return
    raise AssertionError(f"Could not reach {css} with the Tab key")


def test_collapsed_menu_opens_and_closes_by_keyboard(live_server, phone, home):
    call_command("seed_demo", only=["core"], stdout=StringIO())
    phone.goto(live_server.url + "/about/")
    menu = phone.locator("#site-header-menu")
    button = phone.get_by_role("button", name="Menu")
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    _tab_to(phone, "button[aria-controls='site-header-menu']")
    phone.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert phone.get_by_role("navigation", name="Main").is_visible()
    phone.keyboard.press("Tab")
    focused = phone.evaluate("() => document.activeElement.closest('#site-header-menu') !== null")
    assert focused, "Tab after the open menu button goes into the menu"
    phone.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    assert phone.evaluate("() => document.activeElement.getAttribute('aria-controls')") == (
        "site-header-menu"
    )
    # Search, just before it, opens with Space; the menu stays closed.
    phone.keyboard.press("Shift+Tab")
    search = phone.locator("button[aria-controls='site-header-search']")
    assert phone.evaluate("() => document.activeElement.getAttribute('aria-controls')") == (
        "site-header-search"
    )
    phone.keyboard.press("Space")
    assert search.get_attribute("aria-expanded") == "true"
    assert not menu.is_visible()
    assert phone.get_by_label("Search the site").is_visible()


def test_header_works_without_javascript(live_server, _playwright_browser, home):
    call_command("seed_demo", only=["core"], stdout=StringIO())
    context = _playwright_browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/about/")
    assert page.get_by_role("navigation", name="Main").is_visible()
    assert page.get_by_label("Search the site").is_visible()
    assert page.locator("[data-disclosure-toggle]").count() == 2
    assert not page.locator("[data-disclosure-toggle]").first.is_visible()
    context.close()


def test_calendar_filter_panel_comes_after_the_count_and_opens_by_keyboard(
    live_server, phone, home
):
    call_command("seed_demo", only=["core", "events"], stdout=StringIO())
    phone.goto(live_server.url + "/calendar/")
    count = phone.locator("[data-calendar-count]").bounding_box()
    toggle = phone.get_by_role("button", name="Filter")
    results = phone.locator(".calendar-list").bounding_box()
    assert count["y"] < toggle.bounding_box()["y"] < results["y"]
    assert results["y"] < PHONE["height"], "the first results are on the first screen"
    assert not phone.get_by_label("Region").is_visible()
    _tab_to(phone, ".filter-panel__toggle")
    phone.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")  # past the panel's search box to the region
    assert phone.evaluate("() => document.activeElement.id") == "calendar-region"
    assert phone.get_by_label("Region").is_visible()


def test_hub_sort_keeps_its_label_and_filters_fold_on_phones(live_server, phone, home):
    call_command("seed_demo", only=["core", "resources"], stdout=StringIO())
    phone.goto(live_server.url + "/resources/")
    assert phone.get_by_label("Sort by").is_visible()
    assert phone.locator("label[for='hub-sort']").is_visible()
    toggle = phone.get_by_role("button", name="Filter")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not phone.get_by_role("heading", name="Filter resources").is_visible()
    count = phone.locator("#results-title").bounding_box()
    first_result = phone.locator(".resource-card").first.bounding_box()
    assert count["y"] < toggle.bounding_box()["y"] < first_result["y"]
    toggle.click()
    assert phone.get_by_role("heading", name="Filter resources").is_visible()
    assert_accessible(phone)


def test_style_guide_passes_axe_in_every_state(live_server, _playwright_browser, home):
    staff = User.objects.create_superuser(
        username="staff", email="staff@example.org", password="x-Passw0rd!"
    )
    for width in (1280, 320):
        context = _playwright_browser.new_context(
            viewport={"width": width, "height": PHONE["height"]}, locale="en-GB"
        )
        _sign_in(context, live_server, staff)
        page = context.new_page()
        page.goto(live_server.url + "/styleguide/")
        for component in (
            ".card",
            ".tag--green",
            ".summary-list",
            ".table-wrap",
            ".error-summary",
            ".notification-banner--success",
            ".notification-banner--warning",
            ".pagination",
            ".filter-panel",
            ".chart-figure__placeholder",
            ".chart-figure .chart--bars",
            ".chart-figure .chart--distribution",
            ".chart-figure .chart--trend",
        ):
            assert page.locator(component).count() >= 1, component
        assert_accessible(page)
        # Every disclosure open (phone), and each chart's table shown.
        for toggle in page.locator("[data-disclosure-toggle]:visible").all():
            toggle.click()
        for summary in page.locator(".chart-figure__data summary").all():
            summary.click()
        for table in ("sample-chart-table", "sample-spread-table", "sample-trend-table"):
            assert page.locator(f"#{table}-caption").is_visible(), table
        assert_accessible(page)
        wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"the style guide scrolls sideways at {width}px"
        context.close()
