"""Reads about people and organisations that the rooms may use."""

from django.contrib.auth.models import Permission
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from . import privacy
from .models import Consent, ErasureRecord, Organisation, OrganisationRole, User


def is_staff_member(*, user) -> bool:
    """Whether ``user`` works for the society: a *Staff editor* or *Staff admin* (the groups
    that open the Wagtail admin), or a superuser. Roles decide, not the ``is_staff`` flag
    (see the authorisation matrix in ``docs/people.md``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # What ``user.has_perm("wagtailadmin.access_admin")`` answers, in one query instead of
    # the two that load every permission the user and their groups hold; kept on the user
    # object for the rest of the request, as Django keeps its permission cache.
    known = getattr(user, "_is_staff_member", None)
    if known is None:
        known = Permission.objects.filter(
            Q(user=user) | Q(group__user=user),
            content_type__app_label="wagtailadmin",
            codename="access_admin",
        ).exists()
        user._is_staff_member = known
    return known


def coordinated_organisations(*, user):
    """Organisations this user coordinates (staff coordinate none by this rule alone)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        roles__user=user, roles__role=OrganisationRole.Role.COORDINATOR
    ).distinct()


def is_coordinator(*, user, organisation) -> bool:
    return (
        user.is_authenticated
        and OrganisationRole.objects.filter(
            user=user, organisation=organisation, role=OrganisationRole.Role.COORDINATOR
        ).exists()
    )


def is_partner_contact(*, user, organisation=None) -> bool:
    if not user.is_authenticated:
        return False
    roles = OrganisationRole.objects.filter(user=user, role=OrganisationRole.Role.PARTNER_CONTACT)
    if organisation is not None:
        roles = roles.filter(organisation=organisation)
    return roles.exists()


def partner_organisation_ids(*, user) -> list[int]:
    """Ids of the partner organisations ``user`` is a partner contact of (one query)."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        OrganisationRole.objects.filter(user=user, role=OrganisationRole.Role.PARTNER_CONTACT)
        .order_by("organisation_id")
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def partner_contacts_of(*, organisation):
    """Active, unerased people with the *partner contact* role at ``organisation``, by name."""
    return (
        User.objects.filter(
            organisation_roles__organisation=organisation,
            organisation_roles__role=OrganisationRole.Role.PARTNER_CONTACT,
            is_active=True,
            erased_at__isnull=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def current_consents(*, user) -> dict:
    """The person's latest consent record per purpose (None where never given)."""
    latest = {}
    for consent in Consent.objects.filter(user=user).order_by("purpose", "-recorded_at", "-id"):
        latest.setdefault(consent.purpose, consent)
    return {purpose: latest.get(purpose) for purpose in Consent.Purpose.values}


def has_consent(*, user, purpose) -> bool:
    """Whether the person currently consents to this kind of communication."""
    latest = Consent.objects.filter(user=user, purpose=purpose).first()
    return bool(latest and latest.given)


def users_with_consent(*, purpose):
    """Active people whose latest decision for ``purpose`` is a consent given (one query)."""
    latest_given = (
        Consent.objects.filter(user=OuterRef("pk"), purpose=purpose)
        .order_by("-recorded_at", "-id")
        .values("given")[:1]
    )
    return (
        User.objects.filter(is_active=True)
        .annotate(latest_consent=Subquery(latest_given))
        .filter(latest_consent=True)
    )


def organisation_choices():
    """Organisations a person may pick on their profile, by name."""
    return Organisation.objects.only("id", "name").order_by("name")


def personal_data_export(*, user) -> dict:
    """Everything held about a person, section by section, as JSON-serialisable data."""
    return {
        "format": "institute-personal-data/1",
        "generated_at": timezone.now().isoformat(),
        "sections": {
            entry.key: {"title": entry.title, "data": entry.export(user)}
            for entry in privacy.entries()
        },
    }


def erasure_history():
    """Erasures carried out, newest first (they hold no personal data)."""
    return ErasureRecord.objects.all()


def organisation_roles_of(*, user):
    """The person's standing roles at organisations, with the organisation (one query)."""
    return OrganisationRole.objects.filter(user=user).select_related("organisation")


def personal_data_sections():
    """The sections of personal data the platform holds (the people app's and each room's)."""
    return privacy.entries()


def greeting_name(*, user, email: str) -> str:
    """The first name to greet ``user`` by in an e-mail to ``email``, or "" for none.

    Only at an address the person has confirmed as theirs: a name typed at sign-up goes
    nowhere else, so nobody can send the society's e-mails to a stranger's address with
    words of their own in them (docs/people.md, "Names").
    """
    if user is None or not getattr(user, "pk", None) or not user.first_name:
        return ""
    from allauth.account.models import EmailAddress

    confirmed = EmailAddress.objects.filter(user=user, email__iexact=email, verified=True)
    return user.first_name if confirmed.exists() else ""
