"""Booking through the API on PostgreSQL: many tokens at once, one occurrence, never one
place too many (the booking service's lock, reached through the API)."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from institute.events.models import Booking
from tests.factories import events as calendar_build
from tests.factories.api import make_token
from tests.factories.people import make_user
from tests.races import all_at_once, skip_unless_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 20
PLACES = 5


@pytest.fixture(autouse=True)
def _postgresql_only():
    skip_unless_postgresql()


def test_simultaneous_api_bookings_never_overbook(home, settings):
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 10_000
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=5)
    item = calendar_build.add_item(
        calendar_build.ensure_calendar(home),
        title="President's Conference",
        slug="presidents-conference",
        start=start,
        end=start + dt.timedelta(hours=8),
        capacity=PLACES,
    )
    occurrence = item.occurrences.get()
    headers = [make_token(make_user(), "bookings")[1] for _ in range(PEOPLE)]
    answers = []

    def book(header):
        response = Client().post(
            "/api/v1/me/bookings/",
            json.dumps({"occurrence": occurrence.pk}),
            content_type="application/json",
            **header,
        )
        answers.append((response.status_code, response.json()["status"]))

    assert all_at_once(book, headers) == []
    assert sorted(answers).count((201, "confirmed")) == PLACES
    assert sorted(answers).count((201, "waiting")) == PEOPLE - PLACES
    confirmed = Booking.objects.filter(occurrence=occurrence, status="confirmed").count()
    assert confirmed == PLACES
