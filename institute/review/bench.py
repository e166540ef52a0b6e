"""The year in review's benchmark pages: the 2023 review (every room's figures, kept until
content changes or ``selectors.FIGURES_SECONDS`` pass) and its printable version.

``run(ctx)`` reports the time to compute every figure of 2023 afresh — what the first visit
after a content change, and a freeze, pay — and the queries it runs.
"""

import time

PAGES = [
    ("Year in review 2023", "/review/2023/"),
    ("Year in review 2023, printable", "/review/2023/print/"),
]


def run(ctx):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .selectors import figures_computed

    best = None
    for _ in range(3):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            found = figures_computed(year=2023, fresh=True)
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return [
        {
            "name": "year in review: computing every figure of 2023",
            "value": round(best, 3),
            "unit": "s",
            "target": "< 5 s",
            "note": f"figures_computed(fresh=True), best of 3; {len(found)} figures, "
            f"{len(queries)} queries",
        }
    ]
