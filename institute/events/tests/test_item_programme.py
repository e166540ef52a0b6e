"""An item's page as a finished event page: venue and map link, agenda, speakers with
portraits, sponsor with logo, price, places left, the one primary action in each state,
what a past item achieved, its JSON-LD, and queries that do not grow with the programme."""

import datetime as dt
import json
import re
from urllib.parse import quote_plus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from institute.events import selectors, services
from institute.events.demo_programme import portrait, wordmark
from institute.events.models import AgendaItem, Booking, ItemResource, Speaker
from institute.people.models import Organisation

pytestmark = pytest.mark.django_db


def _json_ld(response):
    match = re.search(
        rb'<script type="application/ld\+json">(.*?)</script>', response.content, re.S
    )
    return json.loads(match.group(1))


def _text(response):
    return response.content.decode()


@pytest.fixture
def sponsor(db):
    return Organisation.objects.create(
        name="Demo Cloud Ltd",
        slug="demo-cloud",
        type=Organisation.Type.PARTNER,
        website="https://cloud.example/",
    )


def _dress(item, *, speakers=1, sessions=1, resources=()):
    item.speakers = [
        Speaker(
            name=f"Speaker {n}",
            role="Chief digital officer",
            organisation=f"Council {n}",
            bio=f"Biography {n}.",
            photo=portrait(f"Speaker {n}"),
        )
        for n in range(speakers)
    ]
    item.agenda = [
        AgendaItem(
            day=1,
            starts_at=dt.time(9 + n % 8, 0),
            title=f"Session {n}",
            speaker=f"Speaker {n % max(speakers, 1)}",
            description=f"About session {n}.",
        )
        for n in range(sessions)
    ]
    item.resources = [ItemResource(page=page) for page in resources]
    item.save()
    return item


@pytest.fixture
def conference(make_item, sponsor):
    item = make_item(
        "Spring conference",
        format="in-person",
        venue="The Conference Centre",
        address="1 Kings Road\nBrighton\nBN1 2GR",
        capacity=3,
        member_price=95,
        non_member_price=195,
        price_includes="lunch and refreshments",
        sponsor=sponsor,
        sponsor_logo=wordmark("Demo Cloud Ltd"),
    )
    return _dress(item, speakers=2, sessions=3)


def test_venue_address_and_a_map_link_built_from_them(client, conference):
    content = _text(client.get(conference.url))
    assert "The Conference Centre" in content and "BN1 2GR" in content
    query = quote_plus("The Conference Centre, 1 Kings Road, Brighton, BN1 2GR")
    assert f"https://www.openstreetmap.org/search?query={query}" in content
    assert "<iframe" not in content


def test_virtual_item_says_the_joining_link_is_emailed(client, make_item):
    item = make_item(
        "Webinar", kind="webinars", format="virtual", joining_link="https://x.example/j"
    )
    content = _text(client.get(item.url))
    assert "the joining link is e-mailed when you book" in content
    assert "openstreetmap" not in content and "x.example/j" not in content


def test_agenda_lists_sessions_by_time_and_links_speakers_to_their_cards(client, make_item):
    item = make_item("Two-day summit", hours=30)
    item.speakers = [Speaker(name="Ada Lovelace", role="Keynote")]
    item.agenda = [
        AgendaItem(day=2, starts_at=dt.time(9, 30), title="Second day opens"),
        AgendaItem(
            day=1, starts_at=dt.time(14, 0), ends_at=dt.time(15, 0), title="Afternoon panel"
        ),
        AgendaItem(day=1, starts_at=dt.time(9, 0), title="Keynote", speaker="Ada Lovelace"),
    ]
    item.save()
    content = _text(client.get(item.url))
    order = [content.index(t) for t in ("Keynote</p>", "Afternoon panel", "Second day opens")]
    assert order == sorted(order)
    assert "Day 1" in content and "Day 2" in content
    assert '<a href="#speaker-1">Ada Lovelace</a>' in content
    assert 'id="speaker-1"' in content


def test_speakers_are_cards_with_portraits_and_alt_text(client, conference):
    content = _text(client.get(conference.url))
    assert content.count('class="card card--person"') == 2
    assert 'alt="Placeholder portrait of Speaker 0: the initials S0"' in content
    assert re.search(r'<img class="card__image" src="[^"]+\.png"[^>]*width="192"', content)
    assert "Chief digital officer, Council 1" in content and "Biography 1." in content


def test_sponsor_shows_its_logo_with_alt_text_and_links_to_its_site(client, conference):
    content = _text(client.get(conference.url))
    assert "Sponsored by" in content
    assert '<a href="https://cloud.example/" rel="noopener" class="event__sponsor-logo">' in content
    assert 'alt="Demo Cloud Ltd logo"' in content


def test_prices_for_members_and_non_members_and_what_they_include(client, conference):
    content = _text(client.get(conference.url))
    assert "<strong>£95</strong> for members" in content
    assert "<strong>£195</strong> for non-members" in content
    assert "Includes lunch and refreshments" in content


def test_a_free_item_says_free(client, make_item):
    content = _text(client.get(make_item("Drop-in").url))
    assert "<strong>Free</strong>" in content and "for members" not in content


def test_open_item_invites_visitors_to_sign_in_to_book(client, conference):
    content = _text(client.get(conference.url))
    book = reverse("events:book", args=[conference.occurrences.get().pk])
    assert "3 places left of 3" in content
    assert f'<a class="button event__action" href="{book}">Sign in to book' in content


def test_open_item_offers_a_member_one_book_button(client, conference, member):
    client.force_login(member)
    content = _text(client.get(conference.url))
    assert content.count('class="event__action"') == 1
    assert "Book a place" in content


