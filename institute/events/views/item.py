"""What an item's page shows: its occurrences with places left, the visitor's own bookings
(signed-in visitors only, so the anonymous page stays the same for everyone), add-to-calendar
links and the schema.org Event description."""

import datetime as dt
import re
from urllib.parse import urlencode

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Page

from institute.core import topics as topic_registry
from institute.core.cache import depends_on, remember
from institute.core.canonical import absolute_url
from institute.core.routing import public
from institute.membership.selectors import MEMBER_PRICE, member_can
from institute.people.selectors import partner_organisation_ids

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


PORTRAIT_SPEC = "fill-192x192"
LOGO_SPEC = "max-320x120"
UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", re.IGNORECASE)


def map_url(item) -> str:
    """A plain OpenStreetMap search for the venue and address (no embedded map: the
    Content-Security-Policy allows no third-party frames), or "" for an item online only."""
    if item.format == Format.VIRTUAL:
        return ""
    query = ", ".join(p for p in (item.venue, item.address.replace("\n", ", ")) if p)
    if not query:
        return ""
    return "https://www.openstreetmap.org/search?" + urlencode({"query": query})


def postal_address(item):
    """schema.org PostalAddress from the address lines (a last line that is a UK postcode
    becomes ``postalCode``), or the region's name when no address is given."""
    lines = [line.strip() for line in item.address.splitlines() if line.strip()]
    if not lines:
        return item.get_region_display()
    address = {"@type": "PostalAddress", "addressCountry": "GB"}
    if UK_POSTCODE.match(lines[-1]):
        address["postalCode"] = lines.pop().upper()
    if lines:
        address["streetAddress"] = ", ".join(lines)
    address["addressRegion"] = item.get_region_display()
    return address


def _image(image, spec, alt=None):
    """An ``<img>``'s URL, size and alt text (the image's description unless given)."""
    if image is None:
        return None
    rendition = get_rendition_or_not_found(image, spec)
    return {
        "url": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": alt if alt is not None else (image.description or image.title),
    }


def _agenda_days(item, sessions):
    """Sessions by day, each day with its date (London) when the programme has several."""
    first = timezone.localtime(item.start).date() if item.start else None
    days = {}
    for session in sorted(sessions, key=lambda a: (a.day, a.starts_at, a.sort_order or 0)):
        days.setdefault(session.day, []).append(session)
    several = len(days) > 1
    return [
        {
            "label": f"Day {day}" if several else "",
            "date": first + dt.timedelta(days=day - 1) if several and first else None,
            "sessions": found,
        }
        for day, found in days.items()
    ]


def _programme(item, speakers, agenda, sponsor_logo, resource_ids):
    """What the page shows of its programme, as plain values a cache can keep: speakers with
    their portraits, the agenda by day with links to its speakers, the sponsor's logo and
    the live, public pages that came out of the item."""
    anchors = {s.name.strip().casefold(): f"speaker-{n}" for n, s in enumerate(speakers, 1)}
    people = [
        {
            "anchor": f"speaker-{n}",
            "name": s.name,
            "role": s.role,
            "organisation": s.organisation,
            "meta": ", ".join(p for p in (s.role, s.organisation) if p),
            "bio": s.bio,
            "image": _image(s.photo, PORTRAIT_SPEC, alt=s.photo.description or f"{s.name}")
            if s.photo
            else None,
        }
        for n, s in enumerate(speakers, 1)
    ]
    days = _agenda_days(item, agenda)
    for day in days:
        day["sessions"] = [
            {
                "starts_at": a.starts_at,
                "ends_at": a.ends_at,
                "title": a.title,
                "speaker": a.speaker,
                "speaker_anchor": anchors.get(a.speaker.strip().casefold(), ""),
                "description": a.description,
            }
            for a in day["sessions"]
        ]
    resources = []
    if resource_ids:
        found = public(Page.objects.live().filter(pk__in=resource_ids)).in_bulk()
        resources = [
            {"title": found[pk].title, "url": found[pk].get_url()}
            for pk in resource_ids
            if pk in found
        ]
    return {
        "speakers": people,
        "agenda": days,
        "sponsor_logo": _image(
            sponsor_logo,
            LOGO_SPEC,
            alt=sponsor_logo.description or f"{item.sponsor.name} logo"
            if sponsor_logo and item.sponsor_id
            else None,
        ),
        "resources": resources,
    }


