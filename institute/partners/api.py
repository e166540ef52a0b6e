"""The partners in the API: the current partners as the listing shows them, by level then
name, and a partner's public profile with what it sponsored. A partner's contacts are for
members on the profile page only and never leave through the API."""

import datetime as dt

from ninja import Router, Schema
from ninja.params import Path

from institute.api.pagination import PageInfo, page_of, paging
from institute.api.problems import Problem
from institute.api.registry import register

from . import selectors

public = Router()

SPONSORED = ("events", "programmes", "cohorts", "podcasts")


class LogoOut(Schema):
    url: str
    alt: str


class PartnerOut(Schema):
    id: int
    slug: str
    name: str
    level: str
    url: str
    website: str
    logo: LogoOut | None
    topics: list[str]
    started_on: dt.date


class PartnerList(Schema):
    meta: PageInfo
    results: list[PartnerOut]


class SponsoredOut(Schema):
    title: str
    url: str


class PartnerDetail(PartnerOut):
    description: str
    events: list[SponsoredOut]
    programmes: list[SponsoredOut]
    cohorts: list[SponsoredOut]
    podcasts: list[SponsoredOut]


def _partner(partner) -> dict:
    logo = selectors.partner_logo(partner=partner)
    return {
        "id": partner.pk,
        "slug": partner.slug,
        "name": partner.name,
        "level": partner.level,
        "url": partner.get_absolute_url(),
        "website": partner.website or "",
        "logo": {"url": logo["url"], "alt": logo["alt"]} if logo else None,
        "topics": [topic.name for topic in partner.topics.all()],
        "started_on": partner.started_on,
    }


def _sponsored(rows) -> list[dict]:
    return [{"title": str(row["title"]), "url": str(row["url"])} for row in rows]


@public.get(
    "",
    response=PartnerList,
    url_name="partners_list",
    summary="Partners",
    description="The current partners as the partners page lists them: by level, then name.",
)
def partners_list(request, page: str | None = None, page_size: str | None = None):
    number, size = paging(page, page_size)
    partners = [p for group in selectors.partners_by_level() for p in group.partners]
    found, info = page_of(request, partners, number=number, size=size)
    return {"meta": info, "results": [_partner(p) for p in found]}


@public.get(
    "{slug}/",
    response=PartnerDetail,
    url_name="partners_detail",
    summary="A partner",
    description="A partner's public profile with what it sponsored (never its contacts).",
)
def partners_detail(request, slug: str = Path(..., max_length=200, pattern=r"^[-\w]+$")):
    partner = selectors.partner_for_profile(slug=slug)
    if partner is None:
        raise Problem(404, "No partner has this slug.")
    sponsored = selectors.partner_sponsorships(partner=partner)
    return {
        **_partner(partner),
        "description": partner.description,
        **{key: _sponsored(sponsored[key]) for key in SPONSORED},
    }


register("partners", public, tag="partners")


def api_rules():
    """Authorisation rules of these endpoints (gathered by ``institute/api/access.py``)."""
    from institute.core.access import ANONYMOUS, Rule

    from .access import sample_partner

    return {
        "api:partners_list": Rule(ANONYMOUS),
        "api:partners_detail": Rule(ANONYMOUS, kwargs=lambda: {"slug": sample_partner().slug}),
    }
