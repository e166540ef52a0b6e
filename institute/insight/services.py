"""Writes of place insight: places, framework versions, weights, indicator values, scores."""

import csv
from pathlib import Path

import polars as pl
from django.db import transaction
from wagtail.search.backends import get_search_backend

from institute.core import cache

from . import compute, framework
from .models import (
    Component,
    Dimension,
    FrameworkVersion,
    Indicator,
    IndicatorValue,
    Place,
    PlaceOrganisation,
    Score,
    ScoreRun,
)

PLACES_FILE = Path(__file__).parent / "data" / "uk_local_authority_districts.csv"
BATCH = 2000


def places_load(*, path=PLACES_FILE, characteristics=None) -> tuple[int, int]:
    """Create or update places from the GSS file (code, name, nation, region, population,
    area); ``characteristics`` maps a code to its rurality and deprivation. Returns
    (created, updated)."""
    characteristics = characteristics or {}
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    existing = {p.gss_code: p for p in Place.objects.all()}
    new, changed = [], []
    for row in rows:
        code = row["gss_code"].strip()
        fields = {
            "name": row["name"].strip(),
            "nation": row["nation"].strip(),
            "region": row["region"].strip(),
            "population": int(row["population"]),
            "area_km2": float(row["area_km2"]),
            **characteristics.get(code, {}),
        }
        place = existing.get(code)
        if place is None:
            new.append(Place(gss_code=code, **fields))
        elif any(getattr(place, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(place, k, v)
            changed.append(place)
    with transaction.atomic():
        Place.objects.bulk_create(new, batch_size=BATCH)
        if changed:
            Place.objects.bulk_update(
                changed,
                ["name", "nation", "region", "population", "area_km2", "rurality", "deprivation"],
                batch_size=BATCH,
            )
        cache.invalidate()
    if new or changed:
        # Bulk writes send no signals: the site search is told here.
        get_search_backend().add_bulk(
            Place, list(Place.objects.filter(gss_code__in=[p.gss_code for p in new + changed]))
        )
    return len(new), len(changed)


def framework_create(
    *,
    number: int,
    title: str,
    definition=None,
    weighting: str = FrameworkVersion.Weighting.EQUAL,
    published: bool = False,
    data_year: int = framework.DATA_YEAR,
) -> FrameworkVersion:
    """A framework version with its dimensions, components and indicators (equal weights
    until ``framework_weights_compute`` is run for a PCA version)."""
    definition = definition or framework.DEFAULT
    with transaction.atomic():
        version = FrameworkVersion.objects.create(
            number=number, title=title, weighting=weighting, published=published
        )
        for d_order, (d_key, d_name, question, components) in enumerate(definition):
            dimension = Dimension.objects.create(
                version=version, key=d_key, name=d_name, question=question, order=d_order
            )
            for c_order, (c_key, c_name, topic_slug, indicators) in enumerate(components):
                component = Component.objects.create(
                    dimension=dimension,
                    key=c_key,
                    name=c_name,
                    order=c_order,
                    topic_slug=topic_slug,
                )
                Indicator.objects.bulk_create(
                    [
                        Indicator(
                            component=component,
                            key=key,
                            name=name,
                            unit=unit,
                            source=source,
                            higher_is_better=better,
                            utopia=utopia,
                            dystopia=dystopia,
                            year=data_year,
                            weight=1 / len(indicators),
                            order=i,
                        )
                        for i, (key, name, unit, source, better, utopia, dystopia) in enumerate(
                            indicators
                        )
                    ]
                )
    return version


def indicators_frame(*, version: FrameworkVersion) -> pl.DataFrame:
    rows = list(
        Indicator.objects.filter(component__dimension__version=version).values_list(
            "key", "component__key", "component__dimension__key", "utopia", "dystopia", "weight"
        )
    )
    return pl.DataFrame(
        rows,
        schema={
            "indicator": pl.Utf8,
            "component": pl.Utf8,
            "dimension": pl.Utf8,
            "utopia": pl.Float64,
            "dystopia": pl.Float64,
            "weight": pl.Float64,
        },
        orient="row",
    )


def values_frame(*, year: int, keys) -> tuple[pl.DataFrame, bool]:
    """(place code, indicator, value) of one year; and whether any value is synthetic."""
    rows = list(
        IndicatorValue.objects.filter(year=year, indicator_key__in=list(keys)).values_list(
            "place__gss_code", "indicator_key", "value", "synthetic"
        )
    )
    frame = pl.DataFrame(
        rows,
        schema={
            "place": pl.Utf8,
            "indicator": pl.Utf8,
            "value": pl.Float64,
            "synthetic": pl.Boolean,
        },
        orient="row",
    )
    return frame.drop("synthetic"), bool(frame["synthetic"].any()) if frame.height else False


def places_frame() -> pl.DataFrame:
    rows = list(
        Place.objects.values_list("gss_code", "population", "area_km2", "rurality", "deprivation")
    )
    frame = pl.DataFrame(
        rows,
        schema={
            "place": pl.Utf8,
            "population": pl.Float64,
            "area_km2": pl.Float64,
            "rurality": pl.Float64,
            "deprivation": pl.Float64,
        },
        orient="row",
    )
    return frame.with_columns(
        (pl.col("population") / pl.col("area_km2").clip(lower_bound=1e-6)).alias("density")
    )


def framework_weights_compute(*, version: FrameworkVersion, year: int) -> dict[str, float]:
    """Store the version's weights: equal within each component, or from the principal
    components of ``year``'s values (``pca_weights``). Returns them by indicator key."""
    indicators = indicators_frame(version=version)
    if version.weighting == FrameworkVersion.Weighting.PCA:
        values, _ = values_frame(year=year, keys=indicators["indicator"].to_list())
        weights = compute.pca_weights(values, indicators)
    else:
        sizes = indicators.group_by("component").len()
        weights = dict(
            indicators.join(sizes, on="component")
            .select("indicator", (1 / pl.col("len")).alias("w"))
            .iter_rows()
        )
    with transaction.atomic():
        rows = list(
            Indicator.objects.select_for_update().filter(component__dimension__version=version)
        )
        for row in rows:
            row.weight = weights.get(row.key, row.weight)
        Indicator.objects.bulk_update(rows, ["weight"])
    return weights


def scores_compute(*, version: FrameworkVersion, year: int) -> ScoreRun:
    """Compute every place's scores for ``year`` by ``version`` and keep them as its run.

    The run is replaced whole inside one transaction, the version's row locked so that two
    computations of it never interleave.
    """
    indicators = indicators_frame(version=version)
    values, synthetic = values_frame(year=year, keys=indicators["indicator"].to_list())
    places = places_frame()
    result, peers = compute.compute(
        values, indicators, places, k=version.peer_count, band=version.band
    )
    ids = dict(Place.objects.values_list("gss_code", "pk"))
    peer_map = {
        place: group.sort("rank")["peer"].to_list()
        for (place,), group in peers.group_by("place", maintain_order=True)
    }
    with transaction.atomic():
        FrameworkVersion.objects.select_for_update().get(pk=version.pk)
        run, _ = ScoreRun.objects.update_or_create(
            version=version,
            year=year,
            defaults={
                "places": result.filter(pl.col("level") == "index").height,
                "synthetic": synthetic,
                "peers": peer_map,
                "characteristics": [name for name, _ in compute.CHARACTERISTICS],
            },
        )
        Score.objects.filter(run=run).delete()
        Score.objects.bulk_create(
            (
                Score(
                    run=run,
                    place_id=ids[place],
                    level=level,
                    key=key,
                    score=score,
                    typical=typical,
                    mark=mark,
                    rank=rank,
                )
                for place, level, key, score, typical, mark, rank in result.select(
                    "place", "level", "key", "score", "typical", "mark", "rank"
                ).iter_rows()
            ),
            batch_size=BATCH,
        )
        cache.invalidate()
    return run


def place_organisation_link(*, organisation, place: Place) -> PlaceOrganisation:
    """Say which place a member organisation serves (once; a second call moves it)."""
    link, _ = PlaceOrganisation.objects.update_or_create(
        organisation=organisation, defaults={"place": place}
    )
    return link
