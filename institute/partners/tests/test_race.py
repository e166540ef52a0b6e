"""Partner contacts and members racing for the last places on PostgreSQL: nobody overbooks,
and reserved places never go to anyone but the partner's contacts."""

import time

import pytest

from institute.events import services
from institute.events.models import Booking, Occurrence
from tests.factories.partners import allocate, make_partner, make_partner_contact
from tests.factories.people import UserFactory
from tests.races import all_at_once, skip_unless_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CAPACITY = 10
RESERVED = 4
MEMBERS = 20
CONTACTS = 8


@pytest.fixture(autouse=True)
def _postgresql_only():
    skip_unless_postgresql()


def test_without_the_lock_members_take_reserved_places(make_item, monkeypatch):
    """The failure the lock prevents: counting, then inserting, lets members overtake."""
    occurrence = make_item(capacity=CAPACITY).occurrences.get()
    allocate(make_partner(), occurrence.item, RESERVED)
    counted = services._place_for

    def unlocked(occurrence_id):
        return Occurrence.objects.select_related("item").get(pk=occurrence_id)

    def slow(occurrence, user):
        result = counted(occurrence, user)
        time.sleep(0.05)  # widen the gap between counting and inserting
        return result

    monkeypatch.setattr(services, "_locked_occurrence", unlocked)
    monkeypatch.setattr(services, "_place_for", slow)
    people = [UserFactory() for _ in range(MEMBERS)]
    assert (
        all_at_once(lambda u: services.booking_create(occurrence=occurrence, user=u), people) == []
    )
    members = Booking.objects.filter(occurrence=occurrence, status="confirmed", allocation="member")
    assert members.count() > CAPACITY - RESERVED


def test_contacts_and_members_racing_never_overbook_nor_take_reserved_places(make_item):
    occurrence = make_item("President's Conference", capacity=CAPACITY).occurrences.get()
    partner = make_partner()
    allocate(partner, occurrence.item, RESERVED)
    people = [UserFactory() for _ in range(MEMBERS)]
    people += [make_partner_contact(partner) for _ in range(CONTACTS)]
    errors = all_at_once(
        lambda user: services.booking_create(occurrence=occurrence, user=user), people
    )
    assert errors == []
    confirmed = Booking.objects.filter(occurrence=occurrence, status="confirmed")
    assert confirmed.count() == CAPACITY
    assert confirmed.filter(organisation=partner.organisation).count() == RESERVED
    assert confirmed.filter(allocation="member").count() == CAPACITY - RESERVED


def test_members_racing_for_the_last_open_place_leave_the_reserved_ones(make_item):
    occurrence = make_item(capacity=CAPACITY).occurrences.get()
    partner = make_partner()
    allocate(partner, occurrence.item, RESERVED)
    for _ in range(CAPACITY - RESERVED - 1):
        services.booking_create(occurrence=occurrence, user=UserFactory())
    racing = [UserFactory() for _ in range(MEMBERS)]
    assert (
        all_at_once(lambda u: services.booking_create(occurrence=occurrence, user=u), racing) == []
    )
    confirmed = Booking.objects.filter(occurrence=occurrence, status="confirmed")
    assert confirmed.count() == CAPACITY - RESERVED
    contacts = [make_partner_contact(partner) for _ in range(CONTACTS)]
    assert (
        all_at_once(lambda u: services.booking_create(occurrence=occurrence, user=u), contacts)
        == []
    )
    assert confirmed.count() == CAPACITY
    assert confirmed.filter(organisation=partner.organisation).count() == RESERVED
