"""An organisational membership covers named people; its coordinator adds and removes them,
within the number its tier includes, and their standing follows at once."""

import pytest
from django.urls import reverse

from institute.membership import selectors, services
from institute.membership.models import CoveredPerson, Tier
from tests.factories import membership as factory
from tests.factories.people import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisational():
    coordinator = UserFactory()
    membership = factory.make_membership(
        coordinator, kind=Tier.Kind.ORGANISATIONAL, organisation=OrganisationFactory()
    )
    return coordinator, membership


def test_coordinator_adds_and_removes_people(client, organisational):
    coordinator, membership = organisational
    colleague = UserFactory()
    assert not selectors.member_can(user=colleague, action=selectors.READ_MEMBERS_CONTENT)
    client.force_login(coordinator)
    response = client.post(reverse("membership:people"), {"email": colleague.email.upper()})
    assert response.status_code == 302
    assert CoveredPerson.objects.filter(membership=membership, user=colleague).exists()
    assert selectors.member_can(user=colleague, action=selectors.READ_MEMBERS_CONTENT)
    assert colleague.groups.filter(name="Member").exists()
    page = client.get(reverse("membership:people"))
    assert colleague.email in page.content.decode()
    client.post(reverse("membership:people_remove"), {"user": colleague.pk})
    assert not CoveredPerson.objects.filter(membership=membership).exists()
    assert not selectors.member_can(user=colleague, action=selectors.READ_MEMBERS_CONTENT)
    assert not colleague.groups.filter(name="Member").exists()


def test_no_more_people_than_the_tier_includes(organisational):
    _, membership = organisational
    for _ in range(membership.tier.people_included):
        services.covered_person_add(membership_id=membership.pk, email=UserFactory().email)
    with pytest.raises(services.MembershipError, match="covers 3 people"):
        services.covered_person_add(membership_id=membership.pk, email=UserFactory().email)


def test_unknown_address_and_duplicates_are_refused_with_a_message(client, organisational):
    coordinator, membership = organisational
    client.force_login(coordinator)
    response = client.post(reverse("membership:people"), {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert "Nobody has an account" in response.content.decode()


def test_someone_else_cannot_manage_the_people(client, organisational):
    _, membership = organisational
    colleague = UserFactory()
    services.covered_person_add(membership_id=membership.pk, email=colleague.email)
    stranger = factory.make_member(UserFactory())
    client.force_login(stranger)
    response = client.get(reverse("membership:people"))
    assert "coordinator of an organisational membership" in response.content.decode()
    client.post(reverse("membership:people_remove"), {"user": colleague.pk})
    assert CoveredPerson.objects.filter(membership=membership, user=colleague).exists()


def test_people_covered_lose_membership_when_it_expires(organisational):
    import datetime

    _, membership = organisational
    colleague = UserFactory()
    services.covered_person_add(membership_id=membership.pk, email=colleague.email)
    after = membership.grace_end + datetime.timedelta(days=1)
    assert not selectors.member_can(user=colleague, action=selectors.MEMBER_VOICE, day=after)
    services.membership_statuses_refresh(day=after)
    assert not colleague.groups.filter(name="Member").exists()
