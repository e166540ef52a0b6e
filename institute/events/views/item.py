"""What an item's page shows: its occurrences with places left, the visitor's own bookings
(signed-in visitors only, so the anonymous page stays the same for everyone), add-to-calendar
links and the schema.org Event description."""

import json
from urllib.parse import urlencode

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.safestring import mark_safe

from institute.core import topics as topic_registry
from institute.core.cache import depends_on
from institute.people.selectors import is_partner_contact

from .. import selectors
from ..choices import Format, Status
from ..ics import item_url, location_text

SCHEMA_STATUS = {
    Status.SCHEDULED: "https://schema.org/EventScheduled",
    Status.CANCELLED: "https://schema.org/EventCancelled",
    Status.POSTPONED: "https://schema.org/EventPostponed",
}
SCHEMA_MODE = {
    Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Format.VIRTUAL: "https://schema.org/OnlineEventAttendanceMode",
    Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _utc_stamp(value):
    return value.strftime("%Y%m%dT%H%M%SZ")


def calendar_links(item, occurrence, url):
    """Google and Outlook 'add to calendar' links for one occurrence."""
    details = f"{item.summary}\n\n{url}".strip()
    location = location_text(item)
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": item.title,
            "dates": f"{_utc_stamp(occurrence.start)}/{_utc_stamp(occurrence.end)}",
            "details": details,
            "location": location,
        }
    )
    outlook = "https://outlook.office.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": item.title,
            "startdt": occurrence.start.isoformat(),
            "enddt": occurrence.end.isoformat(),
            "body": details,
            "location": location,
        }
    )
    return {"google": google, "outlook": outlook}


def json_ld(item, occurrence, url, places_left, speakers=None):
    """schema.org Event for search engines (no joining link: that is for booked people)."""
    if item.format == Format.VIRTUAL:
        location = {"@type": "VirtualLocation", "url": url}
    else:
        place = {
            "@type": "Place",
            "name": item.venue or item.get_region_display(),
            "address": item.address.replace("\n", ", ") or item.get_region_display(),
        }
        location = (
            place
            if item.format == Format.IN_PERSON
            else [
                place,
                {"@type": "VirtualLocation", "url": url},
            ]
        )
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": item.title,
        "description": item.summary,
        "url": url,
        "startDate": occurrence.start.isoformat(),
        "endDate": occurrence.end.isoformat(),
        "eventStatus": SCHEMA_STATUS[Status(item.status)],
        "eventAttendanceMode": SCHEMA_MODE[Format(item.format)],
        "location": location,
        "organizer": {"@type": "Organization", "name": "Institute"},
    }
    # Offers only while a place can be booked (booking_create's rule: not cancelled, not over).
    if not item.is_cancelled and occurrence.end > timezone.now():
        availability = "InStock" if places_left > 0 else "SoldOut"
        data["offers"] = [
            {
                "@type": "Offer",
                "name": name,
                "price": f"{price:.2f}",
                "priceCurrency": "GBP",
                "url": url,
                "availability": f"https://schema.org/{availability}",
            }
            for name, price in (
                ("Members", item.member_price),
                ("Non-members", item.non_member_price),
            )
        ]
    performers = [
        {"@type": "Person", "name": s.name}
        for s in (item.speakers.all() if speakers is None else speakers)
    ]
    if performers:
        data["performer"] = performers
    if item.sponsor_id:
        data["sponsor"] = {"@type": "Organization", "name": item.sponsor.name}
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES))  # noqa: S308


def _related_resources(topics):
    """The resources section of the item's first topic (cached by the topic registry)."""
    if not topics:
        return []
    found = topic_registry.blocks(topics[0], 4, include=("resources",), more=False)
    return found[0].items if found else []


def item_context(request, item):
    """Everything the page shows, in a fixed number of queries whatever the number of dates,
    bookings, speakers or topics: the occurrences with places taken (one query), speakers
    and topics (one each, shared by the page and its JSON-LD), the sponsor if there is one;
    signed-in visitors add their bookings, waiting positions and partner places (one each)."""
    url = item_url(item)
    # Places change with bookings, not content: a cached page lasts until this item's do.
    depends_on(request, selectors.places_tags(item_id=item.pk)[1])
    occurrences = selectors.item_occurrences(item)
    if not getattr(request, "is_preview", False):  # a preview's choices are on the object
        prefetch_related_objects([item], "speakers", "topics")
    speakers = list(item.speakers.all())
    topics = list(item.topics.all())
    ids = [o.pk for o in occurrences]
    user = request.user
    signed_in = user.is_authenticated
    own = selectors.bookings_for(user, ids) if signed_in else {}
    positions = selectors.waiting_positions(own.values()) if own else {}
    partner = signed_in and is_partner_contact(user=user)
    partner_taken = selectors.partner_places_taken(ids) if partner else {}
    rows = []
    for occurrence in occurrences:
        places = selectors.availability(
            occurrence=occurrence,
            partner=partner,
            partner_confirmed=partner_taken.get(occurrence.pk, 0),
        )
        booking = own.get(occurrence.pk)
        rows.append(
            {
                "occurrence": occurrence,
                "places_left": places.places_left,
                "booking": booking,
                "waiting_position": positions.get(booking.pk) if booking else None,
                "partners_sold_out": places.partners_sold_out,
                "links": calendar_links(item, occurrence, url),
            }
        )
    main = rows[0] if rows else None
    return {
        "item_url": url,
        "rows": rows,
        "main": main,
        "signed_in": signed_in,
        "has_confirmed_place": any(
            r["booking"] and r["booking"].status == "confirmed" for r in rows
        ),
        "is_staff_viewer": signed_in and user.has_perm("events.view_booking"),
        "json_ld": json_ld(item, main["occurrence"], url, main["places_left"], speakers)
        if main
        else "",
        "speakers": speakers,
        "topics": topics,
        "related_resources": _related_resources(topics),
        "og_type": "event",
        "now": timezone.now(),
    }
