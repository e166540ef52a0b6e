"""Reads other rooms rely on: organisation roles and consent."""

import pytest
from django.contrib.auth.models import AnonymousUser

from institute.people import selectors, services
from institute.people.consent import WORDING, Wording
from institute.people.models import Consent
from tests.factories.people import OrganisationFactory, OrganisationRoleFactory, UserFactory

pytestmark = pytest.mark.django_db
NEWSLETTER = Consent.Purpose.NEWSLETTER


def test_coordinator_of_one_organisation_is_not_coordinator_of_another():
    role = OrganisationRoleFactory()
    assert selectors.is_coordinator(user=role.user, organisation=role.organisation)
    assert not selectors.is_coordinator(user=role.user, organisation=OrganisationFactory())


def test_coordinated_organisations_lists_only_coordinated_ones():
    role = OrganisationRoleFactory()
    OrganisationRoleFactory(user=role.user, role="partner-contact")
    assert list(selectors.coordinated_organisations(user=role.user)) == [role.organisation]


def test_anonymous_visitor_coordinates_nothing_and_is_no_partner_contact():
    anonymous = AnonymousUser()
    assert not selectors.coordinated_organisations(user=anonymous).exists()
    assert not selectors.is_partner_contact(user=anonymous)


def test_partner_contact_is_checked_per_partner():
    role = OrganisationRoleFactory(role="partner-contact")
    assert selectors.is_partner_contact(user=role.user)
    assert selectors.is_partner_contact(user=role.user, organisation=role.organisation)
    assert not selectors.is_partner_contact(user=role.user, organisation=OrganisationFactory())


def test_latest_decision_counts_for_the_newsletter_audience():
    stays, leaves, never = UserFactory(), UserFactory(), UserFactory()
    for person in (stays, leaves):
        services.consent_record(user=person, purpose=NEWSLETTER, given=True)
    services.consent_record(user=leaves, purpose=NEWSLETTER, given=False)
    assert list(selectors.users_with_consent(purpose=NEWSLETTER)) == [stays]
    assert selectors.has_consent(user=stays, purpose=NEWSLETTER)
    assert not selectors.has_consent(user=leaves, purpose=NEWSLETTER)
    assert not selectors.has_consent(user=never, purpose=NEWSLETTER)


def test_erased_people_are_not_in_the_newsletter_audience():
    person = UserFactory()
    services.consent_record(user=person, purpose=NEWSLETTER, given=True)
    services.account_erase(user=person)
    assert not selectors.users_with_consent(purpose=NEWSLETTER).exists()


def test_consent_given_again_under_new_wording_is_recorded(monkeypatch):
    person = UserFactory()
    services.consent_record(user=person, purpose=NEWSLETTER, given=True)
    new = Wording(version="2027-01", label="Newsletter", text="New words.")
    monkeypatch.setitem(WORDING, NEWSLETTER, new)
    services.consent_record(user=person, purpose=NEWSLETTER, given=True)
    assert selectors.current_consents(user=person)[NEWSLETTER].wording_version == "2027-01"
    assert Consent.objects.filter(user=person).count() == 2


def test_withdrawing_without_ever_consenting_records_nothing():
    person = UserFactory()
    assert services.consent_record(user=person, purpose=NEWSLETTER, given=False) is None
    assert not Consent.objects.exists()
