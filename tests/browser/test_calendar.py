"""The calendar in a real browser: find, book, see and cancel by keyboard; axe on every page."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from institute.events.models import Booking
from institute.people.models import User
from tests.browser.fixtures import assert_accessible
from tests.factories.events import add_item, ensure_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme(home):
    calendar = ensure_calendar(home)
    soon = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=10)
    workshop = add_item(
        calendar,
        title="Managing and Motivating Remote Teams",
        slug="remote-teams-workshop",
        kind="training",
        sub_kind="workshop",
        region="north-west",
        format="virtual",
        start=soon,
        end=soon + dt.timedelta(hours=3),
        capacity=20,
        summary="A three-hour Leadership Academy workshop.",
        joining_link="https://meet.example/remote-teams",
    )
    add_item(
        calendar,
        title="President's Conference",
        slug="presidents-conference",
        kind="events",
        sub_kind="conference",
        region="west-midlands",
        format="in-person",
        venue="Birmingham",
        start=soon + dt.timedelta(days=30),
        end=soon + dt.timedelta(days=31),
    )
    return workshop


def _signed_in(browser_page, live_server, user):
    client = Client()
    client.force_login(user)
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _tab_to(page, css, limit=120):
    """Press Tab until the element matching ``css`` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(css) => document.activeElement.matches(css)", css):
            return
    raise AssertionError(f"Could not reach {css} with the Tab key")


def test_calendar_listing_is_accessible(live_server, browser_page, programme):
    browser_page.goto(f"{live_server.url}/calendar/training/?format=virtual")
    assert_accessible(browser_page)


def test_calendar_listing_with_a_bad_filter_is_accessible(live_server, browser_page, programme):
    browser_page.goto(f"{live_server.url}/calendar/?region=nowhere")
    assert browser_page.get_by_role("alert").is_visible()
    assert_accessible(browser_page)


def test_item_page_is_accessible(live_server, browser_page, programme):
    browser_page.goto(live_server.url + programme.url)
    assert_accessible(browser_page)


def test_filtering_updates_the_list_and_the_address_in_place(live_server, browser_page, programme):
    browser_page.goto(f"{live_server.url}/calendar/")
    browser_page.select_option("#calendar-region", "west-midlands")
    browser_page.wait_for_url("**/calendar/?region=west-midlands")
    titles = browser_page.locator(".calendar-list h2").all_inner_texts()
    assert titles == ["President's Conference"]


def test_member_finds_books_sees_and_cancels_by_keyboard(live_server, browser_page, programme):
    member = User.objects.create_user(
        username="ada", email="ada@example.org", password="x-Passw0rd!", first_name="Ada"
    )
    _signed_in(browser_page, live_server, member)
    page = browser_page
    page.goto(f"{live_server.url}/calendar/")
    _tab_to(page, 'a[href="/calendar/training/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/calendar/training/")
    _tab_to(page, "#calendar-q")
    page.keyboard.type("remote")
    page.keyboard.press("Enter")
    page.wait_for_url("**/calendar/training/?q=remote")
    _tab_to(page, f'a[href="{programme.url}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{programme.url}")
    _tab_to(page, "form[action*='/book/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Your place is booked").is_visible()
    assert page.get_by_role("link", name="Join online").is_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/account/bookings/")
    assert page.get_by_role(
        "link", name="Managing and Motivating Remote Teams", exact=True
    ).is_visible()
    assert_accessible(page)
    _tab_to(page, "a[href*='/cancel/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith("Cancel your place at Managing and Motivating Remote Teams on ")
    )
    assert Booking.objects.get(user=member).status == "confirmed"  # asking changed nothing
    assert_accessible(page)
    _tab_to(page, "button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("You have nothing booked").is_visible()
    assert Booking.objects.get(user=member).status == "cancelled"


def test_booking_confirmation_page_is_accessible(live_server, browser_page, programme):
    member = User.objects.create_user(username="bo", email="bo@example.org", password="x-Pw0rd!")
    _signed_in(browser_page, live_server, member)
    browser_page.goto(f"{live_server.url}/bookings/{programme.occurrences.get().pk}/book/")
    assert_accessible(browser_page)


def test_attendee_list_is_accessible(live_server, browser_page, programme):
    staff = User.objects.create_superuser(
        username="st", email="st@example.org", password="x-Pw0rd!"
    )
    _signed_in(browser_page, live_server, staff)
    browser_page.goto(f"{live_server.url}/bookings/{programme.occurrences.get().pk}/attendees/")
    assert_accessible(browser_page)
    # The list scrolls within its own region; the page never scrolls sideways on a phone.
    browser_page.set_viewport_size({"width": 320, "height": 800})
    assert browser_page.locator(".table-wrap[role=region] .calendar-attendees").count() == 1
    assert browser_page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")


def _watch_listing_requests(page):
    seen = []
    page.on(
        "request",
        lambda request: (
            seen.append(request.url)
            if "/calendar/" in request.url and request.resource_type == "fetch"
            else None
        ),
    )
    return seen


def test_arrow_keys_through_the_radios_load_once_and_keep_focus(
    live_server, browser_page, programme
):
    page = browser_page
    page.goto(f"{live_server.url}/calendar/")
    seen = _watch_listing_requests(page)
    # The live region is tagged so we can tell it is the same element afterwards.
    page.evaluate("() => { document.querySelector('[data-calendar-count]').dataset.probe = '1'; }")
    page.locator("#calendar-when-upcoming").focus()
    for key in ("ArrowDown", "ArrowDown", "ArrowDown"):  # upcoming → past → upcoming → past
        page.keyboard.press(key)
    page.wait_for_url("**/calendar/?when=past")
    page.wait_for_timeout(1500)
    assert len(seen) == 1, seen
    assert page.evaluate("() => document.activeElement.id") == "calendar-when-past"
    count = page.locator("[data-calendar-count]")
    assert count.get_attribute("data-probe") == "1", "the live region is updated in place"
    assert count.get_attribute("role") == "status"
    assert count.inner_text().startswith("0 past items")


def test_a_click_on_a_radio_loads_at_once_and_keeps_focus(live_server, browser_page, programme):
    page = browser_page
    page.goto(f"{live_server.url}/calendar/")
    seen = _watch_listing_requests(page)
    page.get_by_label("Past").click()
    page.wait_for_url("**/calendar/?when=past", timeout=800)
    assert len(seen) == 1
    assert page.evaluate("() => document.activeElement.id") == "calendar-when-past"
