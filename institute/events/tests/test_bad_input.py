"""Malformed numbers in the calendar's query string and the attendance form: a message, no 500."""

import pytest

from institute.events.models import Booking

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["²", "①", "٣", "9" * 30, "-1"])
def test_calendar_page_number_in_other_digits_is_refused_with_a_message(client, make_item, page):
    make_item("Cyber summit")
    response = client.get("/calendar/", {"page": page})
    assert response.status_code == 400
    assert "The page number must be a whole number from 1" in response.content.decode()


@pytest.mark.parametrize("page", ["²", "①"])
def test_calendar_feed_page_number_in_other_digits_is_refused(client, make_item, page):
    make_item("Cyber summit")
    response = client.get("/calendar/feed.ics", {"page": page})
    assert response.status_code == 400


@pytest.mark.parametrize("junk", ["9" * 30, str(2**63), "²", "x"])
def test_attendance_with_an_impossible_booking_id_saves_nothing_and_says_so(
    client, staff, member, make_item, junk
):
    occurrence = make_item("Yesterday", days=-1).occurrences.get()
    booking = Booking.objects.create(
        occurrence=occurrence, user=member, status="confirmed", created_at=occurrence.start
    )
    client.force_login(staff)
    response = client.post(
        f"/bookings/{occurrence.pk}/attendees/", {"attended": [str(booking.pk), junk]}
    )
    assert response.status_code == 400
    assert "Attendance was not saved" in response.content.decode()
    assert not Booking.objects.get(pk=booking.pk).attended


def test_attendance_refuses_a_booking_of_another_occurrence(client, staff, member, make_item):
    here = make_item("Yesterday", days=-1).occurrences.get()
    elsewhere = make_item("Last week", days=-7).occurrences.get()
    other = Booking.objects.create(
        occurrence=elsewhere, user=member, status="confirmed", created_at=elsewhere.start
    )
    client.force_login(staff)
    response = client.post(f"/bookings/{here.pk}/attendees/", {"attended": [str(other.pk)]})
    assert response.status_code == 400
    assert not Booking.objects.get(pk=other.pk).attended
