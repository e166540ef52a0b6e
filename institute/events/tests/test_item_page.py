"""An item's page: facts, places, booking controls, JSON-LD, and what only booked people see."""

import datetime as dt
import json
import re

import pytest

from institute.events import services

pytestmark = pytest.mark.django_db


def _json_ld(response):
    match = re.search(
        rb'<script type="application/ld\+json">(.*?)</script>', response.content, re.S
    )
    return json.loads(match.group(1))


@pytest.fixture
def webinar(make_item):
    return make_item(
        "Cyber resilience webinar",
        kind="webinars",
        format="virtual",
        capacity=2,
        joining_link="https://meet.example/secret-room",
        summary="What leaders need to know.",
    )


def test_item_page_shows_places_left(client, webinar):
    response = client.get(webinar.url)
    assert response.status_code == 200
    assert b"2 places left of 2" in response.content


def test_joining_link_is_hidden_from_anonymous_visitors(client, webinar):
    assert b"secret-room" not in client.get(webinar.url).content


def test_joining_link_is_hidden_from_members_without_a_place(client, webinar, member):
    client.force_login(member)
    assert b"secret-room" not in client.get(webinar.url).content


def test_joining_link_is_shown_to_a_member_with_a_place(client, webinar, member):
    services.booking_create(occurrence=webinar.occurrences.get(), user=member)
    client.force_login(member)
    assert b"https://meet.example/secret-room" in client.get(webinar.url).content


def test_anonymous_page_is_the_same_after_someone_books(client, webinar, member):
    before = client.get(webinar.url).content
    client.force_login(member)
    client.get(webinar.url)
    client.logout()
    from django.core.cache import cache

    cache.clear()
    after = client.get(webinar.url).content
    assert before == after
    assert b"csrfmiddlewaretoken" not in after


def test_json_ld_describes_an_online_event_with_offers(client, webinar):
    data = _json_ld(client.get(webinar.url))
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["@type"] == "VirtualLocation"
    assert {offer["name"] for offer in data["offers"]} == {"Members", "Non-members"}
    assert "secret-room" not in json.dumps(data)


def test_json_ld_of_an_in_person_event_has_a_place(client, make_item):
    item = make_item("Conference", format="in-person", venue="The Brighton Centre")
    data = _json_ld(client.get(item.url))
    assert data["location"] == {
        "@type": "Place",
        "name": "The Brighton Centre",
        "address": "National",
    }


def test_cancelled_item_says_so_and_offers_no_booking(client, make_item):
    item = make_item("Roundtable", status="cancelled")
    response = client.get(item.url)
    assert b"This will not take place" in response.content
    assert b"Book a place" not in response.content
    assert _json_ld(response)["eventStatus"] == "https://schema.org/EventCancelled"


def test_page_has_open_graph_event_tags(client, webinar):
    content = client.get(webinar.url).content
    assert b'<meta property="og:type" content="event">' in content
    assert b"What leaders need to know." in content


def test_add_to_calendar_links_are_offered(client, webinar):
    content = client.get(webinar.url).content.decode()
    assert f"{webinar.url}calendar.ics" in content
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in content
    assert "outlook.office.com/calendar" in content


def test_partner_contact_sees_sold_out_to_partners(client, make_item, partner_contact):
    item = make_item("Partner-heavy event", capacity=5, partner_allocation=1)
    services.booking_create(occurrence=item.occurrences.get(), user=partner_contact())
    client.force_login(partner_contact())
    assert b"Sold out to partners" in client.get(item.url).content


def test_series_lists_each_upcoming_date(client, make_item):
    item = make_item("Monthly drop-in", recurrence="FREQ=MONTHLY;COUNT=4")
    content = client.get(item.url).content
    assert content.count(b'id="occurrence-') == 4


def _invalid(item, **changes):
    from django.core.exceptions import ValidationError

    for name, value in changes.items():
        setattr(item, name, value)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    return set(error.value.message_dict)


