"""Members-only items: who may take a place is membership's one rule, asked by the booking
service under its lock and by the pages that offer a place (``selectors.may_book``)."""

import datetime as dt

import pytest
from django.utils import timezone

from institute.events import services
from institute.events.models import Booking
from institute.membership import services as membership
from tests.factories import membership as memberships
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(make_item):
    return make_item("Member Voice drop-in", capacity=1, members_only=True)


def member():
    """Someone with a current membership."""
    return memberships.make_member(UserFactory())


def test_a_member_takes_a_place(item):
    booked = services.booking_create(occurrence=item.occurrences.get(), user=member())
    assert booked.status == Booking.Status.CONFIRMED


def test_someone_who_is_not_a_member_is_refused_and_nothing_is_stored(item):
    with pytest.raises(services.BookingError, match="for members"):
        services.booking_create(occurrence=item.occurrences.get(), user=UserFactory())
    assert not Booking.objects.exists()


def test_staff_take_a_place_without_a_membership(item, staff):
    booked = services.booking_create(occurrence=item.occurrences.get(), user=staff)
    assert booked.status == Booking.Status.CONFIRMED


def test_an_item_open_to_all_takes_anyone_signed_in(make_item):
    occurrence = make_item(capacity=1).occurrences.get()
    booked = services.booking_create(occurrence=occurrence, user=UserFactory())
    assert booked.status == Booking.Status.CONFIRMED


def test_an_expired_membership_no_longer_books(item):
    user = UserFactory()
    two_years_ago = timezone.localdate() - dt.timedelta(days=2 * 366)
    memberships.make_membership(user, day=two_years_ago)
    with pytest.raises(services.BookingError):
        services.booking_create(occurrence=item.occurrences.get(), user=user)


def test_cancelling_a_membership_takes_effect_at_once(item):
    user = member()
    occurrence = item.occurrences.get()
    membership.membership_cancel(membership_id=_membership_id(user))
    with pytest.raises(services.BookingError):
        services.booking_create(occurrence=occurrence, user=user)


def _membership_id(user):
    from institute.membership.models import Membership

    return Membership.objects.get(holder=user).pk


def test_a_live_booking_is_returned_even_after_the_membership_lapses(item):
    user = member()
    occurrence = item.occurrences.get()
    first = services.booking_create(occurrence=occurrence, user=user)
    membership.membership_cancel(membership_id=_membership_id(user))
    assert services.booking_create(occurrence=occurrence, user=user).pk == first.pk


def test_promotion_passes_over_someone_whose_membership_lapsed(item):
    occurrence = item.occurrences.get()
    holder, lapsed, still = member(), member(), member()
    booked = services.booking_create(occurrence=occurrence, user=holder)
    waiting_lapsed = services.booking_create(occurrence=occurrence, user=lapsed)
    waiting_member = services.booking_create(occurrence=occurrence, user=still)
    assert waiting_lapsed.status == waiting_member.status == Booking.Status.WAITING
    membership.membership_cancel(membership_id=_membership_id(lapsed))

    promoted = services.booking_cancel(booking=booked)

    assert promoted.pk == waiting_member.pk
    assert Booking.objects.get(pk=waiting_lapsed.pk).status == Booking.Status.WAITING


# The pages ---------------------------------------------------------------------------------


def test_a_visitor_who_is_not_a_member_is_asked_to_join_not_to_book(client, item):
    client.force_login(UserFactory())
    page = client.get(item.url).content.decode()
    assert "Members only" in page
    assert "Become a member to book" in page
    assert 'href="/membership/join/"' in page
    assert f"/bookings/{item.occurrences.get().pk}/book/" not in page


def test_a_member_sees_the_booking_form(client, item):
    client.force_login(member())
    page = client.get(item.url).content.decode()
    assert "Members only" in page
    assert "As a member, you can book." in page
    assert f'action="/bookings/{item.occurrences.get().pk}/book/"' in page


def test_a_signed_out_visitor_sees_that_places_are_for_members(client, item):
    page = client.get(item.url).content.decode()
    assert "Members only" in page
    assert "Sign in to book" in page


def test_posting_a_booking_as_a_non_member_explains_and_books_nothing(client, item):
    client.force_login(UserFactory())
    occurrence = item.occurrences.get()
    response = client.post(f"/bookings/{occurrence.pk}/book/", follow=True)
    assert response.status_code == 200
    assert "Places at this item are for members" in response.content.decode()
    assert not Booking.objects.exists()


def test_the_confirm_page_offers_membership_to_a_non_member(client, item):
    client.force_login(UserFactory())
    page = client.get(f"/bookings/{item.occurrences.get().pk}/book/").content.decode()
    assert "Places here are for members of the society." in page
    assert "<form" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_listing_marks_members_only_items(client, item, make_item):
    make_item("Open webinar", kind="webinars")
    page = client.get("/calendar/").content.decode()
    assert page.count("Members only") == 1
