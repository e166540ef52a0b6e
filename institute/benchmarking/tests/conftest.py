"""Fixtures of the benchmarking tests (their builders are in ``tests/factories``)."""

import pytest

from institute.benchmarking.definitions import normalise
from institute.benchmarking.models import Cycle
from institute.benchmarking.results import compute_results
from institute.benchmarking.services import module_load
from tests.factories.benchmarking import SMALL_MODULE, add_responses, make_cycle
from tests.factories.people import make_organisation


@pytest.fixture
def module_version(db):
    return module_load(definition=normalise(SMALL_MODULE))[0]


@pytest.fixture
def reports(module_version):
    """Six councils in 2022 and 2023; in 2023 the first one stands out (95% against 60%)."""
    orgs = [make_organisation(f"Council {i}") for i in range(6)]
    shares = {2022: [0.6] * 6, 2023: [0.95, 0.6, 0.6, 0.6, 0.6, 0.6]}
    cycles = {}
    for year, year_shares in shares.items():
        cycle = make_cycle(
            module_version, year=year, organisations=orgs, status=Cycle.Status.CLOSED
        )
        for participant in cycle.participants.order_by("organisation__name"):
            i = orgs.index(participant.organisation)
            yes = round(40 * year_shares[i])
            add_responses(
                participant,
                module_version,
                {
                    "internet-solutions": [5] * yes + [2] * (40 - yes),
                    "training-suspicious-links": [1] * 4 + [0] * 36,
                },
            )
        compute_results([cycle.pk])
        cycles[year] = cycle
    return orgs, cycles
