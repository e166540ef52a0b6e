"""Benchmark figures of the resource hub (see docs/resources.md).

* the hub's pages over HTTP: the listing, a filtered view, a search, a publication and the
  podcast feed (``PAGES``);
* search latency in-process over 20 representative queries, ranked by relevance, with facets
  counted — what one search request costs beyond the page chrome;
* bulk creation rate of resources (the strategy ``--scale large`` uses), rolled back.
"""

import statistics
import time

from django.db import transaction

PAGES = [
    ("Resource hub", "/resources/"),
    ("Resources: cyber briefings 2023", "/resources/briefing/?topic=cyber&year=2023"),
    ("Resources: search", "/resources/?q=cyber+resilience"),
    ("Resource: The Power of Digital", "/resources/the-power-of-digital/"),
    ("Podcast feed", "/resources/institute-says/feed/"),
]

QUERIES = [
    "cyber resilience",
    "artificial intelligence",
    "generative AI",
    "senior leaders",
    "power of digital",
    "APSE recommendations",
    "data silos",
    "connected places",
    "digital skills",
    "sustainability",
    "green IT",
    "recruitment retention",
    "electronic waste",
    "leadership turbulent times",
    "place-based leadership",
    "regeneration",
    "council",
    "network security",
    "workforce strategy",
    "benchmarking",
]
ROUNDS = 3


def run(ctx):
    from .models import ResourceHubPage, ResourcePage

    hub = ResourceHubPage.objects.first()
    if hub is None:
        ctx.log("resources: no resource hub in the bench database")
        return []
    volume = ResourcePage.objects.live().count()
    return [*_search_latency(ctx, hub, volume), *_bulk_rate(ctx, hub)]


def _search_latency(ctx, hub, volume):
    from .selectors import hub_results

    per_query = []
    for query in QUERIES:
        timings = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            results = hub_results(hub=hub, query=query, sort="relevance")
            list(results.page.object_list)
            timings.append((time.perf_counter() - started) * 1000)
        per_query.append(statistics.median(timings))
    ctx.log(f"resources: {len(QUERIES)} searches over {volume} resources")
    ordered = sorted(per_query)
    note = f"{len(QUERIES)} queries × median of {ROUNDS}, {volume} live resources, in-process"
    return [
        {
            "name": "Hub search p50",
            "value": round(statistics.median(ordered), 1),
            "unit": "ms",
            "target": "≤ 300 ms",
            "note": note,
        },
        {
            "name": "Hub search slowest query",
            "value": round(ordered[-1], 1),
            "unit": "ms",
            "target": "≤ 1000 ms",
            "note": f"slowest: “{QUERIES[per_query.index(ordered[-1])]}”",
        },
    ]


def _bulk_rate(ctx, hub):
    import datetime

    from .services import resources_bulk_create

    count = 500
    rows = [
        {
            "title": f"Bench resource {n}",
            "slug": f"bench-resource-{n}",
            "resource_type": "briefing",
            "summary": "Created by the benchmark and rolled back.",
            "published": datetime.date(2023, 1, 1),
            "body": [{"type": "text", "value": "<p>Bench.</p>", "id": str(n)}],
        }
        for n in range(count)
    ]
    started = time.perf_counter()
    with transaction.atomic():
        resources_bulk_create(hub=hub, rows=rows)
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    ctx.log(f"resources: bulk-created {count} resources in {elapsed:.2f}s (rolled back)")
    return [
        {
            "name": "Resource bulk creation",
            "value": round(count / elapsed),
            "unit": "pages/s",
            "target": "10,000 in < 2 min",
            "note": "page rows, tree paths, topics and search index; rolled back",
        }
    ]
