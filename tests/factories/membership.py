"""Membership: tiers and memberships. The one place tests make someone a member — a current
membership, whose status gives the Member role (docs/membership.md)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from institute.membership import services
from institute.membership.models import Tier


def tier(kind=Tier.Kind.INDIVIDUAL, year=None, **kw):
    year = year or timezone.localdate().year
    defaults = {
        "name": kind.label if hasattr(kind, "label") else str(kind).capitalize(),
        "price": Decimal("195"),
        "needs_approval": kind in (Tier.Kind.ASSOCIATE, Tier.Kind.PARTNER),
        "people_included": 3 if kind == Tier.Kind.ORGANISATIONAL else 1,
        **kw,
    }
    return Tier.objects.get_or_create(year=year, kind=kind, defaults=defaults)[0]


def make_membership(user, *, kind=Tier.Kind.INDIVIDUAL, day=None, organisation=None):
    """A membership of ``user`` started on ``day`` (approved if its tier needs it)."""
    day = day or timezone.localdate() - datetime.timedelta(days=120)
    membership = services.membership_apply(
        user=user, tier=tier(kind), organisation=organisation, day=day
    )
    if membership.approval != membership.Approval.APPROVED:
        services.membership_approve(membership_id=membership.pk, day=day)
        membership.refresh_from_db()
    return membership


def make_member(user, **kw):
    """``user`` with a current membership; returns the user."""
    make_membership(user, **kw)
    return user
