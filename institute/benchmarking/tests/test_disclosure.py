"""Disclosure control as properties: whatever the data, nothing below the thresholds shows."""

from collections import defaultdict

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from institute.benchmarking.disclosure import (
    FEW_ORGANISATIONS,
    FEW_RESPONSES,
    MIN_ORGANISATIONS,
    MIN_RESPONSES,
    disclose,
)
from institute.benchmarking.results import compute

TYPES = ["council", "health", "police-fire"]
REGIONS = ["london", "wales", "north-east", ""]

organisation = st.tuples(
    st.sampled_from(TYPES),
    st.sampled_from(REGIONS),
    st.integers(min_value=1, max_value=40),  # responses
    st.floats(min_value=0, max_value=1),  # share answering yes
)
data_sets = st.lists(organisation, min_size=1, max_size=14)


def _raw_rows(orgs):
    tally, participants = [], []
    for pid, (org_type, region, n, share) in enumerate(orgs, start=1):
        yes = round(n * share)
        tally += [(pid, 1, 1.0, yes), (pid, 1, 0.0, n - yes)]
        participants.append((pid, 7, org_type, region))
    frame = pl.DataFrame(
        tally, schema=["participant_id", "question_id", "value", "c"], orient="row"
    ).filter(pl.col("c") > 0)
    questions = pl.DataFrame(
        {"question_id": [1], "key": ["q"], "type": ["yes-no"], "favourable": [[1.0]]}
    )
    people = pl.DataFrame(
        participants, schema=["participant_id", "cycle_id", "org_type", "region"], orient="row"
    )
    multi = pl.DataFrame(
        schema={"participant_id": pl.Int64, "question_id": pl.Int64, "n_multi": pl.Int64}
    )
    return compute(frame, questions, people, multi).to_dicts()


def _check_thresholds(figures):
    for f in figures:
        if not f.suppressed:
            assert f.n >= MIN_RESPONSES
            if f.scope != "organisation":
                assert f.organisations >= MIN_ORGANISATIONS
        else:
            assert f.n is None and f.share is None and f.mean is None and f.distribution == {}


def _check_partitions(raw, figures):
    """Sector minus the shown cells of a partition never reveals a small aggregate."""
    sector = next((f for f in figures if f.scope == "sector"), None)
    if sector is None or sector.suppressed:
        return
    raw_sector = next(r for r in raw if r["scope"] == "sector")
    for scope in ("type", "region"):
        shown = [f for f in figures if f.scope == scope and not f.suppressed]
        if not shown:
            continue
        hidden_n = raw_sector["n"] - sum(f.n for f in shown)
        hidden_orgs = raw_sector["organisations"] - sum(f.organisations for f in shown)
        assert (hidden_n == 0 and hidden_orgs == 0) or (
            hidden_n >= MIN_RESPONSES and hidden_orgs >= MIN_ORGANISATIONS
        )


@settings(max_examples=300, deadline=None)
@given(data_sets)
def test_no_public_figure_breaks_the_thresholds(orgs):
    raw = _raw_rows(orgs)
    figures = disclose(raw)
    _check_thresholds(figures)
    _check_partitions(raw, figures)
    assert all(f.scope != "organisation" for f in figures)


@settings(max_examples=300, deadline=None)
@given(data_sets, st.data())
def test_an_organisation_sees_only_its_own_rows_and_safe_peer_figures(orgs, data):
    viewer = data.draw(st.integers(min_value=1, max_value=len(orgs)))
    raw = _raw_rows(orgs)
    figures = disclose(raw, viewer={viewer})
    _check_thresholds(figures)
    _check_partitions(raw, figures)
    own = [f for f in figures if f.scope == "organisation"]
    assert len(own) == 1 and own[0].participant_id == viewer
    type_orgs = defaultdict(int)
    for org_type, *_ in orgs:
        type_orgs[org_type] += 1
    if own[0].quartile is not None:
        assert type_orgs[orgs[viewer - 1][0]] >= MIN_ORGANISATIONS


def test_figure_from_nine_responses_is_suppressed_with_reason():
    (f,) = disclose(
        [
            {
                "cycle_id": 1,
                "question_id": 1,
                "key": "q",
                "scope": "sector",
                "group": "",
                "participant_id": None,
                "n": 9,
                "organisations": 6,
                "mean": 0.5,
                "favourable": 4,
                "share": 0.44,
                "ci_low": 0.1,
                "ci_high": 0.8,
                "distribution": {"0": 5, "1": 4},
                "quartile": None,
            }
        ]
    )
    assert f.suppressed and f.reason == FEW_RESPONSES and f.share is None


def _cell(scope, group, n, orgs):
    return {
        "cycle_id": 1,
        "question_id": 1,
        "key": "q",
        "scope": scope,
        "group": group,
        "participant_id": None,
        "n": n,
        "organisations": orgs,
        "mean": 0.5,
        "favourable": n // 2,
        "share": 0.5,
        "ci_low": 0.4,
        "ci_high": 0.6,
        "distribution": {},
        "quartile": None,
    }


def test_peer_figure_from_four_organisations_is_suppressed():
    figures = disclose([_cell("sector", "", 400, 12), _cell("type", "health", 100, 4)])
    health = figures[1]
    assert health.suppressed and health.reason == FEW_ORGANISATIONS


def test_one_hidden_group_forces_a_second_to_be_hidden():
    rows = [
        _cell("sector", "", 400, 14),
        _cell("type", "council", 250, 7),
        _cell("type", "health", 100, 5),
        _cell("type", "police-fire", 50, 2),  # primary: 2 organisations
    ]
    shown = {f.group: f.suppressed for f in disclose(rows)}
    # Sector minus council and health would give police-fire; health (smaller) goes too.
    assert shown == {"": False, "council": False, "health": True, "police-fire": True}


@pytest.mark.parametrize("organisations", [1, 4])
def test_organisations_without_a_region_count_as_a_hidden_cell(organisations):
    rows = [_cell("sector", "", 400, 10 + organisations), _cell("region", "london", 300, 10)]
    (_, london) = disclose(rows)
    assert london.suppressed
