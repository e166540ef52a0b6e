"""Place insight in the API: the index's places and scores for a version and year (the index
page's run, in its order), and a place's scorecard as its page shows it. Everything is read
through the room's selectors and forms; nothing is recomputed here."""

from django.http import QueryDict
from ninja import Router, Schema
from ninja.params import Path

from institute.api.pagination import PAGE_DOC, PAGE_SIZE_DOC, PageInfo, page_of, paging
from institute.api.problems import Problem
from institute.api.registry import register

from . import selectors
from .forms import ListingForm, RunForm

public = Router()

CODE_PATTERN = r"^[A-Za-z]\d{8}$"


class RunOut(Schema):
    year: int
    version: int
    synthetic: bool


class PlaceScores(Schema):
    code: str
    name: str
    nation: str
    rank: int | None
    score: float | None
    typical: float | None
    mark: str
    dimensions: dict[str, float | None]


class ScoresList(Schema):
    meta: PageInfo
    run: RunOut | None
    results: list[PlaceScores]


class IndicatorOut(Schema):
    key: str
    name: str
    unit: str
    higher_is_better: bool
    value: float | None
    score: float | None
    typical: float | None
    mark: str
    rank: int | None


class Scored(Schema):
    """A dimension's or component's score, with its typical score among similar places."""

    key: str
    name: str
    score: float | None
    typical: float | None
    mark: str
    rank: int | None


class ComponentOut(Scored):
    indicators: list[IndicatorOut]


class DimensionOut(Scored):
    components: list[ComponentOut]


class IndexOut(Schema):
    score: float | None
    typical: float | None
    mark: str
    rank: int | None


class FrameworkOut(Schema):
    number: int
    title: str
    weighting: str
    peer_count: int
    band: float


class Scorecard(Schema):
    code: str
    name: str
    nation: str
    region: str
    run: RunOut
    framework: FrameworkOut
    index: IndexOut
    dimensions: list[DimensionOut]
    peers: list[str]


def _checked(form) -> dict:
    """The form's cleaned filters, or a problem (400) naming what is wrong."""
    if not form.is_valid():
        errors = [
            {"loc": ["query", name], "msg": str(e)}
            for name, errs in form.errors.items()
            for e in errs
        ]
        message = " ".join(f"{name}: {e}" for name, errs in form.errors.items() for e in errs)
        raise Problem(400, message, errors=errors)
    return form.cleaned_data


def _query(**params) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in params.items():
        if value not in (None, ""):
            query[name] = value
    return query


def _run(request, data):
    """The run the pages would show for this version and year: the selectors' choice. A
    version or year asked for and not visible is a 404, as on the pages."""
    version, year = data.get("version"), data.get("year")
    run = selectors.run_choose(user=request.user, version=version, year=year)
    if run is None and (version or year):
        raise Problem(404, "No such version or year of the index.")
    return run


def _run_out(run) -> dict:
    return {"year": run.year, "version": run.version.number, "synthetic": run.synthetic}


@public.get(
    "scores/",
    response=ScoresList,
    url_name="insight_scores",
    summary="Places and their scores",
    description="Every place's rank, index score, mark and dimension scores for a version and "
    "year (by default the newest year of the newest version), in the index page's order: rank, "
    "then name. A version or year that has no scores is a 404; before any scores exist, the "
    f"list is empty and `run` is null. page: {PAGE_DOC} page_size: {PAGE_SIZE_DOC}",
)
def insight_scores(
    request,
    year: str | None = None,
    version: str | None = None,
    nation: str | None = None,
    page: str | None = None,
    page_size: str | None = None,
):
    number, size = paging(page, page_size)
    form = ListingForm(
        _query(year=year, version=version, nation=nation), nations=selectors.nations()
    )
    data = _checked(form)
    run = _run(request, data)
    rows = selectors.index_rows(run=run) if run else []
    if data.get("nation"):
        rows = [r for r in rows if r["nation"] == data["nation"]]
    found, info = page_of(request, rows, number=number, size=size)
    return {
        "meta": info,
        "run": _run_out(run) if run else None,
        "results": [
            {
                "code": r["code"],
                "name": r["name"],
                "nation": r["nation"],
                "rank": r.get("rank"),
                "score": r.get("score"),
                "typical": r.get("typical"),
                "mark": r.get("mark") or "",
                "dimensions": r["dimensions"],
            }
            for r in found
        ],
    }


def _entry(entry) -> dict:
    return {
        "score": entry["score"],
        "typical": entry["typical"],
        "mark": entry["mark"] or "",
        "rank": entry["rank"],
    }


@public.get(
    "places/{code}/",
    response=Scorecard,
    url_name="insight_place",
    summary="A place's scorecard",
    description="A place's index, dimensions, components and indicators (raw value and score "
    "out of 100), each with the typical score of similar places and its mark, the codes of "
    "those places, and the framework version, for a version and year as on its scorecard page.",
)
def insight_place(
    request,
    code: str = Path(..., pattern=CODE_PATTERN),
    year: str | None = None,
    version: str | None = None,
):
    place = selectors.place_get(code=code)
    if place is None:
        raise Problem(404, "No place has this code.")
    data = _checked(RunForm(_query(year=year, version=version)))
    run = _run(request, data)
    if run is None:
        raise Problem(404, "There are no scores yet.")
    shape = selectors.structure(version=run.version)
    overall, dimensions = selectors.scorecard_rows(run=run, shape=shape, place=place)
    framework = run.version
    return {
        "code": place.gss_code,
        "name": place.name,
        "nation": place.nation,
        "region": place.region,
        "run": _run_out(run),
        "framework": {
            "number": framework.number,
            "title": framework.title,
            "weighting": framework.weighting,
            "peer_count": framework.peer_count,
            "band": framework.band,
        },
        "index": _entry(overall),
        "dimensions": [
            {
                "key": d["key"],
                "name": d["item"].name,
                **_entry(d),
                "components": [
                    {
                        "key": c["key"],
                        "name": c["item"].name,
                        **_entry(c),
                        "indicators": [
                            {
                                "key": i["key"],
                                "name": i["item"].name,
                                "unit": i["item"].unit,
                                "higher_is_better": i["item"].higher_is_better,
                                "value": i["value"],
                                **_entry(i),
                            }
                            for i in c["indicators"]
                        ],
                    }
                    for c in d["components"]
                ],
            }
            for d in dimensions
        ],
        "peers": [
            p.gss_code for p in selectors.places_named(codes=run.peers.get(place.gss_code, []))
        ],
    }


register("insight", public, tag="place insight")


def api_rules():
    """Authorisation rules of these endpoints (gathered by ``institute/api/access.py``)."""
    from institute.core.access import ANONYMOUS, Rule

    from .access import sample

    return {
        "api:insight_scores": Rule(ANONYMOUS, kwargs=lambda: (sample(), {})[1]),
        "api:insight_place": Rule(ANONYMOUS, kwargs=sample),
    }