def test_full_item_offers_the_waiting_list(client, conference, make_member):
    occurrence = conference.occurrences.get()
    for _ in range(3):
        services.booking_create(occurrence=occurrence, user=make_member())
    anonymous = _text(client.get(conference.url))
    assert "Fully booked" in anonymous and "Sign in to join the waiting list" in anonymous
    client.force_login(make_member())
    content = _text(client.get(conference.url))
    assert "Join the waiting list" in content and "Book a place" not in content


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_closed_item_offers_no_booking(client, make_item, status):
    item = make_item("Roundtable", status=status)
    content = _text(client.get(item.url))
    assert "Booking closed" in content
    assert reverse("events:book", args=[item.occurrences.get().pk]) not in content


def test_past_item_shows_attendance_money_raised_and_resources_without_booking(
    client, make_item, make_member, home
):
    from tests.factories import resources as resource_factories

    hub = resource_factories.hub_page(home)
    slides = resource_factories.resource(hub, title="Conference slides")
    item = make_item("Last year's conference", days=-30, charity="MindOut", amount_raised=2629)
    _dress(item, speakers=1, sessions=1, resources=[slides])
    occurrence = item.occurrences.get()
    for came in (True, True, False):
        Booking.objects.create(
            occurrence=occurrence,
            user=make_member(),
            status="confirmed",
            attended=came,
            created_at=occurrence.start - dt.timedelta(days=7),
        )
    content = _text(client.get(item.url))
    assert '<strong class="event__figure">2</strong> people' in content
    assert '<strong class="event__figure">£2,629</strong> raised for MindOut' in content
    assert "Resources and recordings" in content and "Conference slides" in content
    assert reverse("events:book", args=[occurrence.pk]) not in content
    assert "event__action" not in content and "Add to your calendar" not in content
    ids = list(item.occurrences.values_list("pk", flat=True))
    assert selectors.attendance_count(occurrence_ids=ids) == 2


def test_json_ld_names_performers_sponsor_address_and_offers(client, conference):
    data = _json_ld(client.get(conference.url))
    performer = data["performer"][0]
    assert performer["name"] == "Speaker 0"
    assert performer["jobTitle"] == "Chief digital officer"
    assert performer["affiliation"] == {"@type": "Organization", "name": "Council 0"}
    assert performer["image"].startswith("http://testserver/")
    assert data["sponsor"]["url"] == "https://cloud.example/"
    assert data["sponsor"]["logo"].startswith("http://testserver/")
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Institute",
        "url": "http://testserver/",
    }
    address = data["location"]["address"]
    assert address["postalCode"] == "BN1 2GR"
    assert address["streetAddress"] == "1 Kings Road, Brighton"
    assert {o["price"] for o in data["offers"]} == {"95.00", "195.00"}
    assert data["offers"][0]["validThrough"] == data["endDate"]


def test_a_published_change_to_the_programme_shows_at_once(client, conference):
    client.get(conference.url)
    conference.agenda.add(AgendaItem(day=1, starts_at=dt.time(17, 0), title="Drinks"))
    conference.save_revision().publish()
    assert "Drinks" in _text(client.get(conference.url))


def test_preview_shows_the_editors_unsaved_agenda(make_item):
    item = make_item("Previewed conference")
    item.agenda = [AgendaItem(day=1, starts_at=dt.time(10, 0), title="Draft session")]
    assert "Draft session" in item.make_preview_request().content.decode()


def _queries(client, url, *, cold):
    client.get(url)  # renditions exist and per-process caches are warm, as on a live site
    if cold:
        cache.clear()  # the programme is worked out again, as after a content change
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("cold", [False, True], ids=["cached", "after-a-change"])
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "member"])
def test_item_page_queries_do_not_grow_with_speakers_agenda_or_resources(
    client, make_item, member, home, sponsor, settings, signed_in, cold
):
    from tests.factories import resources as resource_factories

    settings.PAGE_CACHE_SECONDS = 0
    hub = resource_factories.hub_page(home)
    pages = [resource_factories.resource(hub, title=f"Outcome {n}") for n in range(4)]
    logo = wordmark("Demo Cloud Ltd")
    small = _dress(make_item("Small", sponsor=sponsor, sponsor_logo=logo), resources=pages[:1])
    large = _dress(
        make_item("Large", sponsor=sponsor, sponsor_logo=logo),
        speakers=6,
        sessions=14,
        resources=pages,
    )
    if signed_in:
        client.force_login(member)
    few = _queries(client, small.url, cold=cold)
    assert _queries(client, large.url, cold=cold) == few
    if not signed_in and not cold:
        assert few <= 12
    content = _text(client.get(large.url))
    assert content.count('class="card card--person"') == 6
    assert content.count('class="agenda__session"') == 14


def test_editors_fill_the_programme_in_the_admin(client, conference, staff):
    client.force_login(staff)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[conference.pk]))
    content = _text(response)
    assert response.status_code == 200
    for field in (
        "agenda-0-starts_at",
        "speakers-0-photo",
        "speakers-0-bio",
        "sponsor_logo",
        "price_includes",
        "resources-TOTAL_FORMS",
    ):
        assert f'name="{field}"' in content, field


def test_a_logo_without_a_description_is_named_after_the_sponsor(client, make_item, sponsor):
    logo = wordmark("Unnamed")
    logo.description = ""
    logo.save()
    item = make_item("Sponsored webinar", sponsor=sponsor, sponsor_logo=logo)
    assert 'alt="Demo Cloud Ltd logo"' in _text(client.get(item.url))
