"""The faster paths of the results computation give exactly the rows of the plain one.

Tallies by ranges of participant ids and on two connections, the store that empties the
table at once or rebuilds its indexes after a large rewrite, and the large demo seed that
commits year by year and resumes where it stopped.
"""

import pytest
from django.db import connection

from institute.benchmarking import bulk, demo, results
from institute.benchmarking.models import Answer, Cycle, Participant, Result
from institute.benchmarking.services import participant_add
from institute.people.models import Organisation
from tests.factories.benchmarking import add_responses, make_cycle
from tests.factories.people import make_organisation


def _rows(cycle_ids=None):
    rows = Result.objects.all()
    if cycle_ids is not None:
        rows = rows.filter(cycle_id__in=cycle_ids)
    return sorted(rows.values_list(*bulk.RESULT_FIELDS), key=repr)


def _answers(i):
    return {
        "internet-solutions": [(i + k) % 5 + 1 for k in range(10 + i)],
        "training-suspicious-links": [(i * k) % 2 for k in range(10 + i)],
        "learning-topics": [[1, 3], [2], [(i % 3) + 1]] * 4,
    }


@pytest.fixture
def cycles(module_version):
    """Two closed years; the first gets a participant after the second's, so its ids are
    not one run of consecutive ids."""
    orgs = [make_organisation(f"Org {i}") for i in range(6)]
    orgs.append(make_organisation("Health", type=Organisation.Type.HEALTH, region="wales"))
    first = make_cycle(module_version, 2022, orgs[:4], status=Cycle.Status.CLOSED)
    second = make_cycle(module_version, 2023, orgs[2:], status=Cycle.Status.CLOSED)
    participant_add(cycle=first, organisation=orgs[6])
    for i, participant in enumerate(Participant.objects.order_by("pk")):
        add_responses(participant, module_version, _answers(i))
    return first, second


def test_runs_of_consecutive_ids():
    assert results._runs([1, 2, 3, 7, 9, 10]) == [(1, 3), (7, 7), (9, 10)]
    assert results._runs([]) == []


def test_tally_by_runs_counts_only_the_cycles_participants(cycles):
    first, _ = cycles
    ids = list(first.participants.values_list("pk", flat=True))
    assert len(results._runs(sorted(ids))) == 2
    tally = results.tallies(ids)
    assert set(tally["participant_id"].to_list()) == set(ids)
    assert tally["c"].sum() == Answer.objects.filter(participant__cycle=first).count()


@pytest.mark.django_db(transaction=True)
def test_tally_on_two_connections_gives_the_rows_of_one_pass(cycles, monkeypatch):
    ids = [c.pk for c in cycles]
    results.compute_results(ids, workers=1)
    one = _rows()
    threads = []
    in_thread = results._tally_in_thread
    monkeypatch.setattr(
        results, "_tally_in_thread", lambda runs: threads.append(runs) or in_thread(runs)
    )
    results.compute_results(ids, workers=2)
    assert len(threads) == 2  # the parallel path ran
    assert one and _rows() == one


def test_inside_a_transaction_the_tally_stays_on_this_connection(cycles, monkeypatch):
    monkeypatch.setattr(results, "_tally_in_thread", None)  # would fail if called
    assert results.compute_results([c.pk for c in cycles], workers=2) > 0


@pytest.mark.django_db(transaction=True)
def test_recomputing_one_year_keeps_the_others_rows(cycles):
    first, second = cycles
    results.compute_results([first.pk, second.pk])
    before = _rows([first.pk])
    Answer.objects.filter(participant__cycle=second).delete()
    add_responses(second.participants.first(), second.module_versions.first(), _answers(9))
    results.compute_results([second.pk])
    assert _rows([first.pk]) == before
    assert Result.objects.filter(cycle=second, scope="sector").exists()


@pytest.mark.django_db(transaction=True)
def test_a_large_rewrite_with_deferred_indexes_stores_the_same_rows(cycles, monkeypatch):
    ids = [c.pk for c in cycles]
    results.compute_results(ids)
    plain = _rows()
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, bulk.RESULT)
    monkeypatch.setattr(results, "DEFER_INDEXES_FROM", 0)
    results.compute_results(ids)
    assert _rows() == plain
    with connection.cursor() as cursor:
        assert connection.introspection.get_constraints(cursor, bulk.RESULT) == indexes


def _seed_small_large(monkeypatch):
    monkeypatch.setattr(demo, "LARGE_ORGANISATIONS", 3)
    monkeypatch.setattr(demo, "LARGE_RESPONSES", 4)
    logged = []
    demo._load_modules(logged.append)
    demo._organisations("demo")
    demo._seed_large(logged.append)
    return logged


@pytest.mark.django_db(transaction=True)
def test_large_seed_writes_every_year_and_resumes_where_it_stopped(monkeypatch):
    _seed_small_large(monkeypatch)
    years = range(demo.FIRST_YEAR, demo.LAST_YEAR + 1)
    cycles = dict(Cycle.objects.values_list("year", "pk"))
    assert sorted(cycles) == list(years)
    per_year = 3 * 4 * 30
    assert Answer.objects.count() == len(years) * per_year
    # A run stopped after 2021: the last two years are missing.
    Cycle.objects.filter(year__gte=2022).delete()
    logged = _seed_small_large(monkeypatch)
    assert any(line.startswith("2022: ") for line in logged)
    assert not any(line.startswith("2021: ") for line in logged)
    assert Answer.objects.count() == len(years) * per_year
    kept = dict(Cycle.objects.filter(year__lt=2022).values_list("year", "pk"))
    assert kept == {y: pk for y, pk in cycles.items() if y < 2022}
    assert not Cycle.objects.filter(results_computed_at__isnull=True).exists()
    assert Result.objects.filter(cycle__year=2023, scope="sector").count() == 30


def test_large_seed_again_changes_nothing(db, monkeypatch):
    _seed_small_large(monkeypatch)
    before = (Answer.objects.count(), Result.objects.count(), list(Cycle.objects.values("pk")))
    logged = _seed_small_large(monkeypatch)
    assert "large benchmarking data already seeded" in logged
    after = (Answer.objects.count(), Result.objects.count(), list(Cycle.objects.values("pk")))
    assert after == before
