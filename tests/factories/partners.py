"""Partners: partner organisations with their partnership, contacts and allocations."""

import datetime as dt
import itertools

from institute.partners.models import Partner
from institute.partners.services import allocation_set
from institute.people.models import Organisation, OrganisationRole

from .people import UserFactory

_counter = itertools.count(1)


def make_partner(name=None, *, level=Partner.Level.SUPPORTING, started_on=None, **fields):
    """A partner organisation and its partnership (begun 1 January 2020 unless told)."""
    n = next(_counter)
    name = name or f"Partner {n}"
    organisation = Organisation.objects.create(
        name=name,
        slug=fields.pop("slug", f"partner-{n}"),
        type=Organisation.Type.PARTNER,
        website=fields.pop("website", ""),
    )
    return Partner.objects.create(
        organisation=organisation,
        level=level,
        started_on=started_on or dt.date(2020, 1, 1),
        **fields,
    )


def make_partner_contact(partner, **fields):
    """A person at the partner with the *partner contact* role."""
    user = UserFactory(organisation=partner.organisation, **fields)
    OrganisationRole.objects.create(
        user=user,
        organisation=partner.organisation,
        role=OrganisationRole.Role.PARTNER_CONTACT,
    )
    return user


def allocate(partner, item, places):
    """Reserve ``places`` for the partner at each occurrence of calendar item ``item``."""
    return allocation_set(partner=partner, item_id=item.pk, places=places)
