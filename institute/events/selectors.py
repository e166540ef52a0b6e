"""Reads of the calendar: the filtered listing, its facet counts, bookings and attendees.

Every function runs a fixed number of queries whatever the amount of data: the listing
reads a page of occurrence ids in one query and those occurrences with their items and places
in another, and the facet counts are three to five GROUP BY queries (``facet_counts``).
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace

from django.db.models import Count, IntegerField, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from institute.membership.selectors import MEMBERS_PLACE, member_can

from . import reservations
from .choices import When
from .filters import CalendarFilters
from .models import Booking, CalendarPage, Occurrence


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


def calendar_page():
    """The live calendar page (the site has one), or None."""
    return CalendarPage.objects.live().first()


def calendar_listing_url(*, kind: str = "", sub_kind: str = "") -> str:
    """The address of the calendar, or of its view of one kind (and sub-kind), through the
    calendar page's own routes; empty when the site has no live calendar."""
    page = calendar_page()
    url = page.get_url() if page else None
    if not url:
        return ""
    kwargs = {"kind": kind, "sub_kind": sub_kind} if sub_kind else {"kind": kind} if kind else {}
    return url + page.reverse_subpage("listing", kwargs=kwargs)


def apply_filters(*, queryset, filters: CalendarFilters, now=None, by_time=True):
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
        # The item's title, summary and venue, kept in one column (``search_text``, lines
        # apart: a search never holds a line break, so it cannot match across two fields).
        conditions &= Q(item__search_text__icontains=filters.q)
    # An occurrence is upcoming until it ends, so what is on today still shows.
    if not by_time:
        pass
    elif filters.when == When.PAST:
        conditions &= Q(end__lt=now)
    else:
        conditions &= Q(end__gte=now) & Q(start__gte=_earliest_upcoming_start(now))
    return queryset.filter(conditions)


def _earliest_upcoming_start(now):
    """The earliest start of anything not yet over, read from the ``end, start`` index.

    Implied by ``end >= now``, so it changes no result; it lets the database read the
    listing (soonest first) from the start of what is on now instead of from the first item
    ever held, past thousands of items that are over. The aggregate's own ``FILTER`` keeps
    SQLite and PostgreSQL from answering ``MIN(start)`` along the ``start`` index, which
    would walk those same items.
    """
    upcoming = Q(end__gte=now)
    return Subquery(
        Occurrence.objects.filter(upcoming)
        .order_by()
        .values(one=Value(1))
        .annotate(first=Min("start", filter=upcoming))
        .values("first")
    )


def calendar_occurrences(*, filters: CalendarFilters, now=None):
    """The listing: soonest first when upcoming, latest first when past, each occurrence with
    its item (what a feed shows)."""
    ordering = ("-start", "-pk") if filters.when == When.PAST else ("start", "pk")
    return (
        apply_filters(queryset=live_occurrences(), filters=filters, now=now)
        .select_related("item")
        .order_by(*ordering)
    )


FEED_PAST = dt.timedelta(days=365)


def feed_occurrences(*, filters: CalendarFilters, limit: int, now=None) -> list:
    """What a subscribed calendar holds: the view's occurrences still to come (up to
    ``limit``, soonest first) and those that ended in the last twelve months (up to ``limit``,
    latest first), so an event stays in people's calendars once it is over (docs/events.md).
    A view of past items gives the last twelve months only."""
    now = now or timezone.now()
    recent = Q(end__gte=now - FEED_PAST)
    past = calendar_occurrences(filters=replace(filters, when=When.PAST), now=now).filter(recent)
    if filters.when == When.PAST:
        return list(past[:limit])
    return [*calendar_occurrences(filters=filters, now=now)[:limit], *past[:limit]]


def calendar_ids(*, filters: CalendarFilters, now=None):
    """The listing's occurrence ids in order: what a page of it is cut from.

    Only the id is carried through the filtering and the sort, so a search matching
    thousands of occurrences sorts thousands of ids, not thousands of whole pages, and the
    places taken are counted for the page shown alone (``with_places``)."""
    return calendar_occurrences(filters=filters, now=now).values_list("pk", flat=True)


