"""Reads of a year of the calendar: what was held and who came (the year in review's
figures, ``figures.py``). Each runs one query.

"Held" means an occurrence of a published item that was not cancelled and is over; who
came are the confirmed places marked attended.
"""

from django.db.models import Sum
from django.utils import timezone

from .choices import Kind, Status, SubKind
from .models import Booking, CalendarItemPage
from .selectors import live_occurrences

# The society's conference of the year is named so in the calendar, whatever its venue.
PRESIDENTS_CONFERENCE = "President's Conference"


def _held(*, year, now=None):
    now = now or timezone.now()
    return (
        live_occurrences()
        .filter(start__year=year, end__lt=now)
        .exclude(item__status=Status.CANCELLED)
    )


def _national_conferences(queryset):
    """Conferences and the alumni community's yearly event, without the President's."""
    return queryset.filter(
        item__kind=Kind.EVENTS, item__sub_kind__in=[SubKind.CONFERENCE, SubKind.ALUMNI]
    ).exclude(item__title__startswith=PRESIDENTS_CONFERENCE)


def occurrences_held_count(*, year, kind, now=None) -> int:
    """Occurrences of ``kind`` (events, training, webinars) held in ``year``."""
    return _held(year=year, now=now).filter(item__kind=kind).count()


def attendance_in_year_count(*, year, kind, now=None) -> int:
    """Places attended at what of ``kind`` was held in ``year`` (a person coming to two
    events counts twice, as the society counts its delegates)."""
    return Booking.objects.filter(
        occurrence__in=_held(year=year, now=now).filter(item__kind=kind),
        status=Booking.Status.CONFIRMED,
        attended=True,
    ).count()


def national_conferences_held_count(*, year, now=None) -> int:
    """National conferences held in ``year``: the conferences and the alumni event, not
    counting the President's Conference."""
    return _national_conferences(_held(year=year, now=now)).values("item").distinct().count()


def presidents_conference_attendance(*, year, now=None) -> int | None:
    """People who came to the President's Conference of ``year``; None when there was none."""
    held = _held(year=year, now=now).filter(
        item__kind=Kind.EVENTS, item__title__startswith=PRESIDENTS_CONFERENCE
    )
    if not held.exists():
        return None
    return Booking.objects.filter(
        occurrence__in=held, status=Booking.Status.CONFIRMED, attended=True
    ).count()


def charity_raised_total(*, year, now=None):
    """Money raised for charity at the calendar's items held in ``year`` (0 when none)."""
    held_items = _held(year=year, now=now).values("item")
    total = CalendarItemPage.objects.filter(pk__in=held_items).aggregate(
        total=Sum("amount_raised")
    )["total"]
    return total or 0


def charities_supported(*, year, now=None) -> list[dict]:
    """Each item of ``year`` that raised money: its title, charity and amount (one query)."""
    held_items = _held(year=year, now=now).values("item")
    rows = (
        CalendarItemPage.objects.filter(pk__in=held_items, amount_raised__gt=0)
        .order_by("-amount_raised", "pk")
        .values("title", "charity", "amount_raised")
    )
    return list(rows)