def test_editor_cannot_give_training_an_event_sub_kind(make_item):
    assert "sub_kind" in _invalid(
        make_item(kind="training", sub_kind="workshop"), sub_kind="alumni"
    )


def test_editor_cannot_end_before_the_start(make_item):
    item = make_item()
    assert "end" in _invalid(item, end=item.start)


def test_editor_cannot_use_a_calendar_view_as_a_slug(make_item):
    assert "slug" in _invalid(make_item(), slug="training")


def test_editor_gets_a_message_for_a_nonsense_rule(make_item):
    assert "recurrence" in _invalid(make_item(), recurrence="FREQ=WHENEVER")


def test_sitemap_lists_each_kind_and_sub_kind_view(client, calendar):
    content = client.get("/sitemap.xml").content.decode()
    assert "/calendar/training/workshop/</loc>" in content
    assert "/calendar/webinars/</loc>" in content


def _page_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-process caches a live site always has
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _busy_item(make_item, make_member, home, *, dates, speakers, topics, bookings, related):
    """An item with ``dates`` upcoming dates, speakers, topics, bookings on every date (the
    first date full, with people waiting) and ``related`` resources on its first topic."""
    from institute.core.models import Topic
    from institute.events.models import Booking
    from institute.people.models import Organisation
    from tests.factories import resources as resource_factories

    names = [f"topic-{n}" for n in range(topics)]
    chosen = [Topic.objects.get_or_create(slug=s, defaults={"name": s.title()})[0] for s in names]
    sponsor = Organisation.objects.get_or_create(
        slug="sponsor-ltd", defaults={"name": "Sponsor Ltd", "type": Organisation.Type.PARTNER}
    )[0]
    item = make_item(
        f"Series of {dates}",
        recurrence=f"FREQ=WEEKLY;COUNT={dates}",
        capacity=bookings - 2,
        speakers=[(f"Speaker {n}", "Chief digital officer") for n in range(speakers)],
        topics=chosen,
        sponsor=sponsor,
    )
    hub = resource_factories.hub_page(home)
    for n in range(related):
        resource_factories.resource(hub, title=f"Related {dates}-{n}", topics=chosen[:1])
    people = [make_member() for _ in range(bookings)]
    for occurrence in item.occurrences.all():
        for n, person in enumerate(people):
            Booking.objects.create(
                occurrence=occurrence,
                user=person,
                status="waiting" if n >= item.capacity else "confirmed",
                created_at=occurrence.start - dt.timedelta(days=30 - n),
            )
    return item, people


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "member"])
def test_item_page_queries_do_not_grow_with_dates_bookings_or_related_items(
    client, make_item, make_member, home, settings, signed_in
):
    settings.PAGE_CACHE_SECONDS = 0
    small, small_people = _busy_item(
        make_item, make_member, home, dates=1, speakers=1, topics=1, bookings=3, related=1
    )
    large, large_people = _busy_item(
        make_item, make_member, home, dates=12, speakers=6, topics=4, bookings=15, related=5
    )

    def count(item, people):
        if signed_in:
            client.force_login(people[-1])  # waiting on every date
        return _page_queries(client, item.url)

    few = count(small, small_people)
    assert count(large, large_people) == few
    if not signed_in:
        assert few <= 12
    content = client.get(large.url).content.decode()
    assert content.count('id="occurrence-') == 12
    assert "Speaker 5" in content and "Related 12-4" in content
    if signed_in:
        assert content.count("You are number 2 on the waiting list.") == 12


def test_preview_shows_the_editors_unsaved_speakers(make_item):
    from institute.events.models import Speaker

    item = make_item("Previewed webinar", speakers=[("Saved Speaker", "")])
    item.speakers = [Speaker(name="Draft Speaker", role="Chief data officer")]
    body = item.make_preview_request().content.decode()
    assert "Draft Speaker" in body and "Saved Speaker" not in body
