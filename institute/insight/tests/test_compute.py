"""The arithmetic on a hand-worked example, its properties, PCA weights and peer groups."""

import math

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from institute.insight import compute

# Two dimensions, three components, four indicators (both directions of good).
INDICATORS = pl.DataFrame(
    {
        "indicator": ["a", "b", "c", "d"],
        "component": ["c1", "c1", "c2", "c3"],
        "dimension": ["d1", "d1", "d1", "d2"],
        "utopia": [10.0, 0.0, 100.0, 10.0],
        "dystopia": [0.0, 20.0, 0.0, 50.0],
        "weight": [0.25, 0.75, 1.0, 1.0],
    }
)


def _values(rows):
    return pl.DataFrame(rows, schema=["place", "indicator", "value"], orient="row")


def _by(frame, level, key, place="P1", column="score"):
    row = frame.filter(
        (pl.col("place") == place) & (pl.col("level") == level) & (pl.col("key") == key)
    )
    return row[column][0]


def test_the_hand_worked_example():
    values = _values([("P1", "a", 5.0), ("P1", "b", 5.0), ("P1", "c", 150.0), ("P1", "d", 60.0)])
    found = compute.scores(values, INDICATORS)
    # a: higher is better, 5 between 0 and 10 → 50.
    assert _by(found, "indicator", "a") == pytest.approx(50.0)
    # b: lower is better, 5 between dystopia 20 and utopia 0 → 75.
    assert _by(found, "indicator", "b") == pytest.approx(75.0)
    # c: 150 is past utopia 100 → clipped to 100.
    assert _by(found, "indicator", "c") == pytest.approx(100.0)
    # d: lower is better, 60 is worse than dystopia 50 → clipped to 0.
    assert _by(found, "indicator", "d") == pytest.approx(0.0)
    # c1 = 0.25 × 50 + 0.75 × 75 = 68.75 (weights); c2 = 100; c3 = 0.
    assert _by(found, "component", "c1") == pytest.approx(68.75)
    assert _by(found, "component", "c2") == pytest.approx(100.0)
    assert _by(found, "component", "c3") == pytest.approx(0.0)
    # d1 = mean(68.75, 100) = 84.375; d2 = 0; index = mean(84.375, 0) = 42.1875.
    assert _by(found, "dimension", "d1") == pytest.approx(84.375)
    assert _by(found, "dimension", "d2") == pytest.approx(0.0)
    assert _by(found, "index", "index") == pytest.approx(42.1875)


def test_a_missing_indicator_leaves_the_others_weights_scaled_to_one():
    found = compute.scores(_values([("P1", "b", 5.0)]), INDICATORS)
    assert _by(found, "component", "c1") == pytest.approx(75.0)


def test_the_relative_scale_and_the_strength_and_weakness_rule():
    scores = pl.DataFrame(
        {
            "place": ["P1", "P2", "P3", "P4"],
            "level": ["component"] * 4,
            "key": ["c1"] * 4,
            "score": [70.0, 60.0, 66.0, 50.0],
        }
    )
    peers = pl.DataFrame(
        {
            "place": ["P1", "P1", "P1", "P2", "P2", "P2", "P4", "P4", "P4"],
            "peer": ["P2", "P3", "P4", "P1", "P3", "P4", "P1", "P2", "P3"],
        }
    )
    found = compute.relative(scores, peers, band=5.0)
    # P1: peers 60, 66, 50 → typical 60; 70 − 60 = 10 > 5: a strength.
    assert _by(found, "component", "c1", "P1", "typical") == pytest.approx(60.0)
    assert _by(found, "component", "c1", "P1", "mark") == "strength"
    # P2: peers 70, 66, 50 → typical 66; 60 − 66 = −6 < −5: a weakness.
    assert _by(found, "component", "c1", "P2", "typical") == pytest.approx(66.0)
    assert _by(found, "component", "c1", "P2", "mark") == "weakness"
    # P4: peers 70, 60, 66 → typical 66; −16: a weakness. P3 has no peers: no typical, no mark.
    assert _by(found, "component", "c1", "P4", "mark") == "weakness"
    assert _by(found, "component", "c1", "P3", "typical") is None
    assert _by(found, "component", "c1", "P3", "mark") == ""


