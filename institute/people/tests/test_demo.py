"""Demo people and organisations: believable, idempotent, and large in bulk."""

import pytest
from allauth.account.models import EmailAddress

from institute.core import demo as core_demo
from institute.people import demo, roles, selectors
from institute.people.models import Organisation, OrganisationRole, User

pytestmark = pytest.mark.django_db


def _seed(scale="demo"):
    core_demo.seed(scale="demo", log=lambda message: None)
    demo.seed(scale=scale, log=lambda message: None)


def test_president_is_coordinator_of_hounslow_and_can_sign_in(client):
    _seed()
    mark = User.objects.get(email=f"mark.lumley@{demo.DEMO_DOMAIN}")
    hounslow = Organisation.objects.get(name="London Borough of Hounslow")
    assert selectors.is_coordinator(user=mark, organisation=hounslow)
    response = client.post(
        "/accounts/login/", {"login": mark.email, "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/"


def test_every_demo_person_has_a_verified_demo_address():
    _seed()
    people = User.objects.filter(email__endswith=f"@{demo.DEMO_DOMAIN}")
    assert people.count() == len(demo.PEOPLE)
    assert EmailAddress.objects.filter(user__in=people, verified=True).count() == len(demo.PEOPLE)


def test_partner_contacts_coaches_and_staff_have_their_roles():
    _seed()
    microsoft = Organisation.objects.get(name="Microsoft")
    assert selectors.is_partner_contact(
        user=User.objects.get(last_name="Taylor"), organisation=microsoft
    )
    assert User.objects.filter(groups__name=roles.COACH).count() == 3
    editor = User.objects.get(groups__name=roles.STAFF_EDITOR)
    assert editor.has_perm("wagtailadmin.access_admin")


def test_seeding_twice_adds_nothing():
    _seed()
    counts = (User.objects.count(), Organisation.objects.count(), EmailAddress.objects.count())
    _seed()
    assert (User.objects.count(), Organisation.objects.count(), EmailAddress.objects.count()) == (
        counts
    )


def test_large_scale_adds_organisations_and_people_in_bulk_once(monkeypatch):
    monkeypatch.setattr(demo, "LARGE_PEOPLE", 60)
    monkeypatch.setattr(demo, "LARGE_ORGANISATIONS", 25)
    _seed("large")
    _seed("large")
    assert User.objects.filter(email__startswith="person").count() == 60
    assert Organisation.objects.count() == len(demo.ORGANISATIONS) + 25
    assert User.objects.filter(groups__name=roles.MEMBER, email__startswith="person").count() == 60
    assert (
        selectors.users_with_consent(purpose="newsletter")
        .filter(email__startswith="person")
        .count()
        == 30
    )


def test_large_scale_covers_every_type_in_every_region_with_coordinators(monkeypatch):
    monkeypatch.setattr(demo, "LARGE_PEOPLE", 200)
    monkeypatch.setattr(demo, "LARGE_ORGANISATIONS", 98)  # 7 types x 14 regions
    _seed("large")
    large = Organisation.objects.exclude(name__in=[row[0] for row in demo.ORGANISATIONS])
    assert large.values("type", "region").distinct().count() == 98
    assert OrganisationRole.objects.filter(organisation__in=large).count() == 98
    partner = large.filter(type=Organisation.Type.PARTNER).first()
    assert partner.roles.get().role == OrganisationRole.Role.PARTNER_CONTACT
    assert partner.roles.get().user.groups.filter(name=roles.PARTNER_CONTACT).exists()


def test_large_scale_organisation_names_are_unique():
    names = [row[0] for row in demo._large_organisation_rows()]
    assert len(names) == len(set(names)) == demo.LARGE_ORGANISATIONS
