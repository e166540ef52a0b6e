"""Place insight's public pages: the index of places, a place's scorecard, a comparison,
and a CSV/XLSX download of every table (docs/insight.md)."""

import hashlib
import re

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

from institute.core.cache import remember
from institute.core.methods import safe_methods
from institute.core.querystrings import canonical_query

from . import charts, exports, selectors
from .compute import CHARACTERISTICS
from .forms import CompareForm, ListingForm, RunForm

CODE = re.compile(r"[A-Za-z][0-9]{8}")
LISTING_ORDER = ("version", "year", "nation", "q", "sort", "order")
SYNTHETIC_NOTE = "synthetic values: generated for demonstration, not measured"


def _crumbs(*pairs):
    return [{"title": "Place insight", "url": reverse("insight:index")}] + [
        {"title": t, "url": u} for t, u in pairs
    ]


def _valid(form) -> dict:
    form.is_valid()
    return getattr(form, "cleaned_data", {})


def _run(request, data):
    """The run asked for; 404 when a version or year was asked for and is not visible."""
    version, year = data.get("version"), data.get("year")
    run = selectors.run_choose(user=request.user, version=version, year=year)
    if run is None and (version or year):
        raise Http404("No such version or year of the index")
    return run


def _fmt(value):
    return "" if value is None else f"{value:.1f}"


def _mark(mark):
    return {"strength": "Strength", "weakness": "Weakness"}.get(mark, "")


# --- The index -----------------------------------------------------------------------------


def _listing(request):
    form = ListingForm(request.GET, nations=selectors.nations())
    data = _valid(form)
    run = _run(request, data)
    shape = selectors.structure(version=run.version) if run else None
    form = ListingForm(
        request.GET, nations=selectors.nations(), dimensions=shape.dimensions if shape else ()
    )
    data = _valid(form)
    rows = selectors.index_rows(run=run) if run else []
    total = len(rows)
    if data.get("nation"):
        rows = [r for r in rows if r["nation"] == data["nation"]]
    if data.get("q"):
        needle = data["q"].casefold().strip()
        rows = [r for r in rows if needle in r["name"].casefold() or needle == r["code"].casefold()]
    sort, order = data.get("sort") or "rank", data.get("order") or ""
    if sort == "name":
        rows.sort(key=lambda r: r["name"])
    elif sort == "rank" or sort == "score":
        rows.sort(key=lambda r: (r.get("rank") or 10**9, r["name"]))
        if sort == "score" and not order:
            order = "desc"
    else:
        rows.sort(key=lambda r: (-(r["dimensions"].get(sort) or -1), r["name"]))
    order = order or "asc"
    if order == "desc":
        rows.reverse()
    return form, data, run, shape, rows, total, sort, order


@require_GET
def index(request):
    form, data, run, shape, rows, total, sort, order = _listing(request)
    values = {**{k: data.get(k) for k in LISTING_ORDER}, "sort": sort, "order": order}
    defaults = {"sort": "rank", "order": "asc"}

    def heading(key, label):
        now = key == sort
        flip = "desc" if now and order == "asc" else "asc"
        query = canonical_query(
            {**values, "sort": key, "order": flip}, order=LISTING_ORDER, defaults=defaults
        )
        return {
            "label": label,
            "url": query or "?",
            "sort": ("ascending" if order == "asc" else "descending") if now else "",
        }

    headings = [heading("name", "Place"), heading("rank", "Rank"), heading("score", "Index")]
    if shape:
        headings += [heading(d.key, d.name) for d in shape.dimensions]
    query = canonical_query(values, order=LISTING_ORDER, defaults=defaults)
    ranked = sorted(rows, key=lambda r: (r.get("rank") or 10**9, r["name"]))
    chart_rows = ranked if len(ranked) <= 40 else ranked[:20] + ranked[-20:]
    synthetic = " (synthetic)" if run and run.synthetic else ""
    chart = charts.score_bars(
        f"Index of wellbeing by place, {run.year}{synthetic}" if run else "",
        [(r["name"], r.get("score"), "") for r in chart_rows],
        classes=True,
    )
    own = selectors.place_of_organisation(
        organisation_id=getattr(request.user, "organisation_id", None)
    )
    context = {
        "form": form,
        "run": run,
        "shape": shape,
        "rows": rows,
        "total": total,
        "chosen": sum(1 for k in ("q", "nation") if data.get(k)),
        "headings": headings,
        "query": query,
        "chart": chart,
        "chart_all": len(ranked) <= 40,
        "chart_head": ["Place", "Rank", "Index"],
        "chart_caption": f"Ranked places, {run.year}{synthetic}" if run else "",
        "chart_table": [[r["name"], r.get("rank") or "", _fmt(r.get("score"))] for r in chart_rows],
        "runs": selectors.run_choices(user=request.user),
        "own_place": own,
        "characteristics": [name for name, _ in CHARACTERISTICS],
        "meta_title": "Place insight: a wellbeing index of the UK's local authority areas",
        "meta_description": "How the UK's local authority areas score on basic human needs, "
        "the foundations of wellbeing and opportunity, against places like them.",
        "breadcrumbs": _crumbs(),
        "canonical_url": request.build_absolute_uri(reverse("insight:index") + query),
    }
    # The table of every place is the page's cost (hundreds of rows) and the same for every
    # visitor: kept until content changes (an import or a recomputation retires it).
    pinned = bool(form.data.get("version") or form.data.get("year"))  # links carry the run
    digest = hashlib.sha256(query.encode()).hexdigest()[:24]
    table_key = f"insight:places-table:{run.pk if run else 0}:{pinned}:{digest}"
    context["places_table"] = remember(
        table_key,
        lambda: render_to_string("insight/includes/places_table.html", context),
    )
    return render(request, "insight/index.html", context)


