"""The calendar in the API: what anyone may read (the listing, with the calendar pages' own
filters and results, and an item) and a member's own bookings (book and cancel through the
same services as the pages, under the same capacity rule)."""

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.params import Path

from institute.api.auth import require_scope
from institute.api.pagination import PAGE_DOC, PAGE_SIZE_DOC, PageInfo, page_of, paging
from institute.api.problems import Problem
from institute.api.registry import register
from institute.api.scopes import Scope
from institute.core import routing
from institute.core.canonical import page_url
from institute.core.params import MAX_ID
from institute.core.ratelimit import over_limit
from institute.core.selectors import topic_list

from . import selectors, services
from .choices import SUB_KINDS, Kind, SubKind, When
from .filters import parse
from .models import CalendarItemPage, Occurrence

public = Router()
personal = Router()


class ItemSummary(Schema):
    id: int
    title: str
    url: str
    kind: str
    sub_kind: str
    format: str
    region: str
    status: str
    summary: str
    venue: str
    topics: list[str] = []


class OccurrenceOut(Schema):
    id: int
    start: dt.datetime
    end: dt.datetime
    places_left: int | None
    item: ItemSummary


class CalendarPageOut(Schema):
    meta: PageInfo
    results: list[OccurrenceOut]


class OccurrenceDetail(Schema):
    id: int
    start: dt.datetime
    end: dt.datetime
    places_left: int


class ItemDetail(ItemSummary):
    capacity: int
    members_only: bool
    member_price: Decimal
    non_member_price: Decimal
    occurrences: list[OccurrenceDetail]


class CalendarFilters(Schema):
    kind: str | None = None
    sub_kind: str | None = None
    region: str | None = None
    format: str | None = None
    topic: str | None = None
    when: str | None = None
    q: str | None = None
    page: str | None = None
    page_size: str | None = None


def _item(item, topics=()) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "url": page_url(item),
        "kind": item.kind,
        "sub_kind": item.sub_kind or "",
        "format": item.format,
        "region": item.region,
        "status": item.status,
        "summary": item.summary,
        "venue": item.venue,
        "topics": list(topics),
    }


def _kind(params):
    """Kind and sub-kind (path segments on the pages), checked as the pages check them."""
    kind, sub_kind = params.get("kind") or None, params.get("sub_kind") or None
    if kind is not None and kind not in Kind.values:
        raise Problem(400, f"kind must be one of {', '.join(Kind.values)}.")
    if sub_kind is not None and (
        kind is None or sub_kind not in {s.value for s in SUB_KINDS[Kind(kind)]}
    ):
        raise Problem(400, "sub_kind must be one of its kind's sub-kinds.")
    return kind, sub_kind


@public.get(
    "",
    response=CalendarPageOut,
    url_name="calendar_list",
    summary="The calendar",
    description=(
        "Occurrences of events, training and webinars: the calendar page's filters with its "
        "results (upcoming soonest first, past latest first). "
        f"kind: {', '.join(Kind.values)}; sub_kind: {', '.join(SubKind.values)}; "
        f"when: {', '.join(When.values)}; region, format, topic (slug), q (text). "
        f"page: {PAGE_DOC} page_size: {PAGE_SIZE_DOC}"
    ),
)
def calendar_list(request, filters: Query[CalendarFilters]):
    params = QueryDict(mutable=True)
    for name, value in filters.dict().items():
        if value is not None:
            params[name] = value
    kind, sub_kind = _kind(params)
    number, size = paging(params.pop("page", [None])[0], params.pop("page_size", [None])[0])
    topics = topic_list()
    parsed = parse(params, kind=kind, sub_kind=sub_kind, topic_slugs=[t.slug for t in topics])
    if parsed.errors:
        raise Problem(400, " ".join(parsed.errors), errors=list(parsed.errors))
    now = timezone.now()
    ids, info = page_of(
        request, selectors.calendar_ids(filters=parsed, now=now), number=number, size=size
    )
    occurrences = selectors.with_places(ids=ids)
    names = _topic_names([o.item_id for o in occurrences])
    return {
        "meta": info,
        "results": [
            {
                "id": o.pk,
                "start": o.start,
                "end": o.end,
                "places_left": selectors.availability(occurrence=o).places_left
                if parsed.when != When.PAST
                else None,
                "item": _item(o.item, names.get(o.item_id, ())),
            }
            for o in occurrences
        ],
    }


def _topic_names(item_ids) -> dict:
    """Topic slugs of each item, in one query."""
    through = CalendarItemPage.topics.through
    names = {}
    rows = through.objects.filter(calendaritempage_id__in=item_ids).values_list(
        "calendaritempage_id", "topic__slug"
    )
    for item_id, slug in rows:
        names.setdefault(item_id, []).append(slug)
    return {k: sorted(v) for k, v in names.items()}