def item_programme(item, *, preview=False):
    """Speakers, agenda, sponsor with logo and resources, ready for the template and JSON-LD,
    with the agenda and speakers already rendered (``html``).

    A published page's are kept until content next changes (every edit to them, or to the
    sponsor, is a content event), so the page pays nothing for them per request; working them
    out costs five queries whatever their number (speakers, agenda, images with renditions,
    pages, sponsor).
    A preview works them out from the editor's unsaved form each time."""

    def compute():
        if preview:
            speakers, agenda = list(item.speakers.all()), list(item.agenda.all())
            resource_ids = [r.page_id for r in item.resources.all()]
            logo = item.sponsor_logo
        else:
            speakers = list(item.speakers.order_by("sort_order", "pk"))
            agenda = list(item.agenda.all())
            resource_ids = list(
                item.resources.order_by("sort_order", "pk").values_list("page_id", flat=True)
            )
            image_ids = {s.photo_id for s in speakers if s.photo_id}
            if item.sponsor_logo_id:
                image_ids.add(item.sponsor_logo_id)
            images = (
                get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions().in_bulk()
                if image_ids
                else {}
            )
            for speaker in speakers:
                speaker.photo = images.get(speaker.photo_id)
            logo = images.get(item.sponsor_logo_id)
        programme = _programme(item, speakers, agenda, logo, resource_ids)
        programme["sponsor"] = item.sponsor if item.sponsor_id else None
        programme["html"] = render_to_string("events/includes/item_programme.html", programme)
        return programme

    if preview:
        return compute()
    return remember(f"events:item-programme:{item.pk}", compute)


def json_ld(item, occurrence, url, places_left, programme):
    """schema.org Event for search engines (no joining link: that is for booked people):
    where (with the postal address), who speaks, who organises and sponsors it, and the
    offers while a place can be booked."""
    if item.format == Format.VIRTUAL:
        location = {"@type": "VirtualLocation", "url": url}
    else:
        place = {
            "@type": "Place",
            "name": item.venue or item.get_region_display(),
            "address": postal_address(item),
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
        "organizer": {"@type": "Organization", "name": "Institute", "url": absolute_url("/")},
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
                "validThrough": occurrence.end.isoformat(),
            }
            for name, price in (
                ("Members", item.member_price),
                ("Non-members", item.non_member_price),
            )
        ]
    performers = []
    for speaker in programme["speakers"]:
        person = {"@type": "Person", "name": speaker["name"]}
        if speaker["role"]:
            person["jobTitle"] = speaker["role"]
        if speaker["organisation"]:
            person["affiliation"] = {"@type": "Organization", "name": speaker["organisation"]}
        if speaker["image"]:
            person["image"] = absolute_url(speaker["image"]["url"])
        performers.append(person)
    if performers:
        data["performer"] = performers
    if programme["sponsor"]:
        sponsor = {"@type": "Organization", "name": programme["sponsor"].name}
        if programme["sponsor"].website:
            sponsor["url"] = programme["sponsor"].website
        if programme["sponsor_logo"]:
            sponsor["logo"] = absolute_url(programme["sponsor_logo"]["url"])
        data["sponsor"] = sponsor
    return data


def _related_resources(topics):
    """The resources section of the item's first topic (cached by the topic registry)."""
    if not topics:
        return []
    found = topic_registry.blocks(topics[0], 4, include=("resources",), more=False)
    return found[0].items if found else []


