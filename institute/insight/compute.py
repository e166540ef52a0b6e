"""The index's arithmetic, in Polars over all places at once (docs/insight.md, "Method").

No Django here: the functions take and return data frames, so the tests and the benchmark
call them directly.

* ``rescale``: each indicator 0–100 between its dystopia (0) and utopia (100); the bounds
  carry the direction of good (utopia below dystopia when lower is better); values beyond
  a bound are clipped to it.
* ``component``: the weighted sum of its rescaled indicators (the weights of a component add
  to 1; when a place lacks an indicator, the weights of those it has are scaled up to 1).
* ``dimension``: the mean of its components; the index: the mean of the dimensions.
* ``pca_weights``: within each component, the loadings of the first principal component of
  the indicators' correlation matrix, made positive and scaled to add to 1 (as the Social
  Progress Index does).
* ``peer_groups``: each place's ``k`` nearest places by Euclidean distance on the stated
  characteristics, standardised (population and density on a log scale first); ties go
  to the lower GSS code; the place itself is never its own peer.
* ``relative``: a score's typical value is the median of its peers' scores; more than
  ``band`` points above it is a strength, more than ``band`` below a weakness.
"""

import math

import polars as pl

# The characteristics a peer group is chosen by, and how each is transformed first.
CHARACTERISTICS = (
    ("population", "log"),
    ("density", "log"),
    ("rurality", "linear"),
    ("deprivation", "linear"),
)

# Frames:
#   values:     place (str), indicator (str), value (f64)
#   indicators: indicator, component, dimension (str), utopia, dystopia, weight (f64)
#   places:     place (str) and one column per characteristic
#   scores:     place, level, key (str), score (f64)


