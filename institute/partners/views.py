"""The partners' public pages: the listing by level and each partner's profile (with its
schema.org ``Organization``)."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from institute.core.canonical import absolute_url
from institute.membership.selectors import READ_MEMBERS_CONTENT, member_can

from . import selectors


def _card(partner) -> dict:
    return {
        "title": partner.name,
        "url": partner.get_absolute_url(),
        "text": partner.description[:200],
        "image": selectors.partner_logo(partner=partner),
        "meta": f"Partner since {partner.started_on:%Y}",
        "tags": [
            {"label": topic.name, "url": topic.get_absolute_url()} for topic in partner.topics.all()
        ],
    }


def index(request):
    """Current partners by level (strategic, premier, supporting), each level counted."""
    groups = selectors.partners_by_level()
    levels = [
        {
            "level": group.level,
            "label": group.label,
            "count": group.count,
            "cards": [_card(partner) for partner in group.partners],
        }
        for group in groups
    ]
    total = sum(group.count for group in groups)
    return render(
        request,
        "partners/index.html",
        {
            "levels": levels,
            "total": total,
            "meta_title": "Partners",
            "meta_description": "The organisations working with the society, by level.",
            "canonical_url": absolute_url(reverse("partners:index")),
            "breadcrumbs": [{"title": "Partners", "url": ""}],
        },
    )


def organisation_json_ld(partner, logo) -> dict:
    """schema.org ``Organization`` for a partner, addresses built from ``BASE_URL``."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": partner.name,
        "url": absolute_url(partner.get_absolute_url()),
    }
    if partner.description:
        data["description"] = partner.description
    if partner.website:
        data["sameAs"] = [partner.website]
    if logo:
        data["logo"] = absolute_url(logo["url"])
    topics = [topic.name for topic in partner.topics.all()]
    if topics:
        data["knowsAbout"] = topics
    return data


def profile(request, slug):
    """A partner's profile: logo, description, website, topics, what it sponsored, and its
    contacts for members (membership's one rule)."""
    partner = selectors.partner_for_profile(slug=slug)
    if partner is None:
        raise Http404("No such partner.")
    logo = selectors.partner_logo(partner=partner)
    members = member_can(user=request.user, action=READ_MEMBERS_CONTENT)
    contacts = selectors.partner_contacts(partner=partner) if members else []
    sponsored = selectors.partner_sponsorships(partner=partner)
    return render(
        request,
        "partners/profile.html",
        {
            "partner": partner,
            "logo": logo,
            "members": members,
            "contacts": contacts,
            "sponsored": sponsored,
            "sponsored_any": any(sponsored.values()),
            "json_ld": organisation_json_ld(partner, logo),
            "meta_title": partner.name,
            "meta_description": partner.description[:200],
            "canonical_url": absolute_url(partner.get_absolute_url()),
            "og_type": "profile",
            "breadcrumbs": [
                {"title": "Partners", "url": reverse("partners:index")},
                {"title": partner.name, "url": ""},
            ],
        },
    )
