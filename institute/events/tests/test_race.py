"""Concurrent booking on PostgreSQL: many people, one occurrence, never one place too many.

Each thread has its own database connection (Django's connections are per thread) and all
start together at a barrier, as simultaneous requests to several workers would.
"""

import time

import pytest

from institute.events import services
from institute.events.models import Booking, Occurrence
from tests.races import all_at_once, skip_unless_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 40
PLACES = 10


@pytest.fixture(autouse=True)
def _postgresql_only():
    skip_unless_postgresql()


def _book_all_at_once(occurrence, users):
    errors = all_at_once(
        lambda user: services.booking_create(occurrence=occurrence, user=user), users
    )
    assert errors == []


@pytest.fixture
def contested(make_item, make_member):
    occurrence = make_item("President's Conference", capacity=PLACES).occurrences.get()
    return occurrence, [make_member() for _ in range(PEOPLE)]


def _confirmed(occurrence):
    return Booking.objects.filter(occurrence=occurrence, status="confirmed").count()


def test_without_the_lock_simultaneous_bookings_overbook(contested, monkeypatch):
    """The failure the lock prevents: counting, then inserting, lets requests overtake."""
    occurrence, users = contested
    counted = services._place_for

    def unlocked(occurrence_id):
        return Occurrence.objects.select_related("item").get(pk=occurrence_id)

    def slow_count(occurrence, user):
        result = counted(occurrence, user)
        time.sleep(0.05)  # widen the gap between counting and inserting
        return result

    monkeypatch.setattr(services, "_locked_occurrence", unlocked)
    monkeypatch.setattr(services, "_place_for", slow_count)
    _book_all_at_once(occurrence, users)
    assert _confirmed(occurrence) > PLACES


def test_simultaneous_bookings_never_exceed_capacity(contested, monkeypatch):
    occurrence, users = contested
    counted = services._place_for

    def slow_count(occurrence, user):
        result = counted(occurrence, user)
        time.sleep(0.005)  # the same widened gap: the lock must still hold
        return result

    monkeypatch.setattr(services, "_place_for", slow_count)
    _book_all_at_once(occurrence, users)
    assert _confirmed(occurrence) == PLACES
    assert (
        Booking.objects.filter(occurrence=occurrence, status="waiting").count() == PEOPLE - PLACES
    )


def test_cancellation_under_load_promotes_exactly_one(contested):
    occurrence, users = contested
    _book_all_at_once(occurrence, users)
    first_waiting = Booking.objects.filter(occurrence=occurrence, status="waiting").first()
    leaving = Booking.objects.filter(occurrence=occurrence, status="confirmed").first()
    promoted = services.booking_cancel(booking=leaving)
    assert promoted.pk == first_waiting.pk
    assert _confirmed(occurrence) == PLACES
    assert Booking.objects.filter(occurrence=occurrence, status="waiting").count() == (
        PEOPLE - PLACES - 1
    )


def test_simultaneous_cancellations_refill_every_place_once(contested):
    occurrence, users = contested
    _book_all_at_once(occurrence, users)
    leaving = list(Booking.objects.filter(occurrence=occurrence, status="confirmed")[:5])
    assert all_at_once(lambda booking: services.booking_cancel(booking=booking), leaving) == []
    assert _confirmed(occurrence) == PLACES
    assert Booking.objects.filter(occurrence=occurrence, status="waiting").count() == (
        PEOPLE - PLACES - 5
    )
