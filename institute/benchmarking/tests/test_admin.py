"""Staff manage cycles and participants in the Wagtail admin, through the services."""

import pytest

from institute.benchmarking.models import Cycle, Participant, Result

from .conftest import add_responses, make_cycle, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="admin@example.org", email="admin@example.org", password="x-Passw0rd!"
    )
    client.force_login(user)
    return client


def test_admin_lists_cycles(staff_client, module_version):
    make_cycle(module_version, year=2019)
    response = staff_client.get("/admin/benchmarking/cycles/")
    assert response.status_code == 200
    assert b"2019" in response.content


def test_adding_a_participant_in_admin_issues_its_survey_links(staff_client, module_version):
    cycle = make_cycle(module_version, year=2024)
    org = make_organisation("Barnet")
    response = staff_client.post(
        "/admin/benchmarking/participants/new/", {"cycle": cycle.pk, "organisation": org.pk}
    )
    assert response.status_code == 302
    assert Participant.objects.get(organisation=org).links.count() == 1


def test_closing_a_cycle_in_admin_computes_its_results(staff_client, module_version):
    org = make_organisation("Essex")
    cycle = make_cycle(module_version, year=2024, organisations=[org])
    add_responses(cycle.participants.get(), module_version, {"internet-solutions": [4] * 12})
    response = staff_client.post(
        f"/admin/benchmarking/cycles/edit/{cycle.pk}/",
        {"year": 2024, "module_versions": [module_version.pk], "status": "closed"},
    )
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.CLOSED and cycle.results_computed_at is not None
    assert Result.objects.filter(cycle=cycle, scope="organisation").exists()
