"""The rendered report and summary bodies are cached: never stale, never another's."""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from institute.benchmarking import results
from institute.benchmarking.models import Response
from institute.benchmarking.results import compute_results
from institute.people import roles
from institute.people.services import roles_sync
from tests.factories.benchmarking import add_responses
from tests.factories.people import make_coordinator, make_user

from .test_reports import _url

pytestmark = pytest.mark.django_db

OWN_95 = "95% of your users can use the internet"
OWN_60 = "60% of your users can use the internet"


@pytest.fixture
def no_page_cache_bump(monkeypatch):
    """No write retires the site-wide cache generation here: the body's own key must be
    enough to retire it."""
    monkeypatch.setattr(results.page_cache, "invalidate", lambda: None)
    before = results.page_cache.generation()
    yield
    assert results.page_cache.generation() == before


@contextmanager
def unchanged_generation():
    """No content write in between retires the cache: only the keys keep bodies apart."""
    before = results.page_cache.generation()
    yield
    assert results.page_cache.generation() == before


def _replace_answers(participant, module_version, answers):
    Response.objects.filter(participant=participant).delete()
    add_responses(participant, module_version, answers)


def test_recompute_retires_the_cached_report(client, reports, module_version, no_page_cache_bump):
    orgs, cycles = reports
    client.force_login(make_coordinator(orgs[0]))
    assert OWN_95 in client.get(_url("report", orgs[0])).content.decode()
    cached = client.get(_url("report", orgs[0])).content.decode()
    assert OWN_95 in cached  # served from the cache

    participant = cycles[2023].participants.get(organisation=orgs[0])
    _replace_answers(participant, module_version, {"internet-solutions": [5] * 24 + [2] * 16})
    compute_results([cycles[2023].pk])

    body = client.get(_url("report", orgs[0])).content.decode()
    assert OWN_60 in body and OWN_95 not in body


def test_recompute_of_an_earlier_year_retires_the_cached_trend(
    client, reports, module_version, no_page_cache_bump
):
    orgs, cycles = reports
    client.force_login(make_coordinator(orgs[0]))
    assert "up from 60% last time" in client.get(_url("report", orgs[0])).content.decode()

    before = cycles[2022].participants.get(organisation=orgs[0])
    _replace_answers(before, module_version, {"internet-solutions": [5] * 38 + [2] * 2})
    compute_results([cycles[2022].pk])

    body = client.get(_url("report", orgs[0])).content.decode()
    assert "up from 60% last time" not in body
    assert "No change since 2022 is statistically supported" in body


def test_coordinator_never_gets_another_organisations_cached_report(client, reports):
    orgs, _ = reports
    first, second = make_coordinator(orgs[0]), make_coordinator(orgs[1])
    with unchanged_generation():
        # Organisation 1's report is rendered and cached first, by its own coordinator.
        client.force_login(second)
        assert OWN_60 in client.get(_url("report", orgs[1])).content.decode()

        client.force_login(first)
        assert client.get(_url("report", orgs[1])).status_code == 403
        own = client.get(_url("report", orgs[0])).content.decode()
        assert OWN_95 in own and OWN_60 not in own

        # And the other way round, with organisation 0's body now cached.
        client.force_login(second)
        assert client.get(_url("report", orgs[0])).status_code == 403
        again = client.get(_url("report", orgs[1])).content.decode()
        assert OWN_60 in again and OWN_95 not in again


def test_member_who_is_not_coordinator_gets_nothing_with_the_body_cached(client, reports):
    orgs, _ = reports
    coordinator, member = make_coordinator(orgs[0]), make_user(organisation=orgs[0])
    with unchanged_generation():
        client.force_login(coordinator)
        assert OWN_95 in client.get(_url("report", orgs[0])).content.decode()
        client.force_login(member)
        assert client.get(_url("report", orgs[0])).status_code == 403
        client.logout()
        response = client.get(_url("report", orgs[0]))
        assert response.status_code == 302 and OWN_95 not in response.content.decode()


def test_staff_and_coordinator_see_the_organisations_report_class(
    client, reports, django_user_model
):
    orgs, _ = reports
    staff = django_user_model.objects.create_user(
        username="staff@example.org", email="staff@example.org"
    )
    staff.groups.add(roles_sync()[roles.STAFF_EDITOR])
    coordinator = make_coordinator(orgs[0])
    with unchanged_generation():
        client.force_login(staff)
        by_staff = client.get(_url("report", orgs[0]))
        client.force_login(coordinator)
        by_coordinator = client.get(_url("report", orgs[0]))
        # Staff of any organisation's report see exactly what its coordinators see.
        client.force_login(staff)
        other = client.get(_url("report", orgs[1])).content.decode()
    # Both see the organisation's own figures and its peers' — nothing more, nothing less.
    for response in (by_staff, by_coordinator):
        body = response.content.decode()
        assert OWN_95 in body and "sector 66%" in body
        assert OWN_60 not in body  # no other organisation's figure
    assert OWN_60 in other and OWN_95 not in other
    assert by_staff.context["questions_html"] == by_coordinator.context["questions_html"]
    # The per-user parts are outside the cached body.
    assert "staff@example.org" not in by_coordinator.context["questions_html"]


def test_public_summary_never_gets_a_cached_report_body(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    with unchanged_generation():
        client.get(_url("report", orgs[0]))
        client.logout()
        body = client.get(reverse("benchmarking:summary", args=[2023])).content.decode()
    assert "Your organisation" not in body and "95%</td>" not in body


def test_summary_recompute_retires_the_cached_body(
    client, reports, module_version, no_page_cache_bump, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the anonymous page cache has its own invalidation
    orgs, cycles = reports
    url = reverse("benchmarking:summary", args=[2023])
    assert "240</strong> responses" in client.get(url).content.decode()
    participant = cycles[2023].participants.get(organisation=orgs[0])
    add_responses(participant, module_version, {"internet-solutions": [5] * 10})
    compute_results([cycles[2023].pk])
    assert "250</strong> responses" in client.get(url).content.decode()


def test_cached_report_needs_no_more_queries_than_a_fresh_one(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    client.get(reverse("benchmarking:index"))  # the site's own cached parts (menu, topics)
    with CaptureQueriesContext(connection) as fresh:
        first = client.get(_url("report", orgs[0])).context["questions_html"]
    with CaptureQueriesContext(connection) as cached:
        second = client.get(_url("report", orgs[0])).context["questions_html"]
    assert second == first
    assert len(cached) < len(fresh) <= 12
