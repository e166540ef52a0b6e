"""Reads about people and organisations that the rooms may use."""

from .models import Organisation, OrganisationRole


def coordinated_organisations(user):
    """Organisations this user coordinates (staff coordinate none by this rule alone)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        roles__user=user, roles__role=OrganisationRole.Role.COORDINATOR
    ).distinct()


def is_coordinator(user, organisation) -> bool:
    return (
        user.is_authenticated
        and OrganisationRole.objects.filter(
            user=user, organisation=organisation, role=OrganisationRole.Role.COORDINATOR
        ).exists()
    )


def is_partner_contact(user, organisation=None) -> bool:
    if not user.is_authenticated:
        return False
    roles = OrganisationRole.objects.filter(user=user, role=OrganisationRole.Role.PARTNER_CONTACT)
    if organisation is not None:
        roles = roles.filter(organisation=organisation)
    return roles.exists()
