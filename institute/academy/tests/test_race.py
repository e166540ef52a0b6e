"""Concurrent acceptance on PostgreSQL: many staff decisions at once, never one participant
past the cohort's capacity. Each thread has its own connection; all start at a barrier."""

import threading
import time

import pytest
from django.db import connection

from institute.academy import services
from institute.academy.models import Application, CohortPage
from institute.academy.programmes_demo import sample_cohort
from institute.events.tests.conftest import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

APPLICANTS = 30
PLACES = 8


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Concurrency test needs PostgreSQL (row locks between connections); "
            "set DATABASE_URL=postgres://… to run it. SQLite serialises writers anyway."
        )


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
    barrier = threading.Barrier(len(ids))
    errors = []

    def accept(pk):
        try:
            barrier.wait()
            services.application_decide(application_id=pk, decision="accepted")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(pk,)) for pk in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def _accepted(cohort):
    return Application.objects.filter(cohort=cohort, status="accepted").count()


def test_without_the_lock_simultaneous_acceptances_overfill(contested, monkeypatch):
    """The failure the lock prevents: counting, then writing, lets decisions overtake."""
    cohort, ids = contested
    counted = services._accepted_count

    def unlocked(cohort_id):
        return CohortPage.objects.get(pk=cohort_id)

    def slow_count(cohort_id):
        result = counted(cohort_id)
        time.sleep(0.05)
        return result

    monkeypatch.setattr(services, "_locked_cohort", unlocked)
    monkeypatch.setattr(services, "_accepted_count", slow_count)
    _accept_all_at_once(ids)
    assert _accepted(cohort) > PLACES


def test_simultaneous_acceptances_never_exceed_capacity(contested, monkeypatch):
    cohort, ids = contested
    counted = services._accepted_count

    def slow_count(cohort_id):
        result = counted(cohort_id)
        time.sleep(0.005)
        return result

    monkeypatch.setattr(services, "_accepted_count", slow_count)
    _accept_all_at_once(ids)
    assert _accepted(cohort) == PLACES
    assert Application.objects.filter(cohort=cohort, status="waitlisted").count() == (
        APPLICANTS - PLACES
    )
