"""Staff manage organisations and roles in the Wagtail admin; erasure history is read-only."""

import pytest
from django.contrib.auth.models import Group

from institute.people import roles
from institute.people.models import ErasureRecord, OrganisationRole
from tests.factories.people import OrganisationFactory, OrganisationRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def _staff(client, role):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


def test_staff_admin_lists_organisations(client):
    _staff(client, roles.STAFF_ADMIN)
    OrganisationFactory(name="Greater Manchester Combined Authority")
    response = client.get("/admin/organisation/")
    assert response.status_code == 200
    assert "Greater Manchester Combined Authority" in response.content.decode()


def test_staff_admin_adds_a_coordinator_who_joins_the_group(client):
    _staff(client, roles.STAFF_ADMIN)
    person, organisation = UserFactory(), OrganisationFactory()
    response = client.post(
        "/admin/organisationrole/new/",
        {"user": person.pk, "organisation": organisation.pk, "role": "coordinator"},
    )
    assert response.status_code == 302
    assert OrganisationRole.objects.filter(user=person, organisation=organisation).exists()
    assert person.groups.filter(name=roles.ORGANISATION_COORDINATOR).exists()


def test_staff_admin_removing_a_role_takes_the_group_away(client):
    _staff(client, roles.STAFF_ADMIN)
    role = OrganisationRoleFactory(role="partner-contact")
    role.user.groups.add(Group.objects.get(name=roles.PARTNER_CONTACT))
    response = client.post(f"/admin/organisationrole/delete/{role.pk}/")
    assert response.status_code == 302
    assert not role.user.groups.filter(name=roles.PARTNER_CONTACT).exists()


def test_staff_editor_cannot_manage_organisation_roles(client):
    _staff(client, roles.STAFF_EDITOR)
    response = client.get("/admin/organisationrole/")
    assert response.status_code in (302, 403)
    assert not OrganisationRole.objects.exists()


def test_member_cannot_open_the_admin(client):
    _staff(client, roles.MEMBER)
    response = client.get("/admin/organisation/")
    assert response.status_code == 302


def test_erasure_history_is_visible_to_staff_admin_but_cannot_be_added_to(client):
    _staff(client, roles.STAFF_ADMIN)
    ErasureRecord.objects.create(sections=["people.account"])
    assert client.get("/admin/erasurerecord/").status_code == 200
    response = client.post("/admin/erasurerecord/new/", {"requested_by": "staff"})
    assert response.status_code in (302, 403)
    assert ErasureRecord.objects.count() == 1


def test_organisation_listing_offers_to_add_a_coordinator(client):
    _staff(client, roles.STAFF_ADMIN)
    organisation = OrganisationFactory()
    html = client.get("/admin/organisation/").content.decode()
    assert "Add a coordinator" in html
    assert (
        f"/admin/organisationrole/new/?role=coordinator&amp;organisation={organisation.pk}" in html
    )


def test_organisation_edit_page_offers_to_add_a_coordinator(client):
    _staff(client, roles.STAFF_ADMIN)
    organisation = OrganisationFactory()
    html = client.get(f"/admin/organisation/edit/{organisation.pk}/").content.decode()
    assert (
        f"/admin/organisationrole/new/?role=coordinator&amp;organisation={organisation.pk}" in html
    )


def test_user_listing_offers_to_give_a_person_a_role(client):
    _staff(client, roles.STAFF_ADMIN)
    person = UserFactory()
    html = client.get("/admin/users/").content.decode()
    assert "Give an organisation role" in html
    assert f"/admin/organisationrole/new/?role=coordinator&amp;user={person.pk}" in html


def test_role_form_opens_with_the_person_and_organisation_filled_in(client):
    _staff(client, roles.STAFF_ADMIN)
    person, organisation = UserFactory(), OrganisationFactory()
    response = client.get(
        f"/admin/organisationrole/new/?user={person.pk}&organisation={organisation.pk}"
        "&role=coordinator"
    )
    form = response.context["form"]
    assert (form["user"].value(), form["organisation"].value()) == (person.pk, organisation.pk)
    assert form["role"].value() == "coordinator"


@pytest.mark.parametrize("bad", ["user=abc", "user=²", "organisation=99999999999999999999"])
def test_role_form_ignores_what_is_not_an_id(client, bad):
    _staff(client, roles.STAFF_ADMIN)
    response = client.get(f"/admin/organisationrole/new/?{bad}&role=nonsense")
    assert response.status_code == 200
    assert response.context["form"]["role"].value() in (None, "")


def test_staff_editor_is_not_offered_role_buttons(client):
    _staff(client, roles.STAFF_EDITOR)
    OrganisationFactory()
    response = client.get("/admin/organisation/")
    assert "Add a coordinator" not in response.content.decode()
