"""The capacity rule, the waiting list and promotion, owned by services.booking_*."""

import pytest

from institute.events import services
from institute.events.models import Booking

pytestmark = pytest.mark.django_db


def test_booking_confirms_a_place_while_places_remain(make_item, member):
    occurrence = make_item(capacity=2).occurrences.get()
    booking = services.booking_create(occurrence=occurrence, user=member)
    assert booking.status == Booking.Status.CONFIRMED


def test_full_occurrence_puts_the_next_member_on_the_waiting_list(make_item, make_member):
    occurrence = make_item(capacity=1).occurrences.get()
    services.booking_create(occurrence=occurrence, user=make_member())
    second = services.booking_create(occurrence=occurrence, user=make_member())
    assert second.status == Booking.Status.WAITING


def test_capacity_is_never_exceeded(make_item, make_member):
    occurrence = make_item(capacity=3).occurrences.get()
    for _ in range(6):
        services.booking_create(occurrence=occurrence, user=make_member())
    assert occurrence.bookings.filter(status=Booking.Status.CONFIRMED).count() == 3
    assert occurrence.bookings.filter(status=Booking.Status.WAITING).count() == 3


def test_booking_twice_returns_the_same_booking(make_item, member):
    occurrence = make_item().occurrences.get()
    first = services.booking_create(occurrence=occurrence, user=member)
    again = services.booking_create(occurrence=occurrence, user=member)
    assert again.pk == first.pk
    assert occurrence.bookings.count() == 1


def test_cancellation_promotes_first_waiting_person(make_item, make_member):
    occurrence = make_item(capacity=1).occurrences.get()
    booked = services.booking_create(occurrence=occurrence, user=make_member())
    first_waiting = services.booking_create(occurrence=occurrence, user=make_member())
    services.booking_create(occurrence=occurrence, user=make_member())
    promoted = services.booking_cancel(booking=booked)
    assert promoted.pk == first_waiting.pk
    assert Booking.objects.get(pk=first_waiting.pk).status == Booking.Status.CONFIRMED
    assert occurrence.bookings.filter(status=Booking.Status.WAITING).count() == 1


def test_leaving_the_waiting_list_promotes_no_one(make_item, make_member):
    occurrence = make_item(capacity=1).occurrences.get()
    services.booking_create(occurrence=occurrence, user=make_member())
    waiting = services.booking_create(occurrence=occurrence, user=make_member())
    third = services.booking_create(occurrence=occurrence, user=make_member())
    assert services.booking_cancel(booking=waiting) is None
    assert Booking.objects.get(pk=third.pk).status == Booking.Status.WAITING


def test_cancelling_twice_changes_nothing(make_item, make_member):
    occurrence = make_item(capacity=1).occurrences.get()
    booked = services.booking_create(occurrence=occurrence, user=make_member())
    services.booking_cancel(booking=booked)
    assert services.booking_cancel(booking=booked) is None


def test_partner_contacts_are_capped_by_the_partner_allocation(make_item, partner_contact):
    occurrence = make_item(capacity=10, partner_allocation=2).occurrences.get()
    statuses = [
        services.booking_create(occurrence=occurrence, user=partner_contact()).status
        for _ in range(3)
    ]
    assert statuses == ["confirmed", "confirmed", "waiting"]


def test_members_still_book_when_partners_are_sold_out(make_item, partner_contact, member):
    occurrence = make_item(capacity=10, partner_allocation=1).occurrences.get()
    services.booking_create(occurrence=occurrence, user=partner_contact())
    booking = services.booking_create(occurrence=occurrence, user=member)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.allocation == Booking.Allocation.MEMBER


def test_promotion_skips_a_waiting_partner_when_partner_places_are_taken(
    make_item, partner_contact, make_member
):
    occurrence = make_item(capacity=2, partner_allocation=1).occurrences.get()
    services.booking_create(occurrence=occurrence, user=partner_contact())
    member_place = services.booking_create(occurrence=occurrence, user=make_member())
    waiting_partner = services.booking_create(occurrence=occurrence, user=partner_contact())
    waiting_member = services.booking_create(occurrence=occurrence, user=make_member())
    promoted = services.booking_cancel(booking=member_place)
    assert promoted.pk == waiting_member.pk
    assert Booking.objects.get(pk=waiting_partner.pk).status == Booking.Status.WAITING


def test_past_occurrence_cannot_be_booked(make_item, member):
    occurrence = make_item(days=-3).occurrences.get()
    with pytest.raises(services.BookingError):
        services.booking_create(occurrence=occurrence, user=member)


def test_cancelled_item_cannot_be_booked(make_item, member):
    occurrence = make_item(status="cancelled").occurrences.get()
    with pytest.raises(services.BookingError):
        services.booking_create(occurrence=occurrence, user=member)


def test_confirmation_email_carries_the_calendar_file(
    make_item, member, mailoutbox, django_capture_on_commit_callbacks
):
    occurrence = make_item("Cyber leadership workshop").occurrences.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_create(occurrence=occurrence, user=member)
    (message,) = mailoutbox
    assert message.to == [member.email]
    assert "Cyber leadership workshop" in message.subject
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content


def test_waiting_list_email_has_no_calendar_file(
    make_item, make_member, mailoutbox, django_capture_on_commit_callbacks
):
    occurrence = make_item(capacity=1).occurrences.get()
    services.booking_create(occurrence=occurrence, user=make_member())
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_create(occurrence=occurrence, user=make_member())
    assert "waiting list" in mailoutbox[-1].subject
    assert mailoutbox[-1].attachments == []


def test_promoted_person_is_emailed(
    make_item, make_member, mailoutbox, django_capture_on_commit_callbacks
):
    occurrence = make_item(capacity=1).occurrences.get()
    booked = services.booking_create(occurrence=occurrence, user=make_member())
    waiting_user = make_member()
    services.booking_create(occurrence=occurrence, user=waiting_user)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=booked)
    (message,) = mailoutbox
    assert message.to == [waiting_user.email]
    assert "place has come free" in message.subject


def test_attendance_marks_exactly_the_ticked_bookings(make_item, make_member):
    occurrence = make_item(days=-1).occurrences.get()
    bookings = [
        Booking.objects.create(
            occurrence=occurrence,
            user=make_member(),
            status="confirmed",
            created_at=occurrence.start,
        )
        for _ in range(3)
    ]
    count = services.attendance_mark(occurrence=occurrence, attended_ids=[bookings[0].pk])
    assert count == 1
    assert [b.attended for b in Booking.objects.filter(pk__in=[b.pk for b in bookings])] == [
        True,
        False,
        False,
    ]
