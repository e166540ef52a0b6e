"""Writes of the calendar. ``booking_create`` and ``booking_cancel`` enforce the capacity rule.

The rule itself is ``selectors.availability`` (what the pages show comes from it too): at
one occurrence, confirmed places never exceed the item's capacity, and places held by partner
contacts never exceed its partner allocation, and places reserved for an organisation stay
free for its partner contacts (``reservations.py``). Both functions take a row lock on the
occurrence (``SELECT … FOR UPDATE`` on PostgreSQL) inside the transaction before counting,
so concurrent requests for the same occurrence queue behind each other and each counts what
the one before it wrote. On SQLite the settings open every transaction with ``BEGIN
IMMEDIATE``, which serialises writers the same way.

A confirmed place taken or given back changes what the listings and the item's page show:
the services retire those cached pages (``selectors.places_tags``), and only those.
"""

from django.db import transaction
from django.utils import timezone

from institute.core import cache as page_cache
from institute.people.selectors import partner_organisation_ids

from . import selectors, tasks
from .models import Booking, CalendarItemPage, CalendarPage, Occurrence
from .recurrence import expand


class BookingError(Exception):
    """A booking that cannot be made at all (past, cancelled, for members only); the message
    says why."""


MEMBERS_ONLY_MESSAGE = (
    "Places at this item are for members. Join or renew your membership, then book."
)


@transaction.atomic
def occurrences_sync(*, item: CalendarItemPage) -> list[Occurrence]:
    """Make the item's occurrences match its dates and recurrence rule.

    Occurrences keep their identity (and so their bookings and feed UIDs) when their start
    is unchanged; a one-off item that moves keeps its single occurrence. Occurrences no longer
    in the rule are removed unless someone has booked them.
    """
    wanted = expand(item.start, item.end, item.recurrence)
    existing = list(Occurrence.objects.filter(item=item).order_by("start"))
    if not item.recurrence and len(existing) == 1:
        occurrence = existing[0]
        occurrence.start, occurrence.end = wanted[0]
        occurrence.save(update_fields=["start", "end"])
        return [occurrence]
    by_start = {o.start: o for o in existing}
    kept, created = [], []
    for begins, ends in wanted:
        occurrence = by_start.pop(begins, None)
        if occurrence is None:
            created.append(Occurrence(item=item, start=begins, end=ends))
        else:
            if occurrence.end != ends:
                occurrence.end = ends
                occurrence.save(update_fields=["end"])
            kept.append(occurrence)
    stale = [o.pk for o in by_start.values()]
    if stale:
        Occurrence.objects.filter(pk__in=stale, bookings__isnull=True).delete()
    Occurrence.objects.bulk_create(created)
    return sorted(kept + created, key=lambda o: o.start)


def _locked_occurrence(occurrence_id) -> Occurrence:
    # Lock only the occurrence row (not the page rows joined in): this is the capacity lock.
    return (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("item")
        .get(pk=occurrence_id)
    )


def _place_for(occurrence: Occurrence, user):
    """(allocation, confirmed, organisation id of the reservation used) for ``user`` now.

    Counted afresh under the caller's lock: the occurrence carries no counts read earlier."""
    organisations = partner_organisation_ids(user=user) if user is not None else []
    partner = bool(organisations)
    places = selectors.availability(
        occurrence=occurrence, partner=partner, organisations=organisations
    )
    allocation = Booking.Allocation.PARTNER if partner else Booking.Allocation.MEMBER
    return allocation, places.has_place(partner=partner), places.reserved_organisation_id


@transaction.atomic
def booking_create(*, occurrence: Occurrence, user) -> Booking:
    """Book ``user`` a place at ``occurrence``, or a place on its waiting list when it is full.

    Partner contacts take their organisation's reserved places first, then draw from the
    partner allocation (``selectors.availability``). A members-only item refuses whoever
    membership's rule does not count as a member today (``selectors.may_book``). Booking
    twice returns the live booking.
    The confirmation (with the ICS attached) or the waiting-list notice is e-mailed after commit.
    """
    occurrence = _locked_occurrence(occurrence.pk)
    item = occurrence.item
    if item.is_cancelled:
        raise BookingError("This item has been cancelled.")
    if occurrence.end <= timezone.now():
        raise BookingError("This has already taken place.")
    current = occurrence.bookings.filter(user=user).exclude(status=Booking.Status.CANCELLED).first()
    if current is not None:
        return current
    if not selectors.may_book(item=item, user=user):
        raise BookingError(MEMBERS_ONLY_MESSAGE)
    allocation, confirmed, organisation_id = _place_for(occurrence, user)
    now = timezone.now()
    booking = Booking.objects.create(
        occurrence=occurrence,
        user=user,
        allocation=allocation,
        organisation_id=organisation_id if confirmed else None,
        status=Booking.Status.CONFIRMED if confirmed else Booking.Status.WAITING,
        created_at=now,
        confirmed_at=now if confirmed else None,
    )
    if confirmed:
        page_cache.changed(*selectors.places_tags(item_id=item.pk))
    notice = "confirmed" if confirmed else "waiting"
    transaction.on_commit(lambda: tasks.send_booking_notice.enqueue(booking.pk, notice))
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking) -> Booking | None:
    """Cancel a booking; a freed place goes to the first person waiting who may take it.

    Returns the promoted booking (who is e-mailed their confirmation), if any. At a
    members-only item, someone waiting whose membership has lapsed is passed over.
    """
    occurrence = _locked_occurrence(booking.occurrence_id)
    booking = Booking.objects.get(pk=booking.pk)  # re-read under the lock
    if booking.status == Booking.Status.CANCELLED:
        return None
    was_confirmed = booking.status == Booking.Status.CONFIRMED
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    if not was_confirmed:
        return None
    page_cache.changed(*selectors.places_tags(item_id=occurrence.item_id))
    for waiting in (
        occurrence.bookings.filter(status=Booking.Status.WAITING)
        .select_related("user")
        .order_by("created_at", "pk")
    ):
        if waiting.user_id is None or not selectors.may_book(
            item=occurrence.item, user=waiting.user
        ):
            continue  # erased, or no longer a member for a members-only item
        allocation, confirmed, organisation_id = _place_for(occurrence, waiting.user)
        if confirmed:
            waiting.status = Booking.Status.CONFIRMED
            waiting.confirmed_at = timezone.now()
            waiting.allocation = allocation
            waiting.organisation_id = organisation_id
            waiting.save(update_fields=["status", "confirmed_at", "allocation", "organisation"])
            transaction.on_commit(
                lambda pk=waiting.pk: tasks.send_booking_notice.enqueue(pk, "promoted")
            )
            return waiting
    return None