def with_places(*, ids) -> list:
    """The occurrences ``ids`` in that order, each with its item, confirmed places and
    unused reserved places."""
    found = (
        Occurrence.objects.filter(pk__in=ids)
        .select_related("item")
        .annotate(confirmed=_confirmed_count())
        .in_bulk()
    )
    return with_reserved(found[pk] for pk in ids if pk in found)


FACETS = ("kind", "sub_kind", "region", "format")
# Filters that each leave few items; with two of them chosen, every facet keeps one.
NARROW = ("sub_kind", "region", "format")


def _grouped(filters, field, now):
    rows = (
        apply_filters(queryset=live_occurrences(), filters=filters, now=now)
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
    )
    return {row[field]: row["n"] for row in rows}


def _summed(filters, now):
    """The kind, sub-kind, region and format counts from one query: what matches the
    search, topic and time, counted by all four together (a few hundred groups at most),
    each facet summed here from the groups that match every chosen filter but its own."""
    rows = (
        apply_filters(queryset=live_occurrences(), filters=filters.without(*FACETS), now=now)
        .order_by()
        .values(*(f"item__{name}" for name in FACETS))
        .annotate(n=Count("pk"))
    )
    groups = [({name: row[f"item__{name}"] for name in FACETS}, row["n"]) for row in rows]
    chosen = {name: getattr(filters, name) for name in FACETS}

    def count(field, *, free):
        counts = Counter()
        for values, n in groups:
            if all(
                chosen[name] is None or values[name] == chosen[name]
                for name in FACETS
                if name not in free
            ):
                counts[values[field]] += n
        return dict(counts)

    return {
        "kind": count("kind", free=("kind", "sub_kind")),
        "region": count("region", free=("region",)),
        "format": count("format", free=("format",)),
        "sub_kind": count("sub_kind", free=("sub_kind",)) if filters.kind else {},
    }


def _by_time(filters, field, now):
    """Occurrences by ``field``, each group's count on both sides of the time filter."""
    rows = (
        apply_filters(queryset=live_occurrences(), filters=filters, now=now, by_time=False)
        .order_by()
        .values(field)
        .annotate(
            upcoming=Count("pk", filter=Q(end__gte=now)), past=Count("pk", filter=Q(end__lt=now))
        )
    )
    return {row[field]: {When.UPCOMING: row["upcoming"], When.PAST: row["past"]} for row in rows}


def _side(grouped, when):
    return {value: sides[when] for value, sides in grouped.items() if sides[when]}


def facet_counts(*, filters: CalendarFilters, now=None) -> dict:
    """For every filter, how many occurrences each of its options would give, the other
    filters staying as they are.

    A fixed number of queries whatever the data. Usually the kind, sub-kind, region and
    format counts come from one grouped query (``_summed``), which reads everything matching
    the search, topic and time; then one query counts both sides of the time filter with
    every other filter applied (the listing's own total is one of them) and one by topic.
    When two or more narrow filters (sub-kind, region, format) are chosen, reading everything
    is the slow way: each facet gets its own GROUP BY, which can read by the narrow filter it
    keeps, counting both sides of the time filter at once so that the region's also gives
    the time counts.
    """
    now = now or timezone.now()
    if sum(1 for name in NARROW if getattr(filters, name)) >= 2:
        regions = _by_time(filters.without("region"), "item__region", now)
        counts = {
            "kind": _side(
                _by_time(filters.without("kind", "sub_kind"), "item__kind", now), filters.when
            ),
            "region": _side(regions, filters.when),
            "format": _side(_by_time(filters.without("format"), "item__format", now), filters.when),
            "sub_kind": _side(
                _by_time(filters.without("sub_kind"), "item__sub_kind", now), filters.when
            )
            if filters.kind
            else {},
            "when": {
                when.value: sum(
                    sides[when]
                    for region, sides in regions.items()
                    if filters.region is None or region == filters.region
                )
                for when in When
            },
        }
    else:
        counts = _summed(filters, now)
        counts["when"] = apply_filters(
            queryset=live_occurrences(), filters=filters, now=now, by_time=False
        ).aggregate(
            upcoming=Count("pk", filter=Q(end__gte=now)), past=Count("pk", filter=Q(end__lt=now))
        )
    counts["topic"] = _grouped(filters.without("topic"), "item__topics__slug", now)
    return counts