@public.get(
    "items/{item_id}/",
    response=ItemDetail,
    url_name="calendar_item",
    summary="A calendar item",
    description="One event, course or webinar, with its occurrences and places left.",
)
def calendar_item(request, item_id: int = Path(..., ge=1, le=MAX_ID)):
    item = routing.public(CalendarItemPage.objects.live()).filter(pk=item_id).first()
    if item is None:
        raise Problem(404, "No calendar item has this id.")
    occurrences = selectors.item_occurrences(item=item)
    return {
        **_item(item, _topic_names([item.pk]).get(item.pk, ())),
        "capacity": item.capacity,
        "members_only": item.members_only,
        "member_price": item.member_price,
        "non_member_price": item.non_member_price,
        "occurrences": [
            {
                "id": o.pk,
                "start": o.start,
                "end": o.end,
                "places_left": selectors.availability(occurrence=o).places_left,
            }
            for o in occurrences
        ],
    }


# A member's own bookings ------------------------------------------------------------------


class BookingOut(Schema):
    occurrence: int
    status: str
    start: dt.datetime
    end: dt.datetime
    created_at: dt.datetime
    item: ItemSummary


class BookingList(Schema):
    upcoming: list[BookingOut]
    past: list[BookingOut]


class BookingIn(Schema):
    occurrence: int


BOOKINGS_PER_MINUTE = 20


def _booking(booking) -> dict:
    o = booking.occurrence
    return {
        "occurrence": o.pk,
        "status": booking.status,
        "start": o.start,
        "end": o.end,
        "created_at": booking.created_at,
        "item": _item(o.item),
    }


@personal.get("", response=BookingList, url_name="bookings_list", summary="My bookings")
def bookings_list(request):
    """Your live bookings: upcoming soonest first, past latest first. Scope: read."""
    require_scope(request, Scope.READ)
    upcoming, past = selectors.member_bookings(user=request.user)
    return {"upcoming": [_booking(b) for b in upcoming], "past": [_booking(b) for b in past]}


def _occurrence(occurrence_id):
    if not 1 <= occurrence_id <= MAX_ID:
        raise Problem(404, "No occurrence has this id.")
    occurrence = (
        Occurrence.objects.select_related("item")
        .filter(Q(item__live=True), pk=occurrence_id)
        .first()
    )
    if occurrence is None:
        raise Problem(404, "No occurrence has this id.")
    return occurrence


@personal.post(
    "",
    response={200: BookingOut, 201: BookingOut},
    url_name="bookings_create",
    summary="Book a place",
)
def bookings_create(request, body: BookingIn):
    """Book a place at an occurrence, or join its waiting list when it is full (status
    ``waiting``): the booking pages' service and capacity rule. Booking twice returns the
    live booking (200). Scope: bookings."""
    require_scope(request, Scope.BOOKINGS)
    occurrence = _occurrence(body.occurrence)
    if over_limit(f"events:booking:{request.user.pk}", limit=BOOKINGS_PER_MINUTE):
        raise Problem(429, "You have made a lot of bookings in a short time; wait a minute.")
    existing = selectors.bookings_for(user=request.user, occurrence_ids=[occurrence.pk])
    try:
        booking = services.booking_create(occurrence=occurrence, user=request.user)
    except services.BookingError as exc:
        raise Problem(409, str(exc)) from exc
    booking.occurrence = occurrence
    return (200 if existing else 201), _booking(booking)


@personal.delete(
    "{occurrence_id}/",
    response={204: None},
    url_name="bookings_cancel",
    summary="Cancel a booking",
)
def bookings_cancel(request, occurrence_id: int = Path(..., ge=1, le=MAX_ID)):
    """Cancel your booking at an occurrence; the first person waiting is offered the place,
    as on the pages. Scope: bookings."""
    require_scope(request, Scope.BOOKINGS)
    occurrence = _occurrence(occurrence_id)
    current = selectors.bookings_for(user=request.user, occurrence_ids=[occurrence.pk]).get(
        occurrence.pk
    )
    if current is None:
        raise Problem(404, "You have no booking there.")
    services.booking_cancel(booking=current)
    return 204, None


register("calendar", public, tag="calendar")
register("bookings", personal, personal=True, tag="bookings")


# Authorisation rules of these endpoints (gathered by ``institute/api/access.py``).
def _sample():
    from .demo_helpers import sample_occurrence

    return sample_occurrence()


def api_rules():
    from institute.api.access import API_REFUSED
    from institute.core.access import ANONYMOUS, MEMBER, Rule

    return {
        "api:calendar_list": Rule(ANONYMOUS),
        "api:calendar_item": Rule(ANONYMOUS, kwargs=lambda: {"item_id": _sample().item_id}),
        "api:bookings_list": Rule(MEMBER, refused_status=API_REFUSED),
        "api:bookings_create": Rule(MEMBER, refused_status=API_REFUSED),  # GET: the list
        # DELETE only: a GET is refused once signed in.
        "api:bookings_cancel": Rule(
            MEMBER,
            kwargs=lambda: {"occurrence_id": _sample().pk},
            ok_status=(405,),
            refused_status=(405,),  # no one may GET it, signed in or not
        ),
    }
