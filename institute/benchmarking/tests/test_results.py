"""Every figure of a small hand-worked data set (see the numbers in each test)."""

import pytest
from scipy.stats import binomtest

from institute.benchmarking.models import Cycle, Result
from institute.benchmarking.results import compute_results, wilson_interval
from institute.people.models import Organisation
from tests.factories.benchmarking import add_responses, make_cycle
from tests.factories.people import make_organisation

INTERNET = {
    "C1": [5, 5, 5, 4, 4, 4, 3, 2, 1, 1],  # n 10, total 34, favourable 6
    "C2": [5] * 10,  # share 1.0, mean 5
    "C3": [4] * 8 + [2] * 2,  # share 0.8, mean 3.6
    "C4": [4] * 5 + [1] * 5,  # share 0.5, mean 2.5
    "C5": [3] * 10,  # share 0, mean 3
    "H1": [5] * 12,  # the only health organisation, in another region
}


@pytest.fixture
def worked(module_version):
    orgs = {name: make_organisation(name) for name in ["C1", "C2", "C3", "C4", "C5"]}
    orgs["H1"] = make_organisation("H1", type=Organisation.Type.HEALTH, region="north-west")
    cycle = make_cycle(module_version, organisations=orgs.values(), status=Cycle.Status.CLOSED)
    participants = {p.organisation.name: p for p in cycle.participants.all()}
    for name, values in INTERNET.items():
        answers = {"internet-solutions": values}
        if name == "C1":
            answers["training-suspicious-links"] = [1, 1] + [0] * 8
            answers["learning-topics"] = [[1, 3], [3], [2], [1, 2, 3]]
        add_responses(participants[name], module_version, answers)
    compute_results([cycle.pk])
    return cycle, participants


def _get(cycle, key, scope, **kw):
    return Result.objects.get(cycle=cycle, key=key, scope=scope, **kw)


def test_organisation_counts_mean_and_share(worked):
    cycle, participants = worked
    r = _get(cycle, "internet-solutions", "organisation", participant=participants["C1"])
    assert (r.n, r.favourable, r.organisations) == (10, 6, 1)
    assert r.mean == pytest.approx(3.4)
    assert r.share == pytest.approx(0.6)


def test_organisation_distribution_counts_each_answer(worked):
    cycle, participants = worked
    r = _get(cycle, "internet-solutions", "organisation", participant=participants["C1"])
    assert r.distribution == {"1": 2, "2": 1, "3": 1, "4": 3, "5": 3}


def test_wilson_bounds_match_the_textbook_value_for_six_of_ten():
    # Wilson (1927) interval for 6/10 at 95%: 0.3127 to 0.8318 (Newcombe 1998, table I).
    low, high = wilson_interval(6, 10)
    assert low == pytest.approx(0.3127, abs=5e-5)
    assert high == pytest.approx(0.8318, abs=5e-5)


def test_stored_wilson_bounds_match_scipy(worked):
    cycle, _ = worked
    for r in Result.objects.filter(cycle=cycle, share__isnull=False):
        ci = binomtest(r.favourable, r.n).proportion_ci(confidence_level=0.95, method="wilson")
        assert r.ci_low == pytest.approx(ci.low, abs=1e-9)
        assert r.ci_high == pytest.approx(ci.high, abs=1e-9)


def test_yes_no_share_counts_yes_answers(worked):
    cycle, participants = worked
    r = _get(cycle, "training-suspicious-links", "organisation", participant=participants["C1"])
    assert (r.n, r.favourable, r.share, r.mean) == (10, 2, 0.2, 0.2)


def test_multiple_choice_n_counts_responses_not_ticks(worked):
    cycle, participants = worked
    r = _get(cycle, "learning-topics", "organisation", participant=participants["C1"])
    assert r.n == 4
    assert r.distribution == {"1": 2, "2": 2, "3": 3}
    assert r.share == pytest.approx(0.75)
    assert r.mean is None


def test_sector_figure_pools_every_participant(worked):
    cycle, _ = worked
    r = _get(cycle, "internet-solutions", "sector")
    assert (r.n, r.favourable, r.organisations) == (62, 41, 6)
    assert r.mean == pytest.approx(235 / 62)
    assert r.share == pytest.approx(41 / 62)


def test_type_peer_group_pools_same_type(worked):
    cycle, _ = worked
    council = _get(cycle, "internet-solutions", "type", group="council")
    health = _get(cycle, "internet-solutions", "type", group="health")
    assert (council.n, council.favourable, council.organisations) == (50, 29, 5)
    assert council.mean == pytest.approx(3.5)
    assert (health.n, health.organisations) == (12, 1)


def test_region_peer_group_pools_same_region(worked):
    cycle, _ = worked
    london = _get(cycle, "internet-solutions", "region", group="london")
    north_west = _get(cycle, "internet-solutions", "region", group="north-west")
    assert (london.n, london.organisations) == (50, 5)
    assert (north_west.n, north_west.organisations) == (12, 1)


def test_quartile_ranks_organisation_among_its_type_peers(worked):
    cycle, participants = worked
    quartiles = {
        name: _get(cycle, "internet-solutions", "organisation", participant=p).quartile
        for name, p in participants.items()
    }
    # Shares 1.0, 0.8, 0.6, 0.5, 0.0 among five councils; H1 is alone among health bodies.
    assert quartiles == {"C2": 1, "C3": 1, "C1": 2, "C4": 3, "C5": 4, "H1": 1}


def test_recomputing_replaces_earlier_results(worked):
    cycle, _ = worked
    before = Result.objects.filter(cycle=cycle).count()
    compute_results([cycle.pk])
    assert Result.objects.filter(cycle=cycle).count() == before