def test_within_the_band_is_neither():
    scores = pl.DataFrame(
        {"place": ["A", "B"], "level": ["index"] * 2, "key": ["index"] * 2, "score": [50.0, 45.0]}
    )
    peers = pl.DataFrame({"place": ["A", "B"], "peer": ["B", "A"]})
    found = compute.relative(scores, peers, band=5.0)
    assert _by(found, "index", "index", "A", "mark") == ""  # exactly +5: inside the band
    assert _by(found, "index", "index", "B", "mark") == ""
    assert _by(found, "index", "index", "A", "rank") == 1
    assert _by(found, "index", "index", "B", "rank") == 2


bounds = st.tuples(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.floats(min_value=1e-3, max_value=1e6, allow_nan=False),
    st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(bounds, min_size=1, max_size=12), st.integers(min_value=1, max_value=4))
def test_utopia_everywhere_is_100_and_dystopia_everywhere_is_0(spec, dims):
    rows = []
    for i, (low, span, higher_is_better) in enumerate(spec):
        high = low + span
        utopia, dystopia = (high, low) if higher_is_better else (low, high)
        rows.append((f"i{i}", f"c{i % 3}-{i % dims}", f"d{i % dims}", utopia, dystopia, 1.0))
    indicators = pl.DataFrame(
        rows,
        schema=["indicator", "component", "dimension", "utopia", "dystopia", "weight"],
        orient="row",
    )
    best = _values([("best", r[0], r[3]) for r in rows])
    worst = _values([("worst", r[0], r[4]) for r in rows])
    found = compute.scores(pl.concat([best, worst]), indicators)
    assert _by(found, "index", "index", "best") == pytest.approx(100.0)
    assert _by(found, "index", "index", "worst") == pytest.approx(0.0, abs=1e-9)


def test_pca_weights_are_the_first_principal_components_loadings():
    rng = np.random.default_rng(7)
    base = rng.normal(50, 10, 200)
    data = {
        "x": base + rng.normal(0, 2, 200),
        "y": base + rng.normal(0, 6, 200),
        "z": rng.normal(50, 10, 200),
    }
    values = pl.DataFrame(
        [(f"P{p}", k, float(v[p])) for k, v in data.items() for p in range(200)],
        schema=["place", "indicator", "value"],
        orient="row",
    )
    indicators = pl.DataFrame(
        {
            "indicator": ["x", "y", "z"],
            "component": ["c"] * 3,
            "dimension": ["d"] * 3,
            "utopia": [200.0] * 3,
            "dystopia": [-100.0] * 3,
            "weight": [1 / 3] * 3,
        }
    )
    weights = compute.pca_weights(values, indicators)
    correlation = np.corrcoef(np.array([data["x"], data["y"], data["z"]]))
    eigenvalues, vectors = np.linalg.eigh(correlation)
    expected = np.abs(vectors[:, np.argmax(eigenvalues)])
    expected /= expected.sum()
    assert [weights[k] for k in "xyz"] == pytest.approx(list(expected), abs=1e-6)
    assert math.fsum(weights.values()) == pytest.approx(1.0)
    assert weights["x"] > weights["z"]  # the shared factor carries the weight


def _places():
    # Nine places on a grid of rurality × deprivation, equal population and density.
    return pl.DataFrame(
        {
            "place": [f"E0{i}" for i in range(9)],
            "population": [100_000] * 9,
            "density": [500.0] * 9,
            "rurality": [float(i % 3) for i in range(9)],
            "deprivation": [float(i // 3) for i in range(9)],
        }
    )


def test_peer_groups_exclude_the_place_itself_and_are_deterministic():
    places = _places()
    first = compute.peer_groups(places, k=4)
    again = compute.peer_groups(places.reverse(), k=4, block=2)
    assert first.sort("place", "rank").equals(again.sort("place", "rank"))
    assert first.filter(pl.col("place") == pl.col("peer")).height == 0
    assert first.group_by("place").len()["len"].unique().to_list() == [4]
    # The centre (E04) has four neighbours at distance 1; the corner E00 has E01 and E03 at
    # 1, then E04 at √2, then E02 and E06 at 2, of which the lower code wins the tie.
    centre = first.filter(pl.col("place") == "E04").sort("rank")["peer"].to_list()
    assert centre == ["E01", "E03", "E05", "E07"]
    corner = first.filter(pl.col("place") == "E00").sort("rank")["peer"].to_list()
    assert corner == ["E01", "E03", "E04", "E02"]


def test_peer_groups_use_only_the_stated_characteristics():
    places = _places().with_columns(pl.lit("ignored").alias("name"))
    assert [n for n, _ in compute.CHARACTERISTICS] == [
        "population",
        "density",
        "rurality",
        "deprivation",
    ]
    assert compute.peer_groups(places, k=2).height == 18
