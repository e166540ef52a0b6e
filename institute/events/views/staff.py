"""Staff: attendee list, attendance and CSV export for one occurrence."""

import csv
import io
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .. import selectors, services
from ..forms import AttendanceForm
from ..models import Booking, Occurrence


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("events.view_booking"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@staff_required
@require_http_methods(["GET", "POST"])
def attendees(request, occurrence_id):
    occurrence = get_object_or_404(Occurrence.objects.select_related("item"), pk=occurrence_id)
    if request.method == "POST":
        if not request.user.has_perm("events.change_booking"):
            raise PermissionDenied
        form = AttendanceForm(request.POST, occurrence=occurrence)
        if form.is_valid():
            ids = [booking.pk for booking in form.cleaned_data["attended"]]
            count = services.attendance_mark(occurrence=occurrence, attended_ids=ids)
            messages.success(request, f"Attendance saved: {count} attended.")
            return redirect("events:attendees", occurrence_id=occurrence.pk)
        # Only a tampered or stale form gets here: the page shows the bookings as they are.
        messages.error(request, "Attendance was not saved: the list has changed. Please try again.")
        status = 400
    else:
        status = 200
    bookings = selectors.attendees(occurrence=occurrence)
    confirmed = [b for b in bookings if b.status == Booking.Status.CONFIRMED]
    return render(
        request,
        "events/attendees.html",
        {
            "occurrence": occurrence,
            "item": occurrence.item,
            "confirmed": confirmed,
            "waiting": [b for b in bookings if b.status == Booking.Status.WAITING],
            "attended_count": sum(b.attended for b in confirmed),
            "has_started": occurrence.start <= timezone.now(),
            "meta_title": f"Attendees: {occurrence.item.title}",
            "breadcrumbs": [
                {"title": occurrence.item.title, "url": occurrence.item.url},
                {"title": "Attendees", "url": ""},
            ],
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET"])
def attendees_csv(request, occurrence_id):
    occurrence = get_object_or_404(Occurrence.objects.select_related("item"), pk=occurrence_id)
    # Written to a buffer and sent in one piece: rows written to the response one by one
    # become one socket write each under the WSGI server.
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "name",
            "email",
            "organisation",
            "status",
            "allocation",
            "reserved_place_of",
            "booked_at",
            "attended",
        ]
    )
    for booking in selectors.attendees(occurrence=occurrence):
        user = booking.user
        writer.writerow(
            [
                _safe(user.get_full_name() if user else "Former member"),
                _safe(user.email if user else ""),
                _safe(user.organisation.name if user and user.organisation else ""),
                booking.status,
                booking.allocation,
                _safe(booking.organisation.name if booking.organisation_id else ""),
                timezone.localtime(booking.created_at).isoformat(timespec="minutes"),
                "yes" if booking.attended else "no",
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"{occurrence.item.slug}-{occurrence.start:%Y-%m-%d}-attendees.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
