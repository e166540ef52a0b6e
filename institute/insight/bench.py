"""Benchmark figures of place insight (docs/insight.md, "Speed").

* Every place's scores for one year (the demo's 361 areas × 50 indicators), computed by
  ``compute.compute`` (rescaling, weights, means, peer groups, typical scores and marks),
  as a ratio to the same arithmetic written directly in Polars here (``reference``);
* the same for a synthetic 10,000-place society generated in memory;
* ``services.scores_compute`` end to end (reading the values, computing, writing every
  score), rolled back afterwards;
* the index, a scorecard and a comparison as ``PAGES`` against the baseline.
"""

import time

import polars as pl

PAGES = [
    ("Place insight index", "/insight/"),
    ("Place insight index, filtered and sorted", "/insight/?nation=Wales&sort=name"),
    ("Place insight scorecard", "/insight/E08000035/"),
    (
        "Place insight comparison (3 places)",
        "/insight/compare/?p1=E08000035&p2=E08000025&p3=W06000015",
    ),
]

YEAR = 2024
SYNTHETIC_PLACES = 10_000


def _best_of(fn, repeat=3):
    best, value = None, None
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, value


def reference(values, indicators, places, *, k, band):
    """The index's arithmetic written straight out in Polars (one expression chain each)."""
    s = values.join(indicators, on="indicator").with_columns(
        ((pl.col("value") - pl.col("dystopia")) / (pl.col("utopia") - pl.col("dystopia")) * 100)
        .clip(0, 100)
        .alias("s")
    )
    comp = s.group_by("place", "dimension", "component").agg(
        ((pl.col("s") * pl.col("weight")).sum() / pl.col("weight").sum()).alias("s")
    )
    dim = comp.group_by("place", "dimension").agg(pl.col("s").mean())
    idx = dim.group_by("place").agg(pl.col("s").mean())
    long = pl.concat(
        [
            s.select("place", pl.col("indicator").alias("key"), "s"),
            comp.select("place", pl.col("component").alias("key"), "s"),
            dim.select("place", pl.col("dimension").alias("key"), "s"),
            idx.select("place", pl.lit("index").alias("key"), "s"),
        ]
    )
    cols = ["population", "density", "rurality", "deprivation"]
    z = places.select(
        "place",
        *[
            (pl.col(c).log() if c in ("population", "density") else pl.col(c)).alias(c)
            for c in cols
        ],
    ).with_columns([((pl.col(c) - pl.col(c).mean()) / pl.col(c).std()).alias(c) for c in cols])
    other = z.rename({"place": "peer", **{c: f"_{c}" for c in cols}})
    peers = pl.concat(
        [
            z.slice(i, 1000)
            .join(other, how="cross")
            .filter(pl.col("place") != pl.col("peer"))
            .with_columns(sum((pl.col(c) - pl.col(f"_{c}")) ** 2 for c in cols).alias("d"))
            .sort("d", "peer")
            .group_by("place", maintain_order=True)
            .head(k)
            .select("place", "peer")
            for i in range(0, z.height, 1000)
        ]
    )
    typical = (
        peers.join(long.rename({"place": "peer", "s": "p"}), on="peer")
        .group_by("place", "key")
        .agg(pl.col("p").median().alias("typical"))
    )
    return long.join(typical, on=["place", "key"], how="left").with_columns(
        pl.when(pl.col("s") - pl.col("typical") > band)
        .then(pl.lit("strength"))
        .when(pl.col("s") - pl.col("typical") < -band)
        .then(pl.lit("weakness"))
        .otherwise(pl.lit(""))
        .alias("mark")
    )


