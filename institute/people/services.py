"""Writes about people: joining, profiles, consent, organisation roles, erasure."""

from django.apps import apps as live_apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from . import privacy, roles, selectors
from .consent import WORDING
from .models import Consent, ErasureRecord, OrganisationRole, User


def roles_sync():
    """Create the role groups and grant their permissions (idempotent)."""
    return roles.sync_roles(live_apps)


@transaction.atomic
def consent_record(*, user: User, purpose: str, given: bool) -> Consent | None:
    """Record a consent given or withdrawn, with the current wording.

    Nothing is written when the choice is unchanged under the same wording version, so the
    history shows only real decisions. Returns the new record, or None.
    """
    wording = WORDING[purpose]
    current = Consent.objects.filter(user=user, purpose=purpose).first()
    unchanged = (current is None and not given) or (
        current is not None
        and current.given == given
        and (not given or current.wording_version == wording.version)
    )
    if unchanged:
        return None
    return Consent.objects.create(
        user=user,
        purpose=purpose,
        given=given,
        wording_version=wording.version,
        wording=wording.text,
        recorded_at=timezone.now(),
    )


@transaction.atomic
def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    job_title: str,
    organisation,
    topics,
    consents: dict[str, bool],
) -> User:
    """Save a person's own profile and record any change in their communication consents."""
    user.first_name = first_name
    user.last_name = last_name
    user.job_title = job_title
    user.organisation = organisation
    user.save(update_fields=["first_name", "last_name", "job_title", "organisation"])
    user.topics.set(topics)
    for purpose, given in consents.items():
        consent_record(user=user, purpose=purpose, given=given)
    return user


def _organisation_role_groups_sync(user: User) -> None:
    """Keep the coordinator / partner-contact groups in step with the person's roles."""
    held = set(OrganisationRole.objects.filter(user=user).values_list("role", flat=True))
    for role, group_name in roles.ORGANISATION_ROLE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        if role in held:
            user.groups.add(group)
        else:
            user.groups.remove(group)


@transaction.atomic
def organisation_role_grant(*, user: User, organisation, role: str) -> OrganisationRole:
    """Give a person a standing role at an organisation, and the matching group."""
    granted, _ = OrganisationRole.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    _organisation_role_groups_sync(user)
    return granted


@transaction.atomic
def organisation_role_save(*, organisation_role: OrganisationRole, previous_user=None) -> None:
    """Save a role edited by staff; the groups of the old and new holder follow."""
    organisation_role.save()
    _organisation_role_groups_sync(organisation_role.user)
    if previous_user is not None and previous_user.pk != organisation_role.user_id:
        _organisation_role_groups_sync(previous_user)


@transaction.atomic
def organisation_role_revoke(*, organisation_role: OrganisationRole) -> None:
    """Take a standing role away; the person leaves the group if it was their last such role."""
    user = organisation_role.user
    organisation_role.delete()
    _organisation_role_groups_sync(user)


def _anonymise(user: User) -> None:
    user.username = f"erased-{user.pk}"
    user.email = f"erased-{user.pk}@erased.invalid"
    user.first_name = ""
    user.last_name = ""
    user.job_title = ""
    user.organisation = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.erased_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    user.topics.clear()


@transaction.atomic
def account_erase(
    *, user: User, requested_by: str = ErasureRecord.RequestedBy.MEMBER
) -> ErasureRecord:
    """Erase a person: every room's personal data, then the account itself.

    The account row is kept but anonymised (no name, e-mail, organisation, password or
    roles; only the date joined) so that counts over the years — members, bookings,
    responses — still add up. The unusable password also ends every other session. A
    confirmation goes to the address the account had, once the transaction has committed.
    """
    address = user.email
    name = selectors.greeting_name(user=user, email=address)
    sections = []
    for entry in privacy.entries():
        if entry.erase is not None:  # None: listed in the download, kept (published credits)
            entry.erase(user)
            sections.append(entry.key)
    _anonymise(user)
    record = ErasureRecord.objects.create(requested_by=requested_by, sections=sections)
    transaction.on_commit(lambda: _send_erasure_confirmation(address, name))
    return record


def _send_erasure_confirmation(address: str, name: str) -> None:
    context = {"name": name, "site_name": settings.WAGTAIL_SITE_NAME}
    send_mail(
        subject=f"[{settings.WAGTAIL_SITE_NAME}] Your account has been deleted",
        message=render_to_string("people/email/erasure_confirmation.txt", context),
        from_email=None,
        recipient_list=[address],
    )
