"""Booking, cancelling and a member's own bookings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from institute.core.ratelimit import over_limit
from institute.people.selectors import partner_organisation_ids

from .. import selectors, services
from ..models import Booking, Occurrence


def _occurrence(occurrence_id):
    return get_object_or_404(
        Occurrence.objects.select_related("item").filter(item__live=True), pk=occurrence_id
    )


BOOKINGS_PER_MINUTE = 20


def _over_rate_limit(user) -> bool:
    """At most BOOKINGS_PER_MINUTE booking requests a minute per person."""
    return over_limit(f"events:booking:{user.pk}", limit=BOOKINGS_PER_MINUTE)


def _focused(occurrence):
    """The focused layout's header and its one way out, back to the event's page
    (templates/base_focused.html)."""
    return {
        "service_name": "Bookings",
        "way_out_url": occurrence.item.url,
        "way_out_label": "Back to the event",
    }


@login_required
@require_http_methods(["GET", "POST"])
def book(request, occurrence_id):
    """GET: confirm (the page a signed-out visitor returns to); POST: book or join the list."""
    occurrence = _occurrence(occurrence_id)
    if request.method == "POST":
        if _over_rate_limit(request.user):
            messages.error(
                request, "You have made a lot of bookings in a short time; please wait a minute."
            )
            return redirect(occurrence.item.url)
        try:
            booking = services.booking_create(occurrence=occurrence, user=request.user)
        except services.BookingError as exc:
            messages.error(request, str(exc))
        else:
            if booking.status == Booking.Status.CONFIRMED:
                messages.success(request, "Your place is booked. We have e-mailed you the details.")
            else:
                messages.info(
                    request,
                    "It is fully booked, so you are on the waiting list. "
                    "We will e-mail you if a place comes free.",
                )
        return redirect(occurrence.item.url)
    current = selectors.bookings_for(user=request.user, occurrence_ids=[occurrence.pk]).get(
        occurrence.pk
    )
    return render(
        request,
        "events/book_confirm.html",
        {
            "occurrence": occurrence,
            "item": occurrence.item,
            "current": current,
            "places": _places(occurrence, request.user),
            "may_book": selectors.may_book(item=occurrence.item, user=request.user),
            "meta_title": f"Book: {occurrence.item.title}",
            **_focused(occurrence),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, occurrence_id):
    """GET: ask "Cancel your place at X on Y?" and change nothing; POST: cancel the member's
    booking at this occurrence (the waiting list's first person is promoted and told)."""
    occurrence = _occurrence(occurrence_id)
    current = selectors.bookings_for(user=request.user, occurrence_ids=[occurrence.pk]).get(
        occurrence.pk
    )
    if request.method == "POST":
        if current is None:
            messages.info(request, "You have no booking there to cancel.")
        else:
            services.booking_cancel(booking=current)
            messages.success(request, f"Your booking for {occurrence.item.title} is cancelled.")
        return redirect("events:my_bookings")
    return render(
        request,
        "events/cancel_confirm.html",
        {
            "occurrence": occurrence,
            "item": occurrence.item,
            "current": current,
            "meta_title": f"Cancel booking: {occurrence.item.title}",
            **_focused(occurrence),
        },
    )


@login_required
@require_http_methods(["GET"])
def my_bookings(request):
    upcoming, past = selectors.member_bookings(user=request.user)
    return render(
        request,
        "events/my_bookings.html",
        {
            "upcoming": upcoming,
            "past": past,
            "calendar": selectors.calendar_page(),
            "meta_title": "My bookings",
            "breadcrumbs": [
                {"title": "Your account", "url": reverse("people:profile")},
                {"title": "My bookings", "url": reverse("events:my_bookings")},
            ],
        },
    )


def _places(occurrence, user):
    """What is left for ``user``: partner contacts see their reserved and partner places."""
    organisations = partner_organisation_ids(user=user)
    return selectors.availability(
        occurrence=occurrence, partner=bool(organisations), organisations=organisations
    )
