"""Membership in the API: the memberships that cover a member (held by them, or naming them
on an organisation's membership), with the status each has today."""

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema

from institute.api.auth import require_scope
from institute.api.registry import register
from institute.api.scopes import Scope

from . import selectors

personal = Router()


class MembershipOut(Schema):
    id: int
    tier: str
    kind: str
    year: int
    holder: bool
    organisation: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    status: str
    paid: bool


@personal.get("", response=list[MembershipOut], url_name="membership_list", summary="My membership")
def membership_list(request):
    """The memberships that cover you, newest application first: yours (``holder``), or an
    organisation's that names you; each with its status today (``pending``, ``new``,
    ``current``, ``grace``, ``expired`` or ``cancelled``), as your membership page shows it.
    Scope: read."""
    require_scope(request, Scope.READ)
    day = timezone.localdate()
    return [
        {
            "id": m.pk,
            "tier": m.tier.name,
            "kind": m.tier.kind,
            "year": m.tier.year,
            "holder": m.holder_id == request.user.pk,
            "organisation": m.organisation.name if m.organisation_id else None,
            "start_date": m.start_date,
            "end_date": m.end_date,
            "status": selectors.membership_status(membership=m, day=day),
            "paid": m.paid,
        }
        for m in selectors.memberships_covering(user=request.user)
    ]


register("membership", personal, personal=True, tag="membership")


def api_rules():
    """Authorisation rules of these endpoints (gathered by ``institute/api/access.py``)."""
    from institute.api.access import API_REFUSED
    from institute.core.access import MEMBER, Rule

    return {"api:membership_list": Rule(MEMBER, refused_status=API_REFUSED)}