@transaction.atomic
def attendance_mark(*, occurrence: Occurrence, attended_ids) -> int:
    """Record who came: confirmed bookings in ``attended_ids`` attended, the others did not."""
    attended_ids = {int(pk) for pk in attended_ids}
    confirmed = occurrence.bookings.filter(status=Booking.Status.CONFIRMED)
    confirmed.filter(pk__in=attended_ids).update(attended=True)
    confirmed.exclude(pk__in=attended_ids).update(attended=False)
    return confirmed.filter(attended=True).count()


@transaction.atomic
def bookings_erase(*, user) -> None:
    """Erasure: future places are cancelled (promoting others), past ones kept anonymously."""
    now = timezone.now()
    for booking in Booking.objects.filter(user=user, occurrence__end__gt=now).exclude(
        status=Booking.Status.CANCELLED
    ):
        booking_cancel(booking=booking)
    Booking.objects.filter(user=user).update(user=None)


# Items other rooms keep in the calendar (the academy's cohort sessions). Such a room never
# touches the calendar's models: it hands over what the item should say and keeps the id.
TRAINING_FIELDS = (
    "title",
    "summary",
    "start",
    "end",
    "sub_kind",
    "region",
    "format",
    "venue",
    "capacity",
    "members_only",
    "member_price",
    "non_member_price",
    "sponsor_id",
    "kind",
    "recurrence",
)


@transaction.atomic
def training_item_sync(
    *,
    item_id: int | None,
    slug: str,
    title: str,
    summary: str = "",
    start,
    end,
    sub_kind: str = "programme",
    region: str = "national",
    format: str = "in-person",  # noqa: A002 - the calendar's own field name
    venue: str = "",
    capacity: int = 100,
    members_only: bool = False,
    member_price=0,
    non_member_price=0,
    sponsor_id: int | None = None,
    topic_ids=(),
    kind: str = "training",
    recurrence: str = "",
) -> int:
    """Create or update a published training item with a single occurrence (or, given an
    iCalendar ``recurrence`` rule, a series; ``kind`` "events" for a drop-in series); returns
    its id.

    ``item_id`` is what an earlier call returned (None the first time, or when that item has
    gone); ``slug`` is used only when the item is created. An unchanged item is left alone,
    so syncing again publishes nothing."""
    from .demo_helpers import ensure_calendar

    values = {
        "title": title,
        "summary": summary[:300],
        "start": start,
        "end": end,
        "sub_kind": sub_kind,
        "region": region,
        "format": format,
        "venue": venue,
        "capacity": capacity,
        "members_only": members_only,
        "member_price": member_price,
        "non_member_price": non_member_price,
        "sponsor_id": sponsor_id,
        "kind": kind,
        "recurrence": recurrence,
    }
    item = CalendarItemPage.objects.filter(pk=item_id).first() if item_id else None
    topic_ids = sorted(topic_ids)
    if item is None:
        calendar = CalendarPage.objects.live().first() or ensure_calendar()
        base, n = slug[:70], 1
        taken = set(calendar.get_children().values_list("slug", flat=True))
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        item = CalendarItemPage(slug=slug, **values)
        calendar.add_child(instance=item)
        if topic_ids:
            item.topics.set(topic_ids)
            item.save()
        occurrences_sync(item=item)
        page_cache.invalidate()
        return item.pk
    unchanged = all(getattr(item, name) == values[name] for name in TRAINING_FIELDS)
    current_topics = sorted(item.topics.values_list("pk", flat=True))
    if unchanged and current_topics == topic_ids and item.live:
        return item.pk
    for name, value in values.items():
        setattr(item, name, value)
    item.topics.set(topic_ids)
    item.save_revision().publish()  # the publish signal syncs its occurrence
    return item.pk


@transaction.atomic
def training_item_withdraw(*, item_id: int) -> None:
    """Take an item another room no longer needs out of the calendar (unpublished, so
    anyone who booked it keeps their booking's history)."""
    item = CalendarItemPage.objects.filter(pk=item_id, live=True).first()
    if item is not None:
        item.unpublish()