def _action(row, *, item, signed_in, may_book, now):
    """The one primary action for a date: what it says, where it leads, and whether it is a
    form (signed-in visitors post; others follow the link and sign in first)."""
    occurrence = row["occurrence"]
    if occurrence.end < now:
        return {"state": "past", "label": "This has taken place"}
    if item.status != Status.SCHEDULED:
        return {"state": "closed", "label": "Booking closed"}
    booking = row["booking"]
    if booking:
        state = "booked" if booking.status == "confirmed" else "waiting"
        return {"state": state, "label": ""}
    full = row["full"]
    if not signed_in:
        label = "Sign in to join the waiting list" if full else "Sign in to book"
        return {"state": "full" if full else "open", "label": label, "link": True}
    if not may_book:  # a members-only item, and this visitor is not a member today
        return {"state": "members", "label": "Become a member to book", "join": True}
    label = "Join the waiting list" if full else "Book a place"
    return {"state": "full" if full else "open", "label": label, "form": True}


def item_context(request, item):
    """Everything the page shows, in a fixed number of queries whatever the number of dates,
    bookings, speakers, agenda sessions or topics: the occurrences with places taken (one
    query), topics (one), the programme (speakers, agenda, sponsor, images, resources: kept,
    rendered, until content changes, ``item_programme``) and, once the item is
    over, its attendance (one); signed-in visitors add their bookings, waiting positions and
    partner places (one each)."""
    url = item_url(item)
    # Places change with bookings, not content: a cached page lasts until this item's do.
    depends_on(request, selectors.places_tags(item_id=item.pk)[1])
    occurrences = selectors.item_occurrences(item=item)
    preview = getattr(request, "is_preview", False)
    if not preview:  # a preview's choices are on the object
        prefetch_related_objects([item], "topics")
    programme = item_programme(item, preview=preview)
    topics = list(item.topics.all())
    ids = [o.pk for o in occurrences]
    user = request.user
    signed_in = user.is_authenticated
    own = selectors.bookings_for(user=user, occurrence_ids=ids) if signed_in else {}
    positions = selectors.waiting_positions(bookings=own.values()) if own else {}
    organisations = partner_organisation_ids(user=user) if signed_in else []
    partner = bool(organisations)
    # Members-only items ask membership's one rule (no query for anonymous visitors).
    may_book = selectors.may_book(item=item, user=user)
    partner_taken = selectors.partner_places_taken(occurrence_ids=ids) if partner else {}
    now = timezone.now()
    rows = []
    for occurrence in occurrences:
        places = selectors.availability(
            occurrence=occurrence,
            partner=partner,
            partner_confirmed=partner_taken.get(occurrence.pk, 0),
            organisations=organisations,
        )
        booking = own.get(occurrence.pk)
        row = {
            "occurrence": occurrence,
            "places_left": places.places_left,
            "booking": booking,
            "waiting_position": positions.get(booking.pk) if booking else None,
            "partners_sold_out": places.partners_sold_out,
            # Partner contacts may book a place reserved for them when none is left for others.
            "full": not places.has_place(partner=partner),
            "reserved_for_you": places.reserved_places_left,
            "links": calendar_links(item, occurrence, url),
        }
        row["action"] = _action(row, item=item, signed_in=signed_in, may_book=may_book, now=now)
        rows.append(row)
    main = rows[0] if rows else None
    is_past = bool(rows) and all(r["occurrence"].end < now for r in rows)
    return {
        "item_url": url,
        "calendar_file_url": item.calendar_file_url(request),
        "rows": rows,
        "main": main,
        "is_past": is_past,
        "attended": selectors.attendance_count(occurrence_ids=ids) if is_past else None,
        "signed_in": signed_in,
        "may_book": may_book,
        # Which price this visitor pays: membership's one rule (one query, signed in only).
        "pays_member_price": member_can(user=user, action=MEMBER_PRICE)
        if signed_in and item.member_price != item.non_member_price
        else None,
        "has_confirmed_place": any(
            r["booking"] and r["booking"].status == "confirmed" for r in rows
        ),
        "is_staff_viewer": signed_in and user.has_perm("events.view_booking"),
        "json_ld": json_ld(item, main["occurrence"], url, main["places_left"], programme)
        if main
        else "",
        "programme_html": programme["html"],
        "sponsor": programme["sponsor"],
        "sponsor_logo": programme["sponsor_logo"],
        "item_resources": programme["resources"],
        "map_url": map_url(item),
        "topics": topics,
        "related_resources": _related_resources(topics),
        "og_type": "event",
        "now": now,
    }
