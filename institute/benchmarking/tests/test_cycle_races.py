"""On PostgreSQL, a cycle's changes and its submissions settle on the cycle's row.

Two members of staff closing a cycle at once close it once; a submission in flight when a
cycle closes is counted in its results, because closing waits for it. Each test also shows
the failure without the lock, so it can fail.
"""

import threading
import time
import uuid

import pytest
from django.db import connection

from institute.benchmarking import bulk, services
from institute.benchmarking.models import Cycle, Result
from institute.benchmarking.services import CycleStateError, cycle_close, response_submit
from tests.factories.benchmarking import make_cycle
from tests.factories.people import make_organisation

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…): SQLite serialises writers")


def _in_threads(*targets):
    outcomes = [None] * len(targets)

    def run(i, target):
        try:
            outcomes[i] = target()
        except Exception as exc:  # noqa: BLE001 — the outcome is what the test checks
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for t in threads:
        t.start()
    return threads, outcomes


@pytest.fixture
def slow_read(monkeypatch):
    """Widen the gap between reading the cycle's state and writing the change."""
    real = Cycle.objects.select_for_update

    def select_then_wait(*args, **kwargs):
        queryset = real(*args, **kwargs)
        get = queryset.get

        def get_slowly(*a, **kw):
            found = get(*a, **kw)
            time.sleep(0.3)
            return found

        queryset.get = get_slowly
        return queryset

    monkeypatch.setattr(Cycle.objects, "select_for_update", select_then_wait)
    return real


def test_two_closes_at_once_close_the_cycle_once(module_version, slow_read):
    cycle = make_cycle(module_version, year=2024)
    barrier = threading.Barrier(2)

    def close():
        barrier.wait()
        return cycle_close(cycle=Cycle.objects.get(pk=cycle.pk))

    threads, outcomes = _in_threads(close, close)
    for t in threads:
        t.join()
    refused = [o for o in outcomes if isinstance(o, CycleStateError)]
    assert len(refused) == 1 and "2024 is closed" in str(refused[0])


def test_without_the_lock_two_closes_both_go_through(module_version, monkeypatch):
    cycle = make_cycle(module_version, year=2024)
    barrier = threading.Barrier(2)

    def close():
        barrier.wait()
        return cycle_close(cycle=Cycle.objects.get(pk=cycle.pk))

    def unlocked(cycle, change):
        locked = Cycle.objects.get(pk=cycle.pk)  # read without the lock
        time.sleep(0.3)
        if locked.status not in services.TRANSITIONS[change].allowed:
            raise CycleStateError(change)
        return locked

    monkeypatch.setattr(services, "_locked", unlocked)
    threads, outcomes = _in_threads(close, close)
    for t in threads:
        t.join()
    assert not any(isinstance(o, Exception) for o in outcomes)  # both "closed" it


@pytest.fixture
def paused_submission(module_version, monkeypatch):
    """A submission that stops after its check of the cycle, until ``go`` is set."""
    cycle = make_cycle(module_version, year=2024, organisations=[make_organisation("Essex")])
    link = cycle.participants.get().links.select_related("participant").get()
    question = module_version.questions.get(key="internet-solutions")
    inside, go = threading.Event(), threading.Event()
    check = bulk.check_answers

    def check_then_wait(frame):
        inside.set()
        go.wait(10)
        return check(frame)

    monkeypatch.setattr(bulk, "check_answers", check_then_wait)

    def submit():
        return response_submit(link=link, submission_token=uuid.uuid4(), answers={question: 4})

    return cycle, submit, inside, go


def _close_during(cycle, submit, inside, go):
    threads, outcomes = _in_threads(submit)
    assert inside.wait(10)
    closer, _ = _in_threads(lambda: cycle_close(cycle=Cycle.objects.get(pk=cycle.pk)))
    closer[0].join(0.5)
    waited = closer[0].is_alive()
    go.set()
    for t in threads + closer:
        t.join(10)
    return waited, outcomes


def test_closing_waits_for_a_submission_in_flight_and_counts_it(paused_submission):
    cycle, submit, inside, go = paused_submission
    waited, outcomes = _close_during(cycle, submit, inside, go)
    assert waited and not isinstance(outcomes[0], Exception)
    result = Result.objects.get(cycle=cycle, key="internet-solutions", scope="organisation")
    assert result.n == 1


def test_without_the_shared_lock_a_submission_lands_after_the_results(
    paused_submission, monkeypatch
):
    cycle, submit, inside, go = paused_submission
    monkeypatch.setattr(
        services,
        "_cycle_status_held",
        lambda cycle_id: Cycle.objects.values_list("status", flat=True).get(pk=cycle_id),
    )
    waited, outcomes = _close_during(cycle, submit, inside, go)
    assert not waited
    assert not Result.objects.filter(cycle=cycle, key="internet-solutions").exists()
    assert cycle.participants.get().responses.count() == 1  # stored, but not counted
