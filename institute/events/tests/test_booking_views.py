"""Booking, cancelling and 'my bookings' through the site, and the staff attendee list."""

import csv
import io

import pytest

from institute.events import services
from institute.events.models import Booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def occurrence(make_item):
    return make_item("Top Talent workshop", capacity=1).occurrences.get()


def test_signed_out_visitor_is_sent_to_sign_in_before_booking(client, occurrence):
    response = client.get(f"/bookings/{occurrence.pk}/book/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_member_books_from_the_item_page(client, member, occurrence):
    client.force_login(member)
    response = client.post(f"/bookings/{occurrence.pk}/book/", follow=True)
    assert b"Your place is booked" in response.content
    assert Booking.objects.get(user=member).status == "confirmed"


def test_booking_needs_a_csrf_token(member, occurrence):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(f"/bookings/{occurrence.pk}/book/").status_code == 403


def test_full_item_offers_the_waiting_list(client, make_member, occurrence):
    services.booking_create(occurrence=occurrence, user=make_member())
    client.force_login(make_member())
    response = client.get(occurrence.item.url)
    assert b"Join the waiting list" in response.content


def test_my_bookings_lists_and_cancels(client, member, occurrence):
    services.booking_create(occurrence=occurrence, user=member)
    client.force_login(member)
    page = client.get("/account/bookings/")
    assert b"Top Talent workshop" in page.content
    client.post(f"/bookings/{occurrence.pk}/cancel/")
    assert Booking.objects.get(user=member).status == "cancelled"
    assert b"You have nothing booked" in client.get("/account/bookings/").content


def test_my_bookings_links_to_the_cancel_confirmation_not_a_form(client, member, occurrence):
    services.booking_create(occurrence=occurrence, user=member)
    client.force_login(member)
    body = client.get("/account/bookings/").content.decode()
    assert f'href="/bookings/{occurrence.pk}/cancel/"' in body
    assert 'action="/bookings/' not in body  # nothing there cancels in one click


def test_item_page_links_to_the_cancel_confirmation_not_a_form(client, member, occurrence):
    services.booking_create(occurrence=occurrence, user=member)
    client.force_login(member)
    body = client.get(occurrence.item.url).content.decode()
    assert f'href="/bookings/{occurrence.pk}/cancel/"' in body
    assert f'action="/bookings/{occurrence.pk}/cancel/"' not in body


def test_cancel_page_asks_first_and_a_get_cancels_nothing(client, member, occurrence):
    services.booking_create(occurrence=occurrence, user=member)
    client.force_login(member)
    response = client.get(f"/bookings/{occurrence.pk}/cancel/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cancel your place at Top Talent workshop on " in body
    assert "first person on the waiting list" in body
    form = body[body.index('<form method="post"') : body.index("</form>")]
    assert 'name="csrfmiddlewaretoken"' in form
    assert ">Yes, cancel my place</button>" in form
    assert 'href="/account/bookings/">No, keep my place</a>' in form
    assert Booking.objects.get(user=member).status == "confirmed"


def test_confirmed_cancel_promotes_the_first_on_the_waiting_list(client, make_member, occurrence):
    booked, waiting = make_member(), make_member()
    services.booking_create(occurrence=occurrence, user=booked)
    services.booking_create(occurrence=occurrence, user=waiting)
    client.force_login(booked)
    response = client.post(f"/bookings/{occurrence.pk}/cancel/", follow=True)
    assert b"is cancelled" in response.content
    assert Booking.objects.get(user=booked).status == "cancelled"
    assert Booking.objects.get(user=waiting).status == "confirmed"


def test_cancel_page_for_the_waiting_list_offers_to_leave_it(client, make_member, occurrence):
    services.booking_create(occurrence=occurrence, user=make_member())
    waiting = make_member()
    services.booking_create(occurrence=occurrence, user=waiting)
    client.force_login(waiting)
    body = client.get(f"/bookings/{occurrence.pk}/cancel/").content.decode()
    assert "Leave the waiting list for Top Talent workshop on " in body
    assert ">Yes, leave the waiting list</button>" in body
    assert Booking.objects.get(user=waiting).status == "waiting"


def test_cancelling_needs_a_csrf_token(member, occurrence):
    from django.test import Client

    services.booking_create(occurrence=occurrence, user=member)
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(f"/bookings/{occurrence.pk}/cancel/").status_code == 403
    assert Booking.objects.get(user=member).status == "confirmed"


@pytest.mark.parametrize("action", ["book", "cancel"])
def test_booking_pages_use_the_focused_layout(client, member, occurrence, action):
    client.force_login(member)
    body = client.get(f"/bookings/{occurrence.pk}/{action}/").content.decode()
    assert 'class="focused-header"' in body
    assert f'href="{occurrence.item.url}" data-way-out>Back to the event</a>' in body
    for chrome in ('aria-label="Main"', 'role="search"', 'aria-label="Footer"', "breadcrumbs"):
        assert chrome not in body, chrome


def test_cancel_without_a_booking_says_so(client, member, occurrence):
    client.force_login(member)
    response = client.post(f"/bookings/{occurrence.pk}/cancel/", follow=True)
    assert b"no booking there" in response.content


def test_booking_an_unknown_occurrence_is_not_found(client, member):
    client.force_login(member)
    assert client.post("/bookings/999999/book/").status_code == 404


def test_booking_a_past_item_explains_why_not(client, member, make_item):
    occurrence = make_item("Last year", days=-400).occurrences.get()
    client.force_login(member)
    response = client.post(f"/bookings/{occurrence.pk}/book/", follow=True)
    assert b"already taken place" in response.content
    assert not Booking.objects.exists()


def test_staff_see_the_attendee_list(client, staff, member, occurrence):
    services.booking_create(occurrence=occurrence, user=member)
    client.force_login(staff)
    response = client.get(f"/bookings/{occurrence.pk}/attendees/")
    assert member.get_full_name().encode() in response.content


def test_members_cannot_see_the_attendee_list(client, member, occurrence):
    client.force_login(member)
    assert client.get(f"/bookings/{occurrence.pk}/attendees/").status_code == 403


def test_attendee_csv_has_one_row_per_booking(client, staff, make_member, occurrence):
    services.booking_create(occurrence=occurrence, user=make_member(first_name="=cmd"))
    services.booking_create(occurrence=occurrence, user=make_member())
    client.force_login(staff)
    response = client.get(f"/bookings/{occurrence.pk}/attendees.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["status"] for row in rows] == ["confirmed", "waiting"]
    assert rows[0]["name"].startswith("'=")  # no spreadsheet formula injection


def test_staff_mark_attendance(client, staff, member, make_item):
    occurrence = make_item("Yesterday", days=-1).occurrences.get()
    booking = Booking.objects.create(
        occurrence=occurrence, user=member, status="confirmed", created_at=occurrence.start
    )
    client.force_login(staff)
    client.post(f"/bookings/{occurrence.pk}/attendees/", {"attended": [str(booking.pk)]})
    assert Booking.objects.get(pk=booking.pk).attended


def test_booking_requests_are_rate_limited(client, member, make_item, settings):
    from institute.events.views import bookings as booking_views

    occurrences = [make_item(f"Webinar {n}").occurrences.get() for n in range(3)]
    client.force_login(member)
    settings_limit = booking_views.BOOKINGS_PER_MINUTE
    booking_views.BOOKINGS_PER_MINUTE = 2
    try:
        for occurrence in occurrences:
            response = client.post(f"/bookings/{occurrence.pk}/book/", follow=True)
    finally:
        booking_views.BOOKINGS_PER_MINUTE = settings_limit
    assert b"please wait a minute" in response.content
    assert Booking.objects.filter(user=member).count() == 2


def test_attendee_csv_names_the_organisation_whose_reserved_place_was_used(
    client, staff, partner_contact, make_member, occurrence
):
    contact = partner_contact()
    Booking.objects.create(
        occurrence=occurrence,
        user=contact,
        status="confirmed",
        allocation="partner",
        organisation=contact.organisation,
        created_at=occurrence.start,
    )
    services.booking_create(occurrence=occurrence, user=make_member())
    client.force_login(staff)
    response = client.get(f"/bookings/{occurrence.pk}/attendees.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["allocation"], r["reserved_place_of"]) for r in rows] == [
        ("partner", "Partner Ltd"),
        ("member", ""),
    ]
