"""Screenshots of the main pages at a phone and a laptop width, for design review.

``make screenshots`` (after ``make demo``) serves the site on a spare loopback port, signs in
as a demo coordinator for the member pages and writes ``var/screenshots/<name>-<width>.png``
(full pages). The folder is not committed; ``docs/content.md`` says how to use it.
"""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

WIDTHS = (390, 1280)
HEIGHTS = {320: 720, 390: 844, 1280: 900}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _pages():
    """(name, path, signed in) for each page type a member meets first."""
    from wagtail.models import Page

    from institute.benchmarking.models import Cycle, Module, SurveyLink

    pages = [("home", "/", False), ("search", "/search/?q=digital", False)]
    first_of = {}
    for page in Page.objects.live().filter(depth__gt=2).order_by("path").specific():
        first_of.setdefault(type(page).__name__, page.url)
    for name, model in [
        ("standard", "StandardPage"),
        ("news-index", "NewsIndexPage"),
        ("news", "NewsPage"),
        ("calendar", "CalendarPage"),
        ("calendar-item", "CalendarItemPage"),
        ("hub", "ResourceHubPage"),
        ("publication", "ResourcePage"),
        ("collection", "CollectionPage"),
        ("academy", "AcademyIndexPage"),
        ("programme", "ProgrammePage"),
        ("cohort", "CohortPage"),
    ]:
        if first_of.get(model):
            pages.append((name, first_of[model], False))
    pages += [("topics", reverse("core:topics"), False), ("login", reverse("account_login"), False)]
    # An end-users' survey: an organisation's own metrics are behind the sign-in page.
    link = (
        SurveyLink.objects.filter(participant__cycle__status="open")
        .exclude(module_version__module__level=Module.Level.ORGANISATION)
        .order_by("pk")
        .first()
    )
    if link:
        pages.append(("survey", link.get_absolute_url(), False))
    cycle = Cycle.objects.filter(results_computed_at__isnull=False).order_by("-year").first()
    if cycle:
        pages.append(("summary", f"/benchmarking/{cycle.year}/", False))
        report = f"/benchmarking/{cycle.year}/london-borough-of-hounslow/"
        pages.append(("report", report, True))
        pages.append(("report-pdf", report + "pdf/", True))
    pages += [("account", "/account/", True), ("styleguide", "/styleguide/", "staff")]
    return pages


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Command(BaseCommand):
    help = "Write PNG screenshots of the main pages at 390 and 1280 px into var/screenshots/."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(Path(settings.DATA_DIR) / "screenshots"))
        parser.add_argument("--width", type=int, action="append", help="default: 390 and 1280")
        parser.add_argument("--only", action="append", help="page names to take")
        parser.add_argument("--suffix", default="", help="added to each file name")
        parser.add_argument("--base-url", help="a server already running (default: start one)")

    def handle(self, *args, out, width, only, suffix, base_url, **options):
        from playwright.sync_api import sync_playwright

        from institute.people.demo import DEMO_PASSWORD, demo_email

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        server = None
        if base_url:
            base = base_url.rstrip("/")
        else:
            port = _free_port()
            base = f"http://127.0.0.1:{port}"
            server = subprocess.Popen(  # noqa: S603 — our own manage.py, loopback only
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/robots.txt", timeout=2)  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.3)
            pages = [p for p in _pages() if not only or p[0] in only]
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
                )
                for w in width or WIDTHS:
                    for name, path, signed_in in pages:
                        context = browser.new_context(
                            viewport={"width": w, "height": HEIGHTS.get(w, 900)},
                            locale="en-GB",
                        )
                        context.set_default_timeout(120_000)  # a busy machine is slow
                        page = context.new_page()
                        if signed_in:
                            # A coordinator for member pages, a content editor for staff's.
                            person = ("Mark", "Lumley") if signed_in is True else ("Emma", "Clarke")
                            email = demo_email(*person)
                            page.goto(base + reverse("account_login"))
                            page.get_by_label("E-mail").fill(email)
                            page.get_by_label("Password").fill(DEMO_PASSWORD)
                            page.get_by_role("button", name="Sign in").click()
                            page.wait_for_load_state()
                        page.goto(base + path)
                        # Full-page shots do not scroll, so lazy images would stay empty.
                        page.evaluate(
                            "document.querySelectorAll('img[loading=lazy]')"
                            ".forEach(img => { img.loading = 'eager'; })"
                        )
                        page.wait_for_load_state("networkidle")
                        target = out / f"{name}-{w}{suffix}.png"
                        page.screenshot(path=str(target), full_page=True)
                        self.stdout.write(str(target))
                        context.close()
                browser.close()
        finally:
            if server:
                server.terminate()
                server.wait(timeout=10)