def rescale(values: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """Values with their 0–100 ``score`` (clipped), component, dimension and weight."""
    return values.join(indicators, on="indicator", how="inner").with_columns(
        ((pl.col("value") - pl.col("dystopia")) / (pl.col("utopia") - pl.col("dystopia")) * 100)
        .clip(0.0, 100.0)
        .alias("score")
    )


def scores(values: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """Every place's scores at every level, long: place, level, key, score."""
    rescaled = rescale(values.drop_nulls("value"), indicators)
    component = rescaled.group_by("place", "dimension", "component").agg(
        ((pl.col("score") * pl.col("weight")).sum() / pl.col("weight").sum()).alias("score")
    )
    dimension = component.group_by("place", "dimension").agg(pl.col("score").mean())
    overall = dimension.group_by("place").agg(pl.col("score").mean())
    return pl.concat(
        [
            rescaled.select(
                "place",
                pl.lit("indicator").alias("level"),
                pl.col("indicator").alias("key"),
                "score",
            ),
            component.select(
                "place",
                pl.lit("component").alias("level"),
                pl.col("component").alias("key"),
                "score",
            ),
            dimension.select(
                "place",
                pl.lit("dimension").alias("level"),
                pl.col("dimension").alias("key"),
                "score",
            ),
            overall.select(
                "place", pl.lit("index").alias("level"), pl.lit("index").alias("key"), "score"
            ),
        ]
    )


def pca_weights(values: pl.DataFrame, indicators: pl.DataFrame) -> dict[str, float]:
    """Weights by indicator from each component's first principal component.

    A component with one indicator, or without enough complete places to estimate the
    correlations (fewer than three), keeps equal weights.
    """
    rescaled = rescale(values.drop_nulls("value"), indicators)
    weights = {}
    for (component,), members in indicators.group_by("component", maintain_order=True):
        keys = sorted(members["indicator"].to_list())
        if len(keys) == 1:
            weights[keys[0]] = 1.0
            continue
        wide = (
            rescaled.filter(pl.col("component") == component)
            .pivot(on="indicator", index="place", values="score")
            .drop_nulls()
        )
        if wide.height < 3 or not set(keys) <= set(wide.columns):
            weights.update(dict.fromkeys(keys, 1 / len(keys)))
            continue
        matrix = _correlations(wide.select(keys))
        loadings = [abs(v) for v in _first_eigenvector(matrix)]
        total = sum(loadings) or 1.0
        weights.update({k: v / total for k, v in zip(keys, loadings, strict=True)})
    return weights


def _correlations(frame: pl.DataFrame) -> list[list[float]]:
    """The correlation matrix; a constant column correlates 0 with the others, 1 with itself."""
    names = frame.columns
    stds = frame.select(pl.all().std()).row(0)
    matrix = [[1.0 if i == j else 0.0 for j in range(len(names))] for i in range(len(names))]
    pairs = [(i, j) for i in range(len(names)) for j in range(i + 1, len(names))]
    if pairs:
        found = frame.select(
            [pl.corr(names[i], names[j]).alias(f"{i}:{j}") for i, j in pairs if stds[i] and stds[j]]
        )
        for column in found.columns:
            i, j = (int(p) for p in column.split(":"))
            value = found[column][0]
            matrix[i][j] = matrix[j][i] = 0.0 if value is None or math.isnan(value) else value
    return matrix


def _first_eigenvector(matrix: list[list[float]], rounds: int = 500) -> list[float]:
    """The eigenvector of the largest eigenvalue of a small symmetric matrix (power iteration
    from an all-ones start; positive-semidefinite, so it converges to the leading one)."""
    n = len(matrix)
    vector = [1.0 / math.sqrt(n)] * n
    for _ in range(rounds):
        product = [sum(matrix[i][j] * vector[j] for j in range(n)) for i in range(n)]
        norm = math.sqrt(sum(v * v for v in product)) or 1.0
        nxt = [v / norm for v in product]
        if max(abs(a - b) for a, b in zip(nxt, vector, strict=True)) < 1e-12:
            return nxt
        vector = nxt
    return vector


def standardised(places: pl.DataFrame) -> pl.DataFrame:
    """place and one standardised column per characteristic (mean 0, standard deviation 1)."""
    columns = []
    for name, scale in CHARACTERISTICS:
        value = pl.col(name).cast(pl.Float64)
        if scale == "log":
            value = value.clip(lower_bound=1e-9).log()
        columns.append(value.alias(name))
    frame = places.select("place", *columns)
    return frame.with_columns(
        [
            pl.when(pl.col(name).std() > 0)
            .then((pl.col(name) - pl.col(name).mean()) / pl.col(name).std())
            .otherwise(0.0)
            .alias(name)
            for name, _ in CHARACTERISTICS
        ]
    )


def peer_groups(places: pl.DataFrame, *, k: int, block: int = 400) -> pl.DataFrame:
    """place, peer, rank (1 = nearest): each place's k nearest others.

    Places are compared in blocks of ``block`` against all others (a cross join per block
    keeps memory bounded at 10,000 places); ties go to the lower code.
    """
    z = standardised(places)
    names = [name for name, _ in CHARACTERISTICS]
    others = z.rename({"place": "peer", **{n: f"{n}_peer" for n in names}})
    distance = sum((pl.col(n) - pl.col(f"{n}_peer")) ** 2 for n in names)
    parts = []
    for start in range(0, z.height, block):
        parts.append(
            z.slice(start, block)
            .join(others, how="cross")
            .filter(pl.col("place") != pl.col("peer"))
            .select("place", "peer", distance.alias("distance"))
            .sort("place", "distance", "peer")
            .group_by("place", maintain_order=True)
            .head(k)
            .with_columns(pl.int_range(1, pl.len() + 1).over("place").alias("rank"))
        )
    if not parts:
        return pl.DataFrame(
            schema={"place": pl.Utf8, "peer": pl.Utf8, "distance": pl.Float64, "rank": pl.Int64}
        )
    return pl.concat(parts).with_columns(pl.col("rank").cast(pl.Int64))


def relative(scores: pl.DataFrame, peers: pl.DataFrame, *, band: float) -> pl.DataFrame:
    """Scores with ``typical`` (median of the peers' scores), ``mark`` and the index's ``rank``."""
    typical = (
        peers.select("place", "peer")
        .join(
            scores.rename({"place": "peer", "score": "peer_score"}),
            on="peer",
            how="inner",
        )
        .group_by("place", "level", "key")
        .agg(pl.col("peer_score").median().alias("typical"))
    )
    joined = scores.join(typical, on=["place", "level", "key"], how="left")
    difference = pl.col("score") - pl.col("typical")
    return joined.with_columns(
        pl.when(difference > band)
        .then(pl.lit("strength"))
        .when(difference < -band)
        .then(pl.lit("weakness"))
        .otherwise(pl.lit(""))
        .alias("mark"),
        pl.when(pl.col("level") == "index")
        .then(
            pl.col("score").rank(method="min", descending=True).over(pl.col("level")).cast(pl.Int64)
        )
        .otherwise(None)
        .alias("rank"),
    )


def compute(
    values: pl.DataFrame,
    indicators: pl.DataFrame,
    places: pl.DataFrame,
    *,
    k: int,
    band: float,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(scores with typical, mark and rank; peer groups) for every place of one year."""
    found = scores(values, indicators)
    peers = peer_groups(places, k=k)
    return relative(found, peers, band=band), peers