def upcoming_for_topic(*, topic, limit=6, now=None):
    """The next occurrences of items on a topic (for the topic page)."""
    now = now or timezone.now()
    return list(
        live_occurrences()
        .filter(item__topics=topic, end__gte=now)
        .select_related("item")
        .order_by("start", "pk")[:limit]
    )


def item_occurrences(*, item, now=None):
    """An item's occurrences with places taken: a series shows what is still to come."""
    now = now or timezone.now()
    occurrences = list(item.occurrences.annotate(confirmed=_confirmed_count()).order_by("start"))
    if item.recurrence:
        upcoming = [o for o in occurrences if o.end >= now]
        if upcoming:
            return with_reserved(upcoming)
    return with_reserved(occurrences)


# Page-cache tags for places left (``core/cache.py``): every listing shows them; an item's
# page shows its own. Bookings change them, not content, so they do not retire other pages.
PLACES_TAG = "events:places"


def places_tags(*, item_id) -> tuple[str, str]:
    """The tags naming places left at ``item_id``: the listings' and the item page's."""
    return PLACES_TAG, f"{PLACES_TAG}:{item_id}"


@dataclass(frozen=True)
class Availability:
    """What is left at one occurrence: places for anyone, and (when asked) for partners."""

    places_left: int
    # Partner places left (never more than places_left); None when partners were not asked.
    partner_places_left: int | None = None
    # The organisation whose unused reserved place a partner contact's booking would take,
    # and how many places are still reserved for the contact's organisations.
    reserved_organisation_id: int | None = None
    reserved_places_left: int = 0

    def has_place(self, *, partner: bool = False) -> bool:
        """Whether a booking now would be confirmed (rather than go on the waiting list)."""
        return bool(self.partner_places_left if partner else self.places_left)

    @property
    def partners_sold_out(self) -> bool:
        """Places are left, but not for partners: they join the waiting list."""
        return bool(self.places_left) and self.partner_places_left == 0


def reserved_left(*, occurrences) -> dict:
    """Unused reserved places at each occurrence: ``{occurrence_id: {organisation_id: n}}``.

    Places are reserved per item for organisations (``reservations.py``); a confirmed booking
    made on an organisation's reservation (``Booking.organisation``) uses one of its places.
    One query to the sources, and one more when any of these items has reservations."""
    occurrences = list(occurrences)
    by_item = reservations.reserved(item_ids={o.item_id for o in occurrences})
    result = {o.pk: {} for o in occurrences}
    wanted = [o.pk for o in occurrences if by_item.get(o.item_id)]
    if not wanted:
        return result
    rows = (
        Booking.objects.filter(
            occurrence_id__in=wanted,
            status=Booking.Status.CONFIRMED,
            organisation__isnull=False,
        )
        .values("occurrence_id", "organisation_id")
        .annotate(n=Count("pk"))
    )
    taken = {(row["occurrence_id"], row["organisation_id"]): row["n"] for row in rows}
    for occurrence in occurrences:
        result[occurrence.pk] = {
            organisation_id: max(places - taken.get((occurrence.pk, organisation_id), 0), 0)
            for organisation_id, places in by_item.get(occurrence.item_id, {}).items()
        }
    return result


def with_reserved(occurrences) -> list:
    """The occurrences, each given its unused reserved places (``reserved_left``)."""
    occurrences = list(occurrences)
    left = reserved_left(occurrences=occurrences)
    for occurrence in occurrences:
        occurrence.reserved_left = left[occurrence.pk]
    return occurrences