@safe_methods
def index_export(request, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    _, _, run, shape, rows, _, _, _ = _listing(request)
    if run is None:
        raise Http404
    head = ["gss_code", "place", "nation", "year", "framework_version", "rank", "index"]
    head += [d.key for d in shape.dimensions] + ["typical_index_among_peers", "mark", "synthetic"]
    table = [
        [
            r["code"],
            r["name"],
            r["nation"],
            run.year,
            run.version.number,
            r.get("rank"),
            exports.rounded(r.get("score")),
        ]
        + [exports.rounded(r["dimensions"].get(d.key)) for d in shape.dimensions]
        + [exports.rounded(r.get("typical")), r.get("mark") or "", "yes" if run.synthetic else "no"]
        for r in rows
    ]
    return exports.download(head, table, name=f"place-insight-{run.year}", fmt=fmt)


# --- A place's scorecard -------------------------------------------------------------------


def _place(code):
    if not CODE.fullmatch(code):
        raise Http404
    place = selectors.place_get(code=code)
    if place is None:
        raise Http404
    return place


@require_GET
def scorecard(request, code):
    place = _place(code)
    data = _valid(RunForm(request.GET))
    run = _run(request, data)
    if run is None:
        raise Http404("No scores yet")
    shape = selectors.structure(version=run.version)
    overall, dimensions = selectors.scorecard_rows(run=run, shape=shape, place=place)
    peers = selectors.places_named(codes=run.peers.get(place.gss_code, []))
    trend = selectors.trend_of(place=place, version=run.version)
    synthetic = " (synthetic)" if run.synthetic else ""
    series = {"Index": trend.get(("index", "index"), {})}
    series |= {d.name: trend.get(("dimension", d.key), {}) for d in shape.dimensions}
    years = sorted({y for points in series.values() for y in points})
    bars = []
    for d in dimensions:
        for c in d["components"]:
            bars.append((f"{c['item'].name}", c["score"], "own"))
            bars.append(("typical of peers", c["typical"], "peer"))
    topics = _topics(shape)
    for d in dimensions:
        for c in d["components"]:
            c["topic"] = topics.get(c["item"].topic_slug)
    query = canonical_query(
        {"version": data.get("version"), "year": data.get("year")}, order=("version", "year")
    )
    context = {
        "place": place,
        "run": run,
        "overall": overall,
        "dimensions": dimensions,
        "peers": peers,
        "years": years,
        "trend_rows": [
            [name] + [_fmt(points.get(y)) for y in years] for name, points in series.items()
        ],
        "trend_chart": charts.trend_lines(f"{place.name}: scores by year{synthetic}", series),
        "component_chart": charts.score_bars(
            f"{place.name}: components against the typical score of similar places{synthetic}",
            bars,
        ),
        "component_table": [
            [c["item"].name, _fmt(c["score"]), _fmt(c["typical"]), _mark(c["mark"])]
            for d in dimensions
            for c in d["components"]
        ],
        "trend_head": ["Score"] + [str(y) for y in years],
        "component_head": ["Component", "Score", "Typical", "Against similar places"],
        "strengths": [c for d in dimensions for c in d["components"] if c["mark"] == "strength"],
        "weaknesses": [c for d in dimensions for c in d["components"] if c["mark"] == "weakness"],
        "query": query,
        "runs": selectors.run_choices(user=request.user),
        "meta_title": f"{place.name}: place insight scorecard",
        "meta_description": f"How {place.name} scores on the wellbeing index against places "
        "like it.",
        "breadcrumbs": _crumbs((place.name, request.path)),
    }
    return render(request, "insight/scorecard.html", context)


def _topics(shape) -> dict:
    from institute.core.models import Topic

    slugs = {c.topic_slug for c in shape.components if c.topic_slug}
    return {t.slug: t for t in Topic.objects.filter(slug__in=slugs)} if slugs else {}


@safe_methods
def scorecard_export(request, code, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    place = _place(code)
    run = _run(request, _valid(RunForm(request.GET)))
    if run is None:
        raise Http404
    shape = selectors.structure(version=run.version)
    overall, dimensions = selectors.scorecard_rows(run=run, shape=shape, place=place)
    head = [
        "gss_code",
        "place",
        "year",
        "framework_version",
        "level",
        "key",
        "name",
        "value",
        "unit",
        "score",
        "typical_among_peers",
        "mark",
        "synthetic",
    ]
    synthetic = "yes" if run.synthetic else "no"

    def line(entry, name, value=None, unit=""):
        return [
            place.gss_code,
            place.name,
            run.year,
            run.version.number,
            entry["level"],
            entry["key"],
            name,
            value,
            unit,
            exports.rounded(entry["score"]),
            exports.rounded(entry["typical"]),
            entry["mark"],
            synthetic,
        ]

    table = [line(overall, "Index")]
    for d in dimensions:
        table.append(line(d, d["item"].name))
        for c in d["components"]:
            table.append(line(c, c["item"].name))
            for i in c["indicators"]:
                table.append(line(i, i["item"].name, i["value"], i["item"].unit))
    return exports.download(head, table, name=f"place-insight-{place.gss_code}-{run.year}", fmt=fmt)


# --- Comparison ----------------------------------------------------------------------------


def _comparison(request):
    form = CompareForm(
        request.GET if any(f"p{i}" in request.GET for i in range(1, 6)) else None,
        places=selectors.place_choices(),
    )
    data = _valid(form) if form.is_bound else {}
    run = _run(request, {"version": data.get("version"), "year": data.get("year")})
    codes = data.get("codes", []) if form.is_bound and not form.errors else []
    places = selectors.places_named(codes=codes)
    if run is None or len(places) < 2:
        return form, run, None, places, []
    shape = selectors.structure(version=run.version)
    scores = selectors.scores_of(run=run, places=places)
    lines = [("index", "index", "Index", 0)]
    for d in shape.dimensions:
        lines.append(("dimension", d.key, d.name, 1))
        lines += [("component", c.key, c.name, 2) for c in d.children]
    rows = [
        {
            "name": name,
            "depth": depth,
            "level": level,
            "cells": [scores.get((p.pk, level, key), (None, None, "", None)) for p in places],
        }
        for level, key, name, depth in lines
    ]
    return form, run, shape, places, rows


@require_GET
def compare(request):
    form, run, shape, places, rows = _comparison(request)
    synthetic = " (synthetic)" if run and run.synthetic else ""
    chart = None
    if rows:
        chart = charts.score_bars(
            f"Index and dimensions of the places compared{synthetic}",
            [
                (f"{p.name}: {row['name']}", cell[0], "own" if row["level"] == "index" else "")
                for row in rows
                if row["depth"] < 2
                for p, cell in zip(places, row["cells"], strict=True)
            ],
        )
    context = {
        "form": form,
        "run": run,
        "places": places,
        "rows": rows,
        "chart": chart,
        "chart_table": [
            [row["name"]] + [_fmt(cell[0]) for cell in row["cells"]]
            for row in rows
            if row["depth"] < 2
        ],
        "chart_head": ["Score"] + [p.name for p in places],
        "query": "&".join(f"p{i}={p.gss_code}" for i, p in enumerate(places, 1))
        + (f"&version={run.version.number}&year={run.year}" if run else ""),
        "errors": [
            {"href": "#id_p1", "label": "Places", "message": message}
            for message in (form.non_field_errors() if form.is_bound else [])
        ],
        "meta_title": "Compare places: place insight",
        "meta_description": "Two to five places side by side on the wellbeing index.",
        "breadcrumbs": _crumbs(("Compare places", request.path)),
    }
    template = "insight/includes/compare_body.html"
    if rows:
        # A valid comparison is the same for everyone who may see its run: its five selects
        # of every place and its tables are kept until content changes (an import or a
        # recomputation retires them), as the index keeps its table.
        # Keyed by what the form shows (each select's value, the pinned run) and the run.
        shown = [(name, request.GET.get(name, "")) for name in sorted(form.fields)]
        digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:24]
        context["body"] = remember(
            f"insight:compare:{run.pk}:{digest}", lambda: render_to_string(template, context)
        )
    else:
        context["body"] = render_to_string(template, context, request=request)
    return render(request, "insight/compare.html", context)


@safe_methods
def compare_export(request, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    _, run, _, places, rows = _comparison(request)
    if not rows:
        raise Http404
    head = ["level", "name"] + [f"{p.name} ({p.gss_code})" for p in places]
    head += ["year", "framework_version", "synthetic"]
    table = [
        [row["level"], row["name"]]
        + [exports.rounded(cell[0]) for cell in row["cells"]]
        + [run.year, run.version.number, "yes" if run.synthetic else "no"]
        for row in rows
    ]
    return exports.download(head, table, name=f"place-insight-comparison-{run.year}", fmt=fmt)
