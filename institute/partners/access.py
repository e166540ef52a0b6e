"""Who may open each of the partners' URLs (the authorisation walk reads ``RULES``)."""

from institute.core.access import ANONYMOUS, Rule


def sample_partner():
    """A current partner, in the test database."""
    import datetime as dt

    from institute.people.models import Organisation

    from .models import Partner

    organisation = Organisation.objects.get_or_create(
        slug="sample-partner",
        defaults={"name": "Sample partner", "type": Organisation.Type.PARTNER},
    )[0]
    return Partner.objects.get_or_create(
        organisation=organisation, defaults={"started_on": dt.date(2020, 1, 1)}
    )[0]


RULES = {
    "partners:index": Rule(ANONYMOUS),
    "partners:profile": Rule(ANONYMOUS, kwargs=lambda: {"slug": sample_partner().slug}),
}
