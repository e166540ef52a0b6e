"""Reads of place insight: which version and year a visitor sees, the tables and scorecards.

Each reader runs a fixed number of queries, however many places there are.
"""

from dataclasses import dataclass, field

from institute.core.selectors import Item
from institute.people.selectors import is_staff_member

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


def versions_visible(*, user):
    """Published versions for everyone; unpublished ones too for staff."""
    versions = FrameworkVersion.objects.all()
    if not is_staff_member(user=user):
        versions = versions.filter(published=True)
    return versions


def run_choose(*, user, version: int | None = None, year: int | None = None) -> ScoreRun | None:
    """The run a visitor asked for, or the newest year of the newest visible version with
    scores; None when there is none (or the version asked for is not visible)."""
    runs = ScoreRun.objects.select_related("version").filter(
        version__in=versions_visible(user=user)
    )
    if version is not None:
        runs = runs.filter(version__number=version)
    if year is not None:
        runs = runs.filter(year=year)
    return runs.order_by("-version__published", "-version__number", "-year").first()


def run_choices(*, user) -> list[ScoreRun]:
    return list(
        ScoreRun.objects.select_related("version")
        .filter(version__in=versions_visible(user=user))
        .order_by("-version__number", "-year")
    )


@dataclass
class Structure:
    dimensions: list
    components: list
    indicators: list
    by_key: dict = field(default_factory=dict)


def structure(*, version: FrameworkVersion) -> Structure:
    """The version's dimensions, components and indicators in order (three queries)."""
    dimensions = list(Dimension.objects.filter(version=version))
    components = list(
        Component.objects.filter(dimension__version=version).select_related("dimension")
    )
    indicators = list(
        Indicator.objects.filter(component__dimension__version=version).select_related("component")
    )
    by_key = {("dimension", d.key): d for d in dimensions}
    by_key |= {("component", c.key): c for c in components}
    by_key |= {("indicator", i.key): i for i in indicators}
    for d in dimensions:
        d.children = [c for c in components if c.dimension_id == d.pk]
    for c in components:
        c.children = [i for i in indicators if i.component_id == c.pk]
    return Structure(dimensions, components, indicators, by_key)


def index_rows(*, run: ScoreRun) -> list[dict]:
    """One row per place: code, name, nation, index score, rank, typical, mark and the
    dimensions' scores by key (one query)."""
    rows = {}
    for code, name, nation, level, key, score, typical, mark, rank in (
        Score.objects.filter(run=run, level__in=("index", "dimension"))
        .order_by()
        .values_list(
            "place__gss_code",
            "place__name",
            "place__nation",
            "level",
            "key",
            "score",
            "typical",
            "mark",
            "rank",
        )
    ):
        row = rows.setdefault(
            code, {"code": code, "name": name, "nation": nation, "dimensions": {}}
        )
        if level == "index":
            row.update(score=score, typical=typical, mark=mark, rank=rank)
        else:
            row["dimensions"][key] = score
    return sorted(rows.values(), key=lambda r: (r.get("rank") or 10**9, r["name"]))


def nations() -> list[str]:
    return list(Place.objects.order_by("nation").values_list("nation", flat=True).distinct())


def place_get(*, code: str) -> Place | None:
    return Place.objects.filter(gss_code=code.upper()).first()


def place_of_organisation(*, organisation_id) -> Place | None:
    if not organisation_id:
        return None
    link = PlaceOrganisation.objects.select_related("place").filter(organisation_id=organisation_id)
    return link[0].place if link else None


def scores_of(*, run: ScoreRun, places: list[Place]) -> dict:
    """{(place id, level, key): (score, typical, mark, rank)} for these places (one query)."""
    return {
        (p, level, key): (score, typical, mark, rank)
        for p, level, key, score, typical, mark, rank in Score.objects.filter(
            run=run, place__in=places
        ).values_list("place_id", "level", "key", "score", "typical", "mark", "rank")
    }


def values_of(*, place: Place, year: int) -> dict:
    """{indicator key: (value, synthetic)} of a place in a year (one query)."""
    return {
        key: (value, synthetic)
        for key, value, synthetic in IndicatorValue.objects.filter(
            place=place, year=year
        ).values_list("indicator_key", "value", "synthetic")
    }


def trend_of(*, place: Place, version: FrameworkVersion) -> dict:
    """{(level, key): {year: score}} over the version's runs, index to components."""
    trend = {}
    for year, level, key, score in Score.objects.filter(
        run__version=version, place=place, level__in=("index", "dimension", "component")
    ).values_list("run__year", "level", "key", "score"):
        if score is not None:
            trend.setdefault((level, key), {})[year] = score
    return trend


def scorecard_rows(*, run: ScoreRun, shape: Structure, place: Place) -> tuple[dict, list]:
    """A place's scorecard: the index row and its dimensions, each with its components and
    their indicators (score, typical, mark, rank; an indicator's raw value too), in the
    framework's order (two queries)."""
    scores = scores_of(run=run, places=[place])
    values = values_of(place=place, year=run.year)

    def row(level, key, item=None):
        score, typical, mark, rank = scores.get((place.pk, level, key), (None, None, "", None))
        return {
            "level": level,
            "key": key,
            "item": item,
            "score": score,
            "typical": typical,
            "mark": mark,
            "rank": rank,
        }

    overall = row("index", "index")
    dimensions = []
    for d in shape.dimensions:
        entry = row("dimension", d.key, d)
        entry["components"] = []
        for c in d.children:
            comp = row("component", c.key, c)
            comp["indicators"] = []
            for i in c.children:
                ind = row("indicator", i.key, i)
                ind["value"] = values.get(i.key, (None, False))[0]
                comp["indicators"].append(ind)
            entry["components"].append(comp)
        dimensions.append(entry)
    return overall, dimensions


def places_named(*, codes: list[str]) -> list[Place]:
    found = {p.gss_code: p for p in Place.objects.filter(gss_code__in=codes)}
    return [found[c] for c in codes if c in found]


def place_choices() -> list[tuple[str, str]]:
    return list(Place.objects.order_by("name").values_list("gss_code", "name"))


def weakest_places_for_topic(*, topic, limit: int) -> list[Item]:
    """The places where components on this topic score lowest, in the newest published run."""
    run = (
        ScoreRun.objects.select_related("version")
        .filter(version__published=True)
        .order_by("-version__number", "-year")
        .first()
    )
    if run is None:
        return []
    components = dict(
        Component.objects.filter(dimension__version=run.version, topic_slug=topic.slug).values_list(
            "key", "name"
        )
    )
    if not components:
        return []
    rows = (
        Score.objects.filter(run=run, level="component", key__in=list(components))
        .exclude(score=None)
        .order_by("score", "place__name")
        .values_list("place__gss_code", "place__name", "key", "score")[:limit]
    )
    note = " (synthetic values)" if run.synthetic else ""
    return [
        Item(
            title=f"{name}: {components[key].lower()}",
            url=f"/insight/{code}/",
            summary=f"Scores {score:.1f} of 100 on {components[key].lower()} in {run.year}"
            f"{note}, among the lowest of the UK's local authority areas.",
            meta="Place insight",
        )
        for code, name, key, score in rows
    ]
