"""The API's benchmark figures (see docs/api.md).

* its list endpoints over HTTP against the baseline, like the pages (``PAGES``): the calendar
  (plain, filtered, searched), the resource hub (plain, filtered, searched), topics,
  programmes, the benchmarking summaries, place insight's scores and the partners;
* queries per request at page sizes 10 and 100 for each list endpoint, in-process: the two
  must be equal (``run``).
"""

LISTS = [
    ("API: calendar", "/api/v1/calendar/"),
    ("API: calendar, training in London", "/api/v1/calendar/?kind=training&region=london"),
    ("API: calendar, search", "/api/v1/calendar/?q=cyber"),
    ("API: resources", "/api/v1/resources/"),
    (
        "API: resources, cyber briefings 2023",
        "/api/v1/resources/?type=briefing&topic=cyber&year=2023",
    ),
    ("API: resources, search", "/api/v1/resources/?q=cyber+resilience"),
    ("API: topics", "/api/v1/topics/"),
    ("API: academy programmes", "/api/v1/academy/programmes/"),
    ("API: benchmarking summaries", "/api/v1/benchmarking/summaries/"),
    ("API: place insight scores", "/api/v1/insight/scores/"),
    ("API: partners", "/api/v1/partners/"),
]
PAGES = LISTS


def run(ctx):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(REMOTE_ADDR="127.0.0.2")
    rows = []
    for label, path in LISTS:
        counts = {}
        for size in (10, 100):
            url = f"{path}{'&' if '?' in path else '?'}page_size={size}"
            client.get(url)  # warm what is kept until content changes
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            counts[size] = len(queries) if response.status_code == 200 else None
        ok = counts[10] is not None and counts[10] == counts[100]
        rows.append(
            {
                "name": f"{label}: queries at page size 10 / 100",
                "value": f"{counts[10]}/{counts[100]}",
                "unit": "queries",
                "target": "equal",
                "note": "ok" if ok else "grows with the page size (or failed)",
            }
        )
    return rows