def may_book(*, item, user) -> bool:
    """Whether ``user`` may take a place at ``item``: anyone signed in, or — when the item is
    for members only — whoever membership's one rule lets take a member's place
    (``membership.selectors.member_can``; staff always). One query for a members-only item,
    none otherwise. The booking service asks this under its lock; pages ask it to choose
    what to offer."""
    if not item.members_only:
        return True
    return member_can(user=user, action=MEMBERS_PLACE)


def availability(
    *,
    occurrence,
    partner: bool = False,
    partner_confirmed=None,
    organisations=(),
    reserved=None,
) -> Availability:
    """The one rule for places at an occurrence (docs/events.md, "Places"):

    - confirmed places never exceed the item's capacity;
    - places reserved for an organisation (``reservations.py``) and not yet used are held
      back: nobody else may take them, so places for anyone are capacity − confirmed −
      unused reserved places;
    - a partner contact of ``organisations`` takes first an unused reserved place of theirs,
      then one of the places for anyone, as long as partner bookings made that way stay
      within the item's partner allocation.

    Counts come from ``occurrence.confirmed`` when the occurrence was read with its places
    (``with_places``, ``item_occurrences``), from ``occurrence.reserved_left`` or
    ``reserved`` (``reserved_left``) and from ``partner_confirmed`` when given
    (``partner_places_taken``); otherwise they are counted now, which is what the booking
    service does under its lock on the occurrence. Partner places are worked out only when
    ``partner`` is true.
    """
    item = occurrence.item
    confirmed = getattr(occurrence, "confirmed", None)
    bookings = Booking.objects.filter(occurrence=occurrence, status=Booking.Status.CONFIRMED)
    if confirmed is None:
        confirmed = bookings.count()
    if reserved is None:
        reserved = getattr(occurrence, "reserved_left", None)
    if reserved is None:
        reserved = reserved_left(occurrences=[occurrence])[occurrence.pk]
    free = max(item.capacity - confirmed, 0)
    places_left = max(free - sum(reserved.values()), 0)
    if not partner:
        return Availability(places_left=places_left)
    if partner_confirmed is None:
        partner_confirmed = bookings.filter(
            allocation=Booking.Allocation.PARTNER, organisation__isnull=True
        ).count()
    own = [o for o in organisations if reserved.get(o)]
    own_left = min(sum(reserved[o] for o in own), free)
    open_left = min(max(item.partner_allocation - partner_confirmed, 0), places_left)
    return Availability(
        places_left=places_left,
        partner_places_left=own_left + open_left,
        reserved_organisation_id=own[0] if own_left else None,
        reserved_places_left=own_left,
    )


def partner_places_taken(*, occurrence_ids) -> dict:
    """Confirmed partner bookings within the partner allocation (not on a reservation)."""
    rows = (
        Booking.objects.filter(
            occurrence_id__in=occurrence_ids,
            status=Booking.Status.CONFIRMED,
            allocation=Booking.Allocation.PARTNER,
            organisation__isnull=True,
        )
        .values("occurrence_id")
        .annotate(n=Count("pk"))
    )
    return {row["occurrence_id"]: row["n"] for row in rows}


def bookings_for(*, user, occurrence_ids) -> dict:
    """The user's live bookings at these occurrences, by occurrence id."""
    if not user.is_authenticated:
        return {}
    bookings = Booking.objects.filter(user=user, occurrence_id__in=occurrence_ids).exclude(
        status=Booking.Status.CANCELLED
    )
    return {b.occurrence_id: b for b in bookings}


def member_bookings(*, user, now=None):
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


def attendees(*, occurrence):
    """Everyone booked or waiting at an occurrence, in booking order."""
    return list(
        occurrence.bookings.exclude(status=Booking.Status.CANCELLED)
        .select_related("user__organisation", "organisation")
        .order_by("status", "created_at", "pk")
    )


def waiting_positions(*, bookings) -> dict:
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


def attendance_count(*, occurrence_ids) -> int:
    """How many people came: confirmed places marked attended at the item's dates
    ``occurrence_ids`` (one query, by the bookings' occurrence index; joining the
    occurrences instead lets SQLite pick the status index and read every confirmed
    booking)."""
    return Booking.objects.filter(
        occurrence_id__in=list(occurrence_ids), status=Booking.Status.CONFIRMED, attended=True
    ).count()


