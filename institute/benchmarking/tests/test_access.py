"""A coordinator of one organisation gets nothing of another's report, exports or actions."""

import pytest
from django.urls import reverse

from institute.benchmarking.access import sample
from institute.benchmarking.models import Action, Participant
from tests.factories.people import make_coordinator, make_organisation, make_user

pytestmark = pytest.mark.django_db

PRIVATE = ["report", "report_pdf", "report_export", "actions", "action_edit"]


def _urls(data):
    kwargs = {"year": data["year"], "organisation": data["organisation"]}
    return [
        reverse("benchmarking:report", kwargs=kwargs),
        reverse("benchmarking:report_export", kwargs={**kwargs, "fmt": "csv"}),
        reverse("benchmarking:report_export", kwargs={**kwargs, "fmt": "xlsx"}),
        reverse("benchmarking:actions", kwargs=kwargs),
        reverse("benchmarking:action_edit", kwargs={**kwargs, "pk": data["pk"]}),
        reverse("benchmarking:report_pdf", kwargs=kwargs),
    ]


@pytest.fixture
def data(db):
    return sample()


def test_every_private_url_is_open_to_the_organisations_coordinator(client, data):
    org = Participant.objects.get(cycle__year=data["year"]).organisation
    client.force_login(make_coordinator(org))
    for url in _urls(data):
        # The PDF is made in the background: until then report.pdf sends the coordinator to
        # the page that waits for it.
        expected = 302 if url.endswith(".pdf") else 200
        assert client.get(url).status_code == expected, url


def test_coordinator_of_another_organisation_gets_nothing_on_any_url(client, data):
    client.force_login(make_coordinator(make_organisation("Another council")))
    for url in _urls(data):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Sample action" not in response.content


def test_member_of_the_organisation_who_is_not_coordinator_gets_nothing(client, data):
    org = Participant.objects.get(cycle__year=data["year"]).organisation
    client.force_login(make_user(organisation=org))
    for url in _urls(data):
        assert client.get(url).status_code == 403, url


def test_other_coordinator_cannot_post_actions_or_edit_them(client, data):
    client.force_login(make_coordinator(make_organisation("Another council")))
    urls = _urls(data)
    form = {"title": "Hijack", "owner": "x", "due_date": "2024-01-01", "status": "done"}
    assert client.post(urls[3], form).status_code == 403
    assert client.post(urls[4], form).status_code == 403
    assert not Action.objects.filter(title="Hijack").exists()
    assert Action.objects.get(pk=data["pk"]).status == "planned"


def test_action_of_another_organisation_is_not_found_under_own_report(client, data):
    mine = make_organisation("My council")
    own = sample()  # the sample cycle again; add my organisation to it
    from institute.benchmarking.services import participant_add

    participant_add(cycle=Participant.objects.get(cycle__year=own["year"]).cycle, organisation=mine)
    client.force_login(make_coordinator(mine))
    url = reverse(
        "benchmarking:action_edit",
        kwargs={"year": data["year"], "organisation": mine.slug, "pk": data["pk"]},
    )
    assert client.get(url).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in_on_every_private_url(client, data):
    for url in _urls(data):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("slug", ["no-such-org", "a" * 300, "x--y"])
def test_odd_organisation_in_report_url_is_not_found(client, data, slug, django_user_model):
    staff = django_user_model.objects.create_superuser(
        username="st@example.org", email="st@example.org", password="x-Passw0rd!"
    )
    client.force_login(staff)
    url = f"/benchmarking/{data['year']}/{slug}/"
    assert client.get(url).status_code == 404
