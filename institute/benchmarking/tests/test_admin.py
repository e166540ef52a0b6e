"""Staff manage cycles and participants in the Wagtail admin and the cycle's manage page."""

import pytest
from django.urls import reverse

from institute.benchmarking.models import Cycle, Result

from .conftest import add_responses, make_coordinator, make_cycle, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="admin@example.org", email="admin@example.org", password="x-Passw0rd!"
    )
    client.force_login(user)
    return client


def test_admin_lists_cycles_with_a_manage_link(staff_client, module_version):
    cycle = make_cycle(module_version, year=2019)
    response = staff_client.get("/admin/benchmarking/cycles/")
    assert response.status_code == 200
    assert reverse("benchmarking:cycle_manage", args=[cycle.pk]).encode() in response.content


def test_opening_a_cycle_issues_links_to_participants_added_in_admin(staff_client, module_version):
    cycle = make_cycle(module_version, year=2024, status=Cycle.Status.DRAFT)
    org = make_organisation("Barnet")
    staff_client.post(
        "/admin/benchmarking/participants/new/", {"cycle": cycle.pk, "organisation": org.pk}
    )
    staff_client.post(reverse("benchmarking:cycle_manage", args=[cycle.pk]), {"action": "open"})
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.OPEN
    assert cycle.participants.get(organisation=org).links.count() == 1


def test_closing_a_cycle_computes_its_results(staff_client, module_version):
    org = make_organisation("Essex")
    cycle = make_cycle(module_version, year=2024, organisations=[org])
    add_responses(cycle.participants.get(), module_version, {"internet-solutions": [4] * 12})
    response = staff_client.post(
        reverse("benchmarking:cycle_manage", args=[cycle.pk]), {"action": "close"}
    )
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.CLOSED and cycle.results_computed_at is not None
    assert Result.objects.filter(cycle=cycle, scope="organisation").exists()


def test_coordinator_cannot_change_a_cycle(client, module_version):
    org = make_organisation("Kent")
    cycle = make_cycle(module_version, year=2024, organisations=[org])
    client.force_login(make_coordinator(org))
    url = reverse("benchmarking:cycle_manage", args=[cycle.pk])
    assert client.post(url, {"action": "close"}).status_code == 403
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.OPEN


def test_unknown_action_is_refused_with_a_message(staff_client, module_version):
    cycle = make_cycle(module_version, year=2024)
    url = reverse("benchmarking:cycle_manage", args=[cycle.pk])
    response = staff_client.post(url, {"action": "<script>"}, follow=True)
    assert "That change is not possible" in response.content.decode()
