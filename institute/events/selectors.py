"""Reads of the calendar: the filtered listing, its facet counts, bookings and attendees.

Every function runs a fixed number of queries whatever the amount of data: the listing
selects each occurrence with its item in one query, and facet counts are GROUP BY queries.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .choices import When
from .filters import CalendarFilters
from .models import Booking, Occurrence


def _confirmed_count():
    confirmed = (
        Booking.objects.filter(occurrence=OuterRef("pk"), status=Booking.Status.CONFIRMED)
        .order_by()
        .values("occurrence")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(confirmed, output_field=IntegerField()), Value(0))


def live_occurrences():
    """Occurrences of published items, each with its item."""
    return Occurrence.objects.filter(item__live=True)


def apply_filters(queryset, filters: CalendarFilters, *, now=None, by_time=True):
    now = now or timezone.now()
    conditions = Q()
    if filters.kind:
        conditions &= Q(item__kind=filters.kind)
    if filters.sub_kind:
        conditions &= Q(item__sub_kind=filters.sub_kind)
    if filters.region:
        conditions &= Q(item__region=filters.region)
    if filters.format:
        conditions &= Q(item__format=filters.format)
    if filters.topic:
        conditions &= Q(item__topics__slug=filters.topic)
    if filters.q:
        conditions &= (
            Q(item__title__icontains=filters.q)
            | Q(item__summary__icontains=filters.q)
            | Q(item__venue__icontains=filters.q)
        )
    # An occurrence is upcoming until it ends, so what is on today still shows.
    if not by_time:
        pass
    elif filters.when == When.PAST:
        conditions &= Q(end__lt=now)
    else:
        conditions &= Q(end__gte=now)
    return queryset.filter(conditions)


def calendar_occurrences(filters: CalendarFilters, *, now=None):
    """The listing: soonest first when upcoming, latest first when past, with places taken."""
    ordering = ("-start", "-pk") if filters.when == When.PAST else ("start", "pk")
    return (
        apply_filters(live_occurrences(), filters, now=now)
        .select_related("item")
        .annotate(confirmed=_confirmed_count())
        .order_by(*ordering)
    )


def _grouped(filters, field, now):
    rows = (
        apply_filters(live_occurrences(), filters, now=now)
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
    )
    return {row[field]: row["n"] for row in rows}


def facet_counts(filters: CalendarFilters, *, now=None) -> dict:
    """For every filter, how many occurrences each of its options would give, the other
    filters staying as they are."""
    now = now or timezone.now()
    counts = {
        "kind": _grouped(filters.without("kind", "sub_kind"), "item__kind", now),
        "region": _grouped(filters.without("region"), "item__region", now),
        "format": _grouped(filters.without("format"), "item__format", now),
        "topic": _grouped(filters.without("topic"), "item__topics__slug", now),
    }
    counts["sub_kind"] = (
        _grouped(filters.without("sub_kind"), "item__sub_kind", now) if filters.kind else {}
    )
    # Both sides of the time filter in one query; the listing's own total is one of them.
    counts["when"] = apply_filters(live_occurrences(), filters, now=now, by_time=False).aggregate(
        upcoming=Count("pk", filter=Q(end__gte=now)), past=Count("pk", filter=Q(end__lt=now))
    )
    return counts


def upcoming_for_topic(topic, limit=6, *, now=None):
    """The next occurrences of items on a topic (for the topic page)."""
    now = now or timezone.now()
    return list(
        live_occurrences()
        .filter(item__topics=topic, end__gte=now)
        .select_related("item")
        .order_by("start", "pk")[:limit]
    )


def item_occurrences(item, *, now=None):
    """An item's occurrences with places taken: a series shows what is still to come."""
    now = now or timezone.now()
    occurrences = list(item.occurrences.annotate(confirmed=_confirmed_count()).order_by("start"))
    if item.recurrence:
        upcoming = [o for o in occurrences if o.end >= now]
        if upcoming:
            return upcoming
    return occurrences


def partner_places_taken(occurrence_ids) -> dict:
    rows = (
        Booking.objects.filter(
            occurrence_id__in=occurrence_ids,
            status=Booking.Status.CONFIRMED,
            allocation=Booking.Allocation.PARTNER,
        )
        .values("occurrence_id")
        .annotate(n=Count("pk"))
    )
    return {row["occurrence_id"]: row["n"] for row in rows}


def bookings_for(user, occurrence_ids) -> dict:
    """The user's live bookings at these occurrences, by occurrence id."""
    if not user.is_authenticated:
        return {}
    bookings = Booking.objects.filter(user=user, occurrence_id__in=occurrence_ids).exclude(
        status=Booking.Status.CANCELLED
    )
    return {b.occurrence_id: b for b in bookings}


def member_bookings(user, *, now=None):
    """A member's live bookings: (upcoming soonest first, past latest first)."""
    now = now or timezone.now()
    bookings = (
        Booking.objects.filter(user=user)
        .exclude(status=Booking.Status.CANCELLED)
        .select_related("occurrence__item")
    )
    upcoming = bookings.filter(occurrence__end__gte=now).order_by("occurrence__start")
    past = bookings.filter(occurrence__end__lt=now).order_by("-occurrence__start")
    return list(upcoming), list(past)


def attendees(occurrence):
    """Everyone booked or waiting at an occurrence, in booking order."""
    return list(
        occurrence.bookings.exclude(status=Booking.Status.CANCELLED)
        .select_related("user__organisation")
        .order_by("status", "created_at", "pk")
    )


def waiting_positions(bookings) -> dict:
    """Each waiting booking's place on its waiting list (1 for the first), by booking id, in
    one query however many bookings are given."""
    waiting = [b.pk for b in bookings if b.status == Booking.Status.WAITING]
    if not waiting:
        return {}
    ahead = (
        Booking.objects.filter(
            occurrence_id=OuterRef("occurrence_id"), status=Booking.Status.WAITING
        )
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("occurrence_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = Booking.objects.filter(pk__in=waiting).annotate(
        ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0))
    )
    return {pk: n + 1 for pk, n in rows.values_list("pk", "ahead")}
