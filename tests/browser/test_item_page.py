"""An item's page in a real browser, with a full programme: axe clean, nothing scrolls sideways
at 320, 390 or 1280 px, the heading on a phone's first screen — for an item still to come
and for one that is over."""

import datetime as dt

import pytest
from django.utils import timezone

from institute.events.demo_programme import PROGRAMMES, dress
from institute.events.models import Booking
from institute.people.models import Organisation, User
from tests.browser.fixtures import assert_accessible
from tests.factories.events import add_item, ensure_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 390, 1280)
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def items(home):
    Organisation.objects.create(
        name="Microsoft",
        slug="microsoft",
        type=Organisation.Type.PARTNER,
        website="https://a.example/",
    )
    calendar = ensure_calendar(home)
    now = timezone.now().replace(second=0, microsecond=0)
    common = {
        "kind": "events",
        "sub_kind": "conference",
        "region": "south-east",
        "format": "hybrid",
        "venue": "Brighton",
        "member_price": 295,
        "non_member_price": 495,
        "summary": "Two days with local government innovators.",
    }
    upcoming = add_item(
        calendar,
        title="President's Conference with a rather long title to wrap on phones",
        slug="conference-to-come",
        start=now + dt.timedelta(days=20),
        end=now + dt.timedelta(days=21, hours=7),
        **common,
    )
    past = add_item(
        calendar,
        title="President's Conference 2023",
        slug="conference-past",
        start=now - dt.timedelta(days=60),
        end=now - dt.timedelta(days=59),
        charity="MindOut",
        amount_raised=2629,
        **common,
    )
    plan = PROGRAMMES["presidents-conference-2023"]
    dress(upcoming, plan)
    dress(past, plan)
    occurrence = past.occurrences.get()
    for n in range(3):
        user = User.objects.create(username=f"p{n}@example.org", email=f"p{n}@example.org")
        Booking.objects.create(
            occurrence=occurrence,
            user=user,
            status="confirmed",
            attended=True,
            created_at=occurrence.start - dt.timedelta(days=9),
        )
    return upcoming, past


@pytest.mark.parametrize("which", ["upcoming", "past"])
def test_item_page_fits_every_width_and_is_accessible(
    live_server, _playwright_browser, items, which
):
    item = items[0] if which == "upcoming" else items[1]
    url = live_server.url + item.url
    for width in WIDTHS:
        context = _playwright_browser.new_context(
            viewport={"width": width, "height": PHONE["height"]}, locale="en-GB"
        )
        page = context.new_page()
        page.goto(url)
        scroll, inner = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll <= inner, f"{which} at {width}px scrolls sideways ({scroll} > {inner})"
        if width == PHONE["width"]:
            bottom = page.evaluate(
                "() => document.querySelector('h1').getBoundingClientRect().bottom"
            )
            assert bottom <= PHONE["height"]
        portraits = page.locator(".card--person img")
        assert portraits.count() == 6
        assert all(portraits.nth(n).get_attribute("alt") for n in range(6))
        assert_accessible(page)
        context.close()


def test_agenda_speaker_link_leads_to_the_speaker_card(live_server, browser_page, items):
    browser_page.goto(live_server.url + items[0].url)
    browser_page.get_by_role("link", name="Helen Marsh").first.click()
    assert browser_page.evaluate("() => location.hash") == "#speaker-2"
    assert browser_page.locator("#speaker-2").is_visible()