def synthetic_society(indicators: pl.DataFrame, places: int):
    """Places with characteristics and a value for every indicator, generated in memory."""
    codes = pl.int_range(0, places, eager=True).alias("n")
    frame = pl.DataFrame(codes).with_columns(
        pl.format("X{}", pl.col("n").cast(pl.Utf8).str.zfill(8)).alias("place"),
        (20_000 + (pl.col("n").hash(1) % 1_000_000)).cast(pl.Float64).alias("population"),
        (10 + (pl.col("n").hash(2) % 5_000)).cast(pl.Float64).alias("density"),
        ((pl.col("n").hash(3) % 1000) / 10).cast(pl.Float64).alias("rurality"),
        ((pl.col("n").hash(4) % 1000) / 10).cast(pl.Float64).alias("deprivation"),
    )
    values = (
        frame.select("place", "n")
        .join(indicators.select("indicator", "utopia", "dystopia"), how="cross")
        .with_columns(
            (
                pl.col("dystopia")
                + (pl.col("utopia") - pl.col("dystopia"))
                * ((pl.struct("n", "indicator").hash(5) % 1100) / 1000 - 0.05)
            ).alias("value")
        )
        .select("place", "indicator", "value")
    )
    return values, frame.drop("n")


def _ratio_row(name, values, indicators, places, *, k, band):
    from .compute import compute

    ours, (found, _) = _best_of(lambda: compute(values, indicators, places, k=k, band=band))
    direct, expected = _best_of(lambda: reference(values, indicators, places, k=k, band=band))
    # The two must agree on every score and typical score before their times mean anything.
    check = found.join(
        expected.rename({"s": "s_ref", "typical": "t_ref", "mark": "m_ref"}),
        on=["place", "key"],
    )
    agree = (
        check.height == found.height
        and check.filter(
            ((pl.col("score") - pl.col("s_ref")).abs() > 1e-9)
            | ((pl.col("typical").fill_null(-1) - pl.col("t_ref").fill_null(-1)).abs() > 1e-9)
            | (pl.col("mark") != pl.col("m_ref"))
        ).is_empty()
    )
    return {
        "name": name,
        "value": round(ours / direct, 3),
        "unit": "ratio",
        "target": "≤ 1.5",
        "note": f"compute.compute {ours:.3f} s / direct Polars {direct:.3f} s, best of 3; "
        f"{places.height:,} places × {indicators.height} indicators; "
        f"results {'agree' if agree else 'DISAGREE'}",
    }


def run(ctx):
    from django.db import transaction

    from .models import FrameworkVersion
    from .services import indicators_frame, places_frame, scores_compute, values_frame

    version = FrameworkVersion.objects.filter(published=True).order_by("-number").first()
    if version is None or not version.runs.filter(year=YEAR).exists():
        ctx.log("insight: no published framework with scores in the bench database")
        return []
    indicators = indicators_frame(version=version)
    values, _ = values_frame(year=YEAR, keys=indicators["indicator"].to_list())
    places = places_frame()
    k, band = version.peer_count, version.band
    rows = []
    ctx.log(f"insight: scores of {places.height} places, ours against direct Polars")
    rows.append(
        _ratio_row(
            "insight: every place's scores, one year", values, indicators, places, k=k, band=band
        )
    )
    size = SYNTHETIC_PLACES if getattr(ctx, "scale", "large") == "large" else 1_000
    ctx.log(f"insight: a synthetic {size:,}-place society")
    big_values, big_places = synthetic_society(indicators, size)
    rows.append(
        _ratio_row(
            f"insight: {size:,} synthetic places",
            big_values,
            indicators,
            big_places,
            k=k,
            band=band,
        )
    )

    class Rollback(Exception):
        pass

    ctx.log("insight: scores_compute end to end (rolled back)")
    started = time.perf_counter()
    try:
        with transaction.atomic():
            run_ = scores_compute(version=version, year=YEAR)
            scores = run_.scores.count()
            raise Rollback
    except Rollback:
        pass
    elapsed = time.perf_counter() - started
    rows.append(
        {
            "name": "insight: scores_compute for one year (read, compute, write)",
            "value": round(elapsed, 3),
            "unit": "s",
            "target": "< 5 s",
            "note": f"{scores:,} scores written in one transaction, rolled back afterwards",
        }
    )
    return rows
