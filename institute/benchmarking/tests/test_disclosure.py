"""Disclosure control as properties: whatever the data, nothing below the thresholds shows."""

from collections import defaultdict
from types import SimpleNamespace

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from institute.benchmarking.disclosure import (
    FEW_ORGANISATIONS,
    FEW_RESPONSES,
    MIN_ORGANISATIONS,
    MIN_RESPONSES,
    Figure,
    disclose,
)
from institute.benchmarking.findings import findings
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


def _members(orgs):
    """Every organisation's size, type and region, as ``selectors.member_sizes`` gives them."""
    return [
        {
            "cycle_id": 7,
            "question_id": 1,
            "participant_id": pid,
            "n": n,
            "type": org_type,
            "region": region,
        }
        for pid, (org_type, region, n, _share) in enumerate(orgs, start=1)
    ]


def _in_group(member, figure):
    return figure.scope == "sector" or member[figure.scope] == figure.group


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
    rows = compute(frame, questions, people, multi).to_dicts()
    for row in rows:  # stored as {"value": count}, as ``results`` writes it
        row["distribution"] = {f"{d['value']:g}": d["c"] for d in row["distribution"]}
    return rows


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


def _check_members_cannot_subtract_themselves(orgs, raw, figures):
    """A member that subtracts its own answers from a shown peer figure, or from the hidden
    part of a partition (sector minus the shown cells), still gets a figure from at least
    5 organisations and 10 responses."""
    members = _members(orgs)
    for f in figures:
        if f.scope == "organisation" or f.suppressed:
            continue
        for m in members:
            if _in_group(m, f):
                assert f.n - m["n"] >= MIN_RESPONSES
                assert f.organisations - 1 >= MIN_ORGANISATIONS
    sector = next((f for f in figures if f.scope == "sector"), None)
    if sector is None or sector.suppressed:
        return
    for scope in ("type", "region"):
        shown = {f.group for f in figures if f.scope == scope and not f.suppressed}
        if not shown:
            continue
        rest = [m for m in members if m[scope] not in shown]
        for m in rest:
            others = [o for o in rest if o is not m]
            assert not others or (
                sum(o["n"] for o in others) >= MIN_RESPONSES and len(others) >= MIN_ORGANISATIONS
            )


@settings(max_examples=300, deadline=None)
@given(data_sets)
def test_no_public_figure_breaks_the_thresholds(orgs):
    raw = _raw_rows(orgs)
    figures = disclose(raw, members=_members(orgs))
    _check_thresholds(figures)
    _check_partitions(raw, figures)
    _check_members_cannot_subtract_themselves(orgs, raw, figures)
    assert all(f.scope != "organisation" for f in figures)


@settings(max_examples=200, deadline=None)
@given(data_sets)
def test_without_member_sizes_peer_figures_still_need_five_other_organisations(orgs):
    figures = disclose(_raw_rows(orgs))
    for f in figures:
        if not f.suppressed:
            assert f.organisations - 1 >= MIN_ORGANISATIONS


@settings(max_examples=200, deadline=None)
@given(data_sets, st.booleans())
def test_a_distribution_goes_out_only_with_its_figure_and_for_choice_questions(orgs, choices):
    raw = _raw_rows(orgs)
    figures = disclose(raw, members=_members(orgs), categorical={1} if choices else set())
    for f in figures:
        if f.suppressed or not choices:
            assert f.distribution == {}
        else:
            assert sum(f.distribution.values()) == f.n


@settings(max_examples=300, deadline=None)
@given(data_sets, st.data())
def test_an_organisation_sees_only_its_own_rows_and_safe_peer_figures(orgs, data):
    viewer = data.draw(st.integers(min_value=1, max_value=len(orgs)))
    raw = _raw_rows(orgs)
    figures = disclose(raw, viewer={viewer}, members=_members(orgs))
    _check_thresholds(figures)
    _check_partitions(raw, figures)
    _check_members_cannot_subtract_themselves(orgs, raw, figures)
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


def _figure(scope, n, favourable, organisations, participant_id=None):
    return Figure(
        cycle_id=1,
        question_id=1,
        key="q",
        scope=scope,
        group="",
        participant_id=participant_id,
        n=n,
        organisations=organisations,
        mean=None,
        favourable=favourable,
        share=favourable / n,
        ci_low=None,
        ci_high=None,
    )


QUESTION = SimpleNamespace(key="q", finding="can use the internet", favourable=[1])


@settings(max_examples=300, deadline=None)
@given(
    own_n=st.integers(min_value=10, max_value=400),
    own_share=st.floats(min_value=0, max_value=1),
    others_n=st.integers(min_value=1, max_value=400),
    others_share=st.floats(min_value=0, max_value=1),
    others=st.integers(min_value=1, max_value=12),
)
def test_findings_never_compare_with_fewer_than_five_other_organisations(
    own_n, own_share, others_n, others_share, others
):
    """Even given figures that skipped disclosure, no sentence states the others' share
    unless they are at least 5 organisations and 10 responses."""
    own_fav, others_fav = round(own_n * own_share), round(others_n * others_share)
    own = _figure("organisation", own_n, own_fav, 1, participant_id=1)
    peer_n, peer_fav = own_n + others_n, own_fav + others_fav
    row = {
        "question": QUESTION,
        "own": own,
        "sector": _figure("sector", peer_n, peer_fav, others + 1),
        "type": _figure("type", peer_n, peer_fav, others + 1),
    }
    compared = [f for f in findings([row], {}) if f.kind in ("strength", "gap")]
    if others < MIN_ORGANISATIONS or others_n < MIN_RESPONSES:
        assert compared == []
    for found in compared:
        assert f"against {round(others_fav / others_n * 100)}%" in found.text


def test_findings_compare_with_five_other_organisations():
    own = _figure("organisation", 40, 38, 1, participant_id=1)
    row = {"question": QUESTION, "own": own, "sector": _figure("sector", 240, 38 + 120, 6)}
    (strength,) = [f for f in findings([row], {}) if f.kind == "strength"]
    assert "(95% against 60%)" in strength.text
    row["sector"] = _figure("sector", 200, 38 + 96, 5)  # four others: no comparison
    assert [f.kind for f in findings([row], {})] == ["headline"]
