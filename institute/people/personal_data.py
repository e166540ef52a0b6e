"""The people app's own entries in the personal-data registry (see ``privacy.py``).

The account row itself is anonymised by ``services.account_erase`` after every entry has
run, so rooms' ``erase(user)`` can still read the person's details if they need to.
"""

from allauth.account.models import EmailAddress

from . import privacy
from .models import Consent, OrganisationRole


def _iso(value):
    return value.isoformat() if value else None


def export_account(user):
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
    }


def erase_account(user):
    # allauth's address records would otherwise keep the e-mail address.
    EmailAddress.objects.filter(user=user).delete()


def export_profile(user):
    return {
        "job_title": user.job_title,
        "organisation": user.organisation.name if user.organisation_id else None,
        "topics": sorted(user.topics.values_list("name", flat=True)),
    }


def erase_profile(user):
    user.job_title = ""
    user.organisation = None
    user.save(update_fields=["job_title", "organisation"])
    user.topics.clear()


def export_consents(user):
    return [
        {
            "purpose": c.purpose,
            "given": c.given,
            "wording_version": c.wording_version,
            "wording": c.wording,
            "recorded_at": _iso(c.recorded_at),
        }
        for c in Consent.objects.filter(user=user).order_by("recorded_at", "id")
    ]


def erase_consents(user):
    Consent.objects.filter(user=user).delete()


def export_organisation_roles(user):
    return [
        {"organisation": r.organisation.name, "role": r.get_role_display()}
        for r in OrganisationRole.objects.filter(user=user).select_related("organisation")
    ]


def erase_organisation_roles(user):
    OrganisationRole.objects.filter(user=user).delete()


def export_news_credits(user):
    from institute.core.models import NewsPageAuthor

    rows = NewsPageAuthor.objects.filter(page__live=True).select_related("page")
    return privacy.published_credits(user, rows, where=lambda a: a.page.title)


# After every room's entry: rooms may read the person's name and organisations as they erase.
LAST = 90


def register():
    for entry in [
        privacy.PersonalData("people.account", "Account", export_account, erase_account, LAST),
        privacy.PersonalData("people.profile", "Profile", export_profile, erase_profile, LAST),
        privacy.PersonalData(
            "people.consents", "Communication consents", export_consents, erase_consents, LAST
        ),
        privacy.PersonalData(
            "people.organisation-roles",
            "Organisation roles",
            export_organisation_roles,
            erase_organisation_roles,
            LAST,
        ),
        privacy.PersonalData("core.news-authors", "News author credits", export_news_credits, None),
    ]:
        privacy.register(entry)
