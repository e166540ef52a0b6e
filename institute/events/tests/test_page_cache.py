"""Bookings are not content: they leave the page cache alone, except the places they change."""

import pytest

from institute.core import cache as page_cache
from institute.core.demo import child_page
from institute.core.models import StandardPage
from institute.events import services

pytestmark = pytest.mark.django_db


def _hit(client, url):
    return client.get(url).get("X-Page-Cache") == "hit"


@pytest.fixture
def about(home):
    return child_page(home, StandardPage, "about", title="About")


def test_a_booking_does_not_retire_the_page_cache(client, about, make_item, make_member):
    occurrence = make_item(capacity=3).occurrences.get()
    client.get(about.url)
    generation = page_cache.generation()
    services.booking_create(occurrence=occurrence, user=make_member())
    assert page_cache.generation() == generation
    assert _hit(client, about.url)


def test_a_cancellation_does_not_retire_the_page_cache(client, about, make_item, make_member):
    occurrence = make_item(capacity=3).occurrences.get()
    booking = services.booking_create(occurrence=occurrence, user=make_member())
    client.get(about.url)
    services.booking_cancel(booking=booking)
    assert _hit(client, about.url)


def test_publishing_an_item_retires_the_page_cache(client, about, make_item):
    client.get(about.url)
    make_item("New webinar").save_revision().publish()
    assert not _hit(client, about.url)


def test_places_left_are_never_stale_on_a_cached_item_page(client, make_item, make_member):
    item = make_item("Small workshop", capacity=2)
    client.get(item.url)
    assert _hit(client, item.url)
    with_booking = make_item("Other workshop", capacity=2)
    client.get(with_booking.url)
    services.booking_create(occurrence=item.occurrences.get(), user=make_member())
    response = client.get(item.url)
    assert response["X-Page-Cache"] == "miss"
    assert b"1 place left of 2" in response.content
    assert _hit(client, with_booking.url)  # another item's page keeps its places


def test_places_left_are_never_stale_on_a_cached_listing(client, make_item, make_member):
    occurrence = make_item("Small workshop", capacity=2).occurrences.get()
    client.get("/calendar/")
    assert _hit(client, "/calendar/")
    services.booking_create(occurrence=occurrence, user=make_member())
    response = client.get("/calendar/")
    assert response["X-Page-Cache"] == "miss"
    assert b"1 place left" in response.content


def test_a_cancellation_frees_the_place_on_the_cached_listing(client, make_item, make_member):
    occurrence = make_item("Small workshop", capacity=1).occurrences.get()
    booking = services.booking_create(occurrence=occurrence, user=make_member())
    assert b"Fully booked" in client.get("/calendar/").content
    services.booking_cancel(booking=booking)
    assert b"1 place left" in client.get("/calendar/").content
