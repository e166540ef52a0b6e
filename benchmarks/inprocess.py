"""The parts of the benchmark that run inside Django, against a bench database.

Run as ``python -m benchmarks.inprocess <command> [args…]`` with the bench environment (see
``benchmarks.run``); prints one JSON document on stdout, progress on stderr.

commands:
  discover          the pages to measure: the roof's and every room's ``bench.PAGES``
  queries PATH…     SQL queries per page (steady state: the second of two requests)
  rooms             rows from every room's ``bench.run(ctx)``
  volume            how many rows the bench database holds, per model
  touch             save one content object, as an editor would (page-cache invalidation)
"""

import importlib
import json
import logging
import os
import sys
from dataclasses import dataclass, field

import django


def log(message):
    print(f"  {message}", file=sys.stderr, flush=True)


@dataclass
class Context:
    """What a room's ``bench.run(ctx)`` receives."""

    database_url: str
    scale: str = "large"
    log: object = field(default=log)


def bench_modules():
    from django.apps import apps

    for app in apps.get_app_configs():
        if not app.name.startswith("institute."):
            continue
        try:
            yield app.label, importlib.import_module(f"{app.name}.bench")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app.name}.bench":
                raise


def discover():
    from .config import ROOF_PAGES, pages_from_env

    chosen = pages_from_env()
    if chosen is not None:
        return [{"label": label, "path": path, "source": "BENCH_PAGES"} for label, path in chosen]
    pages, seen = [], set()
    for label, path in ROOF_PAGES:
        pages.append({"label": label, "path": path, "source": "roof"})
        seen.add(path)
    for app_label, module in bench_modules():
        for label, path in getattr(module, "PAGES", []):
            if path not in seen:
                pages.append({"label": label, "path": path, "source": app_label})
                seen.add(path)
    return pages


def queries(paths):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    logging.disable(logging.WARNING)  # "Not Found" for pages a room has not built yet
    found = {}
    for path in paths:
        client.get(path)  # warm-up: per-process caches (site, content types) fill once
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        found[path] = {"status": response.status_code, "queries": len(captured.captured_queries)}
    return found


def rooms():
    ctx = Context(database_url=os.environ["DATABASE_URL"])
    rows = []
    for app_label, module in bench_modules():
        run = getattr(module, "run", None)
        if run is None:
            continue
        log(f"{app_label}: bench.run")
        for row in run(ctx):
            rows.append({"app": app_label, **row})
    return rows


def volume():
    from django.apps import apps

    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label.startswith(("wagtailcore.page", "taggit.", "wagtailimages.image")) or (
            model.__module__.startswith("institute.")
        ):
            counts[label] = model._default_manager.count()
    return counts


def touch():
    from institute.core.models import Topic

    topic = Topic.objects.order_by("pk").first()
    if topic is None:
        return {"touched": None}
    topic.save()
    return {"touched": f"core.topic:{topic.pk}"}


def main(argv):
    django.setup()
    command, args = argv[0], argv[1:]
    result = {
        "discover": lambda: discover(),
        "queries": lambda: queries(args),
        "rooms": lambda: rooms(),
        "volume": lambda: volume(),
        "touch": lambda: touch(),
    }[command]()
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
