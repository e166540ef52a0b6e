import pytest
from django.urls import reverse

from institute.partners.models import PartnerAllocation
from tests.factories.partners import allocate, make_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="staff", email="staff@example.org", password="x-Passw0rd!"
    )
    client.force_login(user)
    return client


def test_staff_list_and_export_partners(staff, home):
    make_partner("Exported Ltd", level="premier")
    url = reverse("partnerships:index")
    assert "Exported Ltd" in staff.get(url).content.decode()
    csv = staff.get(url, {"export": "csv"})
    assert csv.status_code == 200
    assert "Exported Ltd" in b"".join(csv.streaming_content).decode()
    xlsx = staff.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_staff_see_allocations_with_item_titles(staff, make_item):
    allocate(make_partner(), make_item("Partner Day"), 3)
    page = staff.get(reverse("partner_allocations:index")).content.decode()
    assert "Partner Day" in page


def test_staff_cannot_reserve_more_places_than_the_item_holds(staff, make_item):
    item = make_item("Small room", capacity=2)
    partner = make_partner()
    response = staff.post(
        reverse("partner_allocations:add"),
        {"partner": partner.pk, "item_id": item.pk, "places": 3},
    )
    assert response.status_code == 200
    assert not PartnerAllocation.objects.exists()
    staff.post(
        reverse("partner_allocations:add"),
        {"partner": partner.pk, "item_id": item.pk, "places": 2},
    )
    assert PartnerAllocation.objects.get().places == 2


def test_members_cannot_open_the_staff_screens(client, home, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="m", email="m@x.org"))
    response = client.get(reverse("partnerships:index"))
    assert response.status_code in (302, 403)
