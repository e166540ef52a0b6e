"""The parts of the benchmark that run inside Django, against a bench database.

Run as ``python -m benchmarks.inprocess <command> [args…]`` with the bench environment (see
``benchmarks.run``); prints one JSON document on stdout, progress on stderr.

commands:
  discover          the pages to measure: the roof's and every room's ``bench.PAGES``
  queries JSON      SQL queries per page (steady state: the second of two requests); JSON is
                    the list ``discover`` printed (signed-in pages are counted signed in)
  session WHO       a session for the user ``APP:FUNCTION`` names, in the servers' session
                    store; prints the Cookie header that carries it
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


def page(label, path, source, who=None):
    """One page to measure; ``id`` tells apart the same path seen by different users."""
    return {
        "id": path if who is None else f"{path} [{who}]",
        "label": label,
        "path": path,
        "source": source,
        "who": who,
    }


def discover():
    from .config import ROOF_PAGES, pages_from_env

    chosen = pages_from_env()
    if chosen is not None:
        return [page(label, path, "BENCH_PAGES") for label, path in chosen]
    pages, seen = [], set()
    for label, path in ROOF_PAGES:
        pages.append(page(label, path, "roof"))
        seen.add(path)
    for app_label, module in bench_modules():
        for label, path, *who in getattr(module, "PAGES", []):
            found = page(label, path, app_label, f"{app_label}:{who[0]}" if who else None)
            if found["id"] not in seen:
                pages.append(found)
                seen.add(found["id"])
    return pages


def bench_user(who):
    """The user ``APP:FUNCTION`` names: ``institute.<app>.bench.<function>()``, or None."""
    app_label, _, name = who.partition(":")
    modules = dict(bench_modules())
    function = getattr(modules.get(app_label), name, None)
    if function is None:
        raise SystemExit(f"no bench user {who!r}: {app_label}/bench.py has no {name}()")
    return function()


def session(who):
    """A signed-in session for the bench user in the configured session store.

    The servers read the same store (the database, or Redis with ``REDIS_URL``) with the same
    secret key, so the cookie works for every worker and for any load generator.
    """
    from django.conf import settings
    from django.test import Client

    user = bench_user(who)
    if user is None:
        return {"cookie": None, "user": None}
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return {"cookie": f"{name}={client.cookies[name].value}", "user": user.email}


def queries(pages):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    logging.disable(logging.WARNING)  # "Not Found" for pages a room has not built yet
    found = {}
    for item in pages:
        client = Client(HTTP_HOST="localhost")
        if item.get("who"):
            user = bench_user(item["who"])
            if user is None:
                found[item["id"]] = {"status": None, "queries": None}
                continue
            client.force_login(user)
        client.get(item["path"])  # warm-up: per-process caches (site, content types) fill once
        with CaptureQueriesContext(connection) as captured:
            response = client.get(item["path"])
        found[item["id"]] = {
            "status": response.status_code,
            "queries": len(captured.captured_queries),
        }
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
        "queries": lambda: queries(json.loads(args[0])),
        "session": lambda: session(args[0]),
        "rooms": lambda: rooms(),
        "volume": lambda: volume(),
        "touch": lambda: touch(),
    }[command]()
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
