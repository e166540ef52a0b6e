"""Places reserved for partners are kept for their contacts; the calendar enforces them."""

import pytest
from django.core.exceptions import ValidationError

from institute.events import selectors as calendar
from institute.events import services as bookings
from institute.partners.services import allocation_set
from tests.factories.partners import allocate, make_partner, make_partner_contact
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


def _status(booking):
    return booking.status


def test_members_cannot_take_unused_reserved_places(make_item):
    occurrence = make_item(capacity=3).occurrences.get()
    allocate(make_partner(), occurrence.item, 2)
    first = bookings.booking_create(occurrence=occurrence, user=UserFactory())
    second = bookings.booking_create(occurrence=occurrence, user=UserFactory())
    assert first.status == "confirmed"
    assert second.status == "waiting"
    assert calendar.availability(occurrence=occurrence).places_left == 0


def test_partner_contacts_book_their_reserved_places(make_item):
    occurrence = make_item(capacity=3).occurrences.get()
    partner = make_partner()
    allocate(partner, occurrence.item, 2)
    for _ in range(3):
        bookings.booking_create(occurrence=occurrence, user=UserFactory())
    made = [
        bookings.booking_create(occurrence=occurrence, user=make_partner_contact(partner))
        for _ in range(2)
    ]
    assert [b.status for b in made] == ["confirmed", "confirmed"]
    assert {b.organisation_id for b in made} == {partner.organisation_id}
    assert all(b.allocation == "partner" for b in made)


def test_a_contact_beyond_the_reservation_joins_the_waiting_list(make_item):
    occurrence = make_item(capacity=5).occurrences.get()
    partner = make_partner()
    allocate(partner, occurrence.item, 1)
    bookings.booking_create(occurrence=occurrence, user=make_partner_contact(partner))
    # No partner allocation on the item: the open places are for members.
    extra = bookings.booking_create(occurrence=occurrence, user=make_partner_contact(partner))
    assert extra.status == "waiting"
    assert calendar.availability(occurrence=occurrence).places_left == 4


def test_another_partners_contacts_cannot_take_a_reservation(make_item):
    occurrence = make_item(capacity=2, partner_allocation=2).occurrences.get()
    holder, other = make_partner(), make_partner()
    allocate(holder, occurrence.item, 1)
    taken = bookings.booking_create(occurrence=occurrence, user=make_partner_contact(other))
    refused = bookings.booking_create(occurrence=occurrence, user=make_partner_contact(other))
    assert taken.status == "confirmed" and taken.organisation_id is None
    assert refused.status == "waiting"
    own = bookings.booking_create(occurrence=occurrence, user=make_partner_contact(holder))
    assert own.status == "confirmed"


def test_a_cancelled_reserved_place_goes_back_to_the_reservation(make_item):
    occurrence = make_item(capacity=2).occurrences.get()
    partner = make_partner()
    allocate(partner, occurrence.item, 1)
    member = bookings.booking_create(occurrence=occurrence, user=UserFactory())
    contact = bookings.booking_create(occurrence=occurrence, user=make_partner_contact(partner))
    waiting = bookings.booking_create(occurrence=occurrence, user=UserFactory())
    assert (member.status, contact.status, waiting.status) == ("confirmed", "confirmed", "waiting")
    assert bookings.booking_cancel(booking=contact) is None  # the member waiting stays so
    waiting.refresh_from_db()
    assert waiting.status == "waiting"
    again = bookings.booking_create(occurrence=occurrence, user=make_partner_contact(partner))
    assert again.status == "confirmed"


def test_a_freed_member_place_promotes_a_waiting_member(make_item):
    occurrence = make_item(capacity=2).occurrences.get()
    allocate(make_partner(), occurrence.item, 1)
    first = bookings.booking_create(occurrence=occurrence, user=UserFactory())
    waiting = bookings.booking_create(occurrence=occurrence, user=UserFactory())
    promoted = bookings.booking_cancel(booking=first)
    assert promoted.pk == waiting.pk


def test_each_occurrence_of_a_series_has_its_own_reserved_places(make_item):
    item = make_item(capacity=1, recurrence="FREQ=WEEKLY;COUNT=2")
    allocate(make_partner(), item, 1)
    left = [calendar.availability(occurrence=o).places_left for o in item.occurrences.all()]
    assert left == [0, 0]


def test_reservations_cannot_exceed_the_items_capacity(make_item):
    item = make_item(capacity=5)
    allocate(make_partner(), item, 3)
    with pytest.raises(ValidationError):
        allocate(make_partner(), item, 3)


def test_setting_none_removes_the_allocation(make_item):
    item = make_item(capacity=5)
    partner = make_partner()
    allocate(partner, item, 3)
    assert allocation_set(partner=partner, item_id=item.pk, places=0) is None
    assert not partner.allocations.exists()


def test_the_item_page_offers_a_contact_their_reserved_place(client, make_item):
    item = make_item(capacity=1)
    partner = make_partner()
    allocate(partner, item, 1)
    client.force_login(UserFactory())
    assert "Join the waiting list" in client.get(item.url).content.decode()
    client.force_login(make_partner_contact(partner))
    assert "Book a place" in client.get(item.url).content.decode()
