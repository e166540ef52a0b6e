"""Reads of the partners room: counts by year, the listing, a profile and its sponsorships,
and the places reserved for partners (the calendar's reservation source). Each runs a fixed
number of queries whatever the number of partners."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail.images import get_image_model

from institute.academy import selectors as academy
from institute.core.cache import remember
from institute.events import selectors as calendar
from institute.people.selectors import partner_contacts_of
from institute.resources import selectors as resources

from .models import Partner, PartnerAllocation


def _logos():
    # Each logo with its renditions: a listing of any length costs one query for them.
    return Prefetch("logo", queryset=get_image_model().objects.prefetch_renditions())


def _active_during(*, start: dt.date, end: dt.date) -> Q:
    """Partnerships that had begun by ``end`` and had not ended before ``start``."""
    return Q(started_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=start))


def partners_current(*, on: dt.date | None = None):
    """Partnerships that have begun and not ended on ``on`` (today by default)."""
    on = on or timezone.localdate()
    return Partner.objects.filter(_active_during(start=on, end=on))


def partners_count(*, year: int) -> int:
    """Partners the society had in ``year``: partnerships that began by its end and had not
    ended before its start (the year-in-review's "54 partners in total for 2023")."""
    return Partner.objects.filter(
        _active_during(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    ).count()


def partners_new_count(*, year: int) -> int:
    """Partnerships that began in ``year`` (the year-in-review's "16 new partners")."""
    return Partner.objects.filter(started_on__year=year).count()


@dataclass
class LevelGroup:
    level: str
    label: str
    partners: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.partners)


def partners_by_level(*, on: dt.date | None = None) -> list[LevelGroup]:
    """Current partners grouped by level (strategic first), by name within a level. One
    query for the partners with their organisations and logos, one for their topics."""
    groups = {value: LevelGroup(value, label) for value, label in Partner.Level.choices}
    partners = (
        partners_current(on=on)
        .select_related("organisation")
        .prefetch_related(_logos(), "topics")
        .order_by("organisation__name")
    )
    for partner in partners:
        groups[partner.level].partners.append(partner)
    return list(groups.values())


def partner_for_profile(*, slug: str) -> Partner | None:
    """The partnership whose organisation has ``slug`` (ended ones too: their sponsorships
    stay on record), with its organisation, logo and topics."""
    return (
        Partner.objects.select_related("organisation")
        .prefetch_related(_logos(), "topics")
        .filter(organisation__slug=slug)
        .first()
    )


def partner_contacts(*, partner: Partner) -> list[dict]:
    """The partner's contacts (people with the *partner contact* role): name, job title and
    e-mail address, for members' eyes only (the view decides). One query."""
    people = partner_contacts_of(organisation=partner.organisation_id)
    return [
        {
            "name": user.get_full_name() or user.email,
            "job_title": user.job_title,
            "email": user.email,
        }
        for user in people
    ]


def partner_sponsorships(*, partner: Partner) -> dict:
    """What the partner sponsored, through the calendar's and the academy's own selectors:
    events (not the academy's session items, shown with their cohorts), programmes and
    cohorts, and podcast series. Sponsors are content (pages' sponsor fields), so the answer
    is kept until content changes: five queries saved on every profile view."""
    return remember(
        f"partners:sponsored:{partner.organisation_id}",
        lambda: _sponsorships(partner.organisation),
    )


def _sponsorships(organisation) -> dict:
    cohorts = academy.cohorts_sponsored_by(organisation=organisation)
    session_items = {item_id for cohort in cohorts for item_id in cohort["item_ids"]}
    events = [
        item
        for item in calendar.items_sponsored_by(organisation=organisation)
        if item["id"] not in session_items
    ]
    return {
        "events": events,
        "programmes": academy.programmes_sponsored_by(organisation=organisation),
        "cohorts": cohorts,
        "podcasts": resources.podcasts_sponsored_by(organisation=organisation),
    }


def partners_for_topic(*, topic, limit: int = 6) -> list[Partner]:
    """Current partners working on ``topic``, by level then name (one query)."""
    order = {value: index for index, (value, _) in enumerate(Partner.Level.choices)}
    partners = list(partners_current().filter(topics=topic).select_related("organisation"))
    partners.sort(key=lambda p: (order[p.level], p.organisation.name))
    return partners[:limit]


def partner_allocations_reserved(*, item_ids) -> dict:
    """The calendar's reservation source (``events/reservations.py``): places reserved at
    each occurrence of these items, ``{item_id: {organisation_id: places}}``.

    All allocations are few (a handful of events a year), so the whole table is kept until
    content changes (allocations are content, ``registry.py``): no query on most pages."""
    everything = remember("partners:allocations", _all_allocations)
    return {item_id: everything[item_id] for item_id in item_ids if item_id in everything}


def _all_allocations() -> dict:
    found: dict = {}
    rows = PartnerAllocation.objects.filter(places__gt=0).values_list(
        "item_id", "partner__organisation_id", "places"
    )
    for item_id, organisation_id, places in rows:
        found.setdefault(item_id, {})[organisation_id] = places
    return found


LOGO_SPEC = "max-240x120"


def partner_logo(*, partner) -> dict | None:
    """The partner's logo as the card component and the API take it (from prefetched
    renditions): url, alt text, width and height; None without a logo."""
    if not partner.logo_id or partner.logo is None:
        return None
    rendition = partner.logo.get_rendition(LOGO_SPEC)
    return {
        "url": rendition.url,
        "alt": partner.logo_alt or f"{partner.name} logo",
        "width": rendition.width,
        "height": rendition.height,
    }