def training_item_links(*, item_ids) -> dict:
    """For another room's training items (``services.training_item_sync``): each live
    item's page address and the address of its calendar file, by item id. One query."""
    from .models import CalendarItemPage

    found = {}
    for item in CalendarItemPage.objects.live().filter(pk__in=list(item_ids)):
        url, calendar_url = item.get_url(), item.calendar_file_url()
        if url and calendar_url:
            found[item.pk] = {"url": url, "calendar_url": calendar_url}
    return found


def training_items_calendar(*, item_ids, name: str) -> bytes:
    """Another room's training items as one calendar file (every occurrence of each live
    item), for an e-mail attachment; empty bytes when none is live. One query."""
    from .ics import build_calendar

    occurrences = list(
        Occurrence.objects.filter(item_id__in=list(item_ids), item__live=True)
        .select_related("item")
        .order_by("start", "pk")
    )
    return build_calendar(occurrences, name=name) if occurrences else b""


def alumni_events(*, limit: int = 6, now=None) -> list[dict]:
    """The next alumni events of the calendar (events of the alumni sub-kind)."""
    now = now or timezone.now()
    rows = (
        live_occurrences()
        .filter(item__kind="events", item__sub_kind="alumni", end__gte=now)
        .select_related("item")
        .order_by("start", "pk")[:limit]
    )
    return [
        {
            "title": o.item.title,
            "url": o.item.get_url(),
            "start": o.start,
            "end": o.end,
            "format": o.item.get_format_display(),
            "region": o.item.get_region_display(),
        }
        for o in rows
    ]


def items_sponsored_by(*, organisation, limit: int = 50) -> list[dict]:
    """Live public calendar items ``organisation`` sponsors, latest first: id, title, kind,
    start and address (one query)."""
    from institute.core import routing

    from .models import CalendarItemPage

    items = routing.public(CalendarItemPage.objects.live().filter(sponsor=organisation))
    return [
        {
            "id": item.pk,
            "title": item.title,
            "kind": item.get_kind_display(),
            "start": item.start,
            "url": item.url,
        }
        for item in items.order_by("-start", "pk")[:limit]
    ]


def items_titled(*, item_ids) -> dict:
    """Titles and capacities of calendar items by id (for other rooms' screens), one query."""
    from .models import CalendarItemPage

    rows = CalendarItemPage.objects.filter(pk__in=list(item_ids)).values(
        "pk", "title", "capacity", "start"
    )
    return {row["pk"]: row for row in rows}


def items_to_choose(*, since=None) -> list[tuple[int, str]]:
    """Live items ending from ``since`` (a year ago by default) as (id, "title, date")
    choices, soonest first: what other rooms' staff screens offer to pick from. One query."""
    from .models import CalendarItemPage

    since = since or timezone.now() - dt.timedelta(days=365)
    items = (
        CalendarItemPage.objects.live()
        .filter(end__gte=since)
        .order_by("start", "pk")
        .values_list("pk", "title", "start")
    )
    return [(pk, f"{title}, {timezone.localtime(start):%-d %b %Y}") for pk, title, start in items]


def occurrences_starting_between(*, start, end, limit=20):
    """Live occurrences starting ``start`` ≤ start < ``end``, soonest first, with their
    item's topics' slugs (for digests such as the newsletter)."""
    occurrences = (
        live_occurrences()
        .filter(start__gte=start, start__lt=end)
        .select_related("item")
        .prefetch_related("item__topics")
        .order_by("start", "pk")[:limit]
    )
    return [
        {
            "title": o.item.title,
            "url": o.item.url,
            "summary": o.item.summary,
            "meta": timezone.localtime(o.start).strftime("%a %-d %B %Y, %H:%M"),
            "topics": sorted(t.slug for t in o.item.topics.all()),
        }
        for o in occurrences
    ]
