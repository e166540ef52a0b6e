"""Build the demo society from the seed year-in-review. Idempotent: run it as often as you like.

Each room contributes through a ``demo`` module with ``seed(*, scale, log)``; rooms run in
the order of ``INSTALLED_APPS`` so the roof (topics, organisations, people) comes first.
"""

import importlib
import time

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

SCALES = ("demo", "large")


class Command(BaseCommand):
    help = "Create (or top up) the demo society. Everything it makes is marked as demo data."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=SCALES, default="demo")
        parser.add_argument(
            "--only", action="append", default=[], help="App label(s) to seed (default: all)."
        )

    def handle(self, *args, scale, only, **options):
        started = time.monotonic()
        for app in apps.get_app_configs():
            if not app.name.startswith("institute.") or (only and app.label not in only):
                continue
            try:
                demo = importlib.import_module(f"{app.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app.name}.demo":
                    raise
                continue
            self.stdout.write(f"Seeding {app.verbose_name} ({scale})…")
            step = time.monotonic()
            with transaction.atomic():
                demo.seed(scale=scale, log=self._log)
            self.stdout.write(f"  done in {time.monotonic() - step:.1f}s")
        if not only or "core" in only:
            from institute.core.demo import links_to_pages

            links_to_pages(log=self._log)
        # Search index updates normally run as background tasks; build the index now so that
        # site search works straight after seeding, with or without a task worker.
        self.stdout.write("Building the search index…")
        call_command("update_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f}s.")
        )

    def _log(self, message):
        self.stdout.write(f"  {message}")
