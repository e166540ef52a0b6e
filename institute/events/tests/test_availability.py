"""``selectors.availability``: the one rule for places, read by the service, views and tags."""

import pytest
from django.urls import reverse

from institute.events import selectors, services
from institute.events.templatetags.events_tags import places_left

pytestmark = pytest.mark.django_db


def test_places_left_counts_confirmed_bookings_only(make_item, make_member):
    occurrence = make_item(capacity=2).occurrences.get()
    services.booking_create(occurrence=occurrence, user=make_member())
    services.booking_create(occurrence=occurrence, user=make_member())
    services.booking_create(occurrence=occurrence, user=make_member())  # waiting
    assert selectors.availability(occurrence=occurrence).places_left == 0


def test_read_counts_agree_with_counting_now(make_item, make_member):
    item = make_item(capacity=5)
    occurrence = item.occurrences.get()
    services.booking_create(occurrence=occurrence, user=make_member())
    (annotated,) = selectors.with_places(ids=[occurrence.pk])
    assert selectors.availability(occurrence=annotated).places_left == 4
    assert selectors.availability(occurrence=occurrence).places_left == 4
    assert places_left(occurrence) == 4


def test_partners_sold_out_while_member_places_remain(make_item, partner_contact):
    occurrence = make_item(capacity=5, partner_allocation=1).occurrences.get()
    services.booking_create(occurrence=occurrence, user=partner_contact())
    places = selectors.availability(occurrence=occurrence, partner=True)
    assert places.places_left == 4
    assert places.partners_sold_out
    assert not places.has_place(partner=True)
    assert places.has_place(partner=False)


def test_partner_places_never_exceed_places_left(make_item, make_member):
    occurrence = make_item(capacity=1, partner_allocation=1).occurrences.get()
    services.booking_create(occurrence=occurrence, user=make_member())
    places = selectors.availability(occurrence=occurrence, partner=True)
    assert places.partner_places_left == 0
    assert not places.partners_sold_out  # sold out to everyone, not to partners only


def test_book_page_offers_a_partner_the_waiting_list_once_partner_places_are_taken(
    client, make_item, partner_contact
):
    occurrence = make_item(capacity=5, partner_allocation=1).occurrences.get()
    services.booking_create(occurrence=occurrence, user=partner_contact())
    client.force_login(partner_contact())
    content = client.get(reverse("events:book", args=[occurrence.pk])).content.decode()
    assert "Join the waiting list" in content
    assert "Book a place" not in content
