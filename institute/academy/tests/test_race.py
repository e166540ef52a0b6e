"""Concurrent acceptance on PostgreSQL: many staff decisions at once, never one participant
past the cohort's capacity. Each thread has its own connection; all start at a barrier."""

import time

import pytest

from institute.academy import selectors, services
from institute.academy.models import Application, CohortPage
from institute.academy.programmes_demo import sample_cohort
from tests.factories.people import UserFactory
from tests.races import all_at_once, skip_unless_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

APPLICANTS = 30
PLACES = 8


@pytest.fixture(autouse=True)
def _postgresql_only():
    skip_unless_postgresql()


@pytest.fixture
def contested():
    cohort = sample_cohort()
    CohortPage.objects.filter(pk=cohort.pk).update(capacity=PLACES)
    ids = [
        services.application_submit(
            cohort=cohort,
            user=UserFactory(),
            statement="s",
            manager_name="m",
            manager_email="m@example.org",
        ).pk
        for _ in range(APPLICANTS)
    ]
    return cohort, ids


def _accept_all_at_once(ids):
    decide = services.application_decide
    assert all_at_once(lambda pk: decide(application_id=pk, decision="accepted"), ids) == []


def _accepted(cohort):
    return Application.objects.filter(cohort=cohort, status="accepted").count()


def test_without_the_lock_simultaneous_acceptances_overfill(contested, monkeypatch):
    """The failure the lock prevents: counting, then writing, lets decisions overtake."""
    cohort, ids = contested
    counted = selectors.cohort_places

    def unlocked(cohort_id):
        return CohortPage.objects.get(pk=cohort_id)

    def slow_count(*, cohort):
        result = counted(cohort=cohort)
        time.sleep(0.05)
        return result

    monkeypatch.setattr(services, "_locked_cohort", unlocked)
    monkeypatch.setattr(selectors, "cohort_places", slow_count)
    _accept_all_at_once(ids)
    assert _accepted(cohort) > PLACES


def test_simultaneous_acceptances_never_exceed_capacity(contested, monkeypatch):
    cohort, ids = contested
    counted = selectors.cohort_places

    def slow_count(*, cohort):
        result = counted(cohort=cohort)
        time.sleep(0.005)
        return result

    monkeypatch.setattr(selectors, "cohort_places", slow_count)
    _accept_all_at_once(ids)
    assert _accepted(cohort) == PLACES
    assert Application.objects.filter(cohort=cohort, status="waitlisted").count() == (
        APPLICANTS - PLACES
    )
