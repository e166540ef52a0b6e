"""Browser test harness: Playwright driving the system Chromium, and an axe-core check.

Any test in the project can use the ``browser_page`` fixture (a fresh Playwright page in a
new context) together with pytest-django's ``live_server``, and ``assert_accessible(page)``
to fail on any WCAG 2.x A/AA violation axe-core finds.

``watch_console(page)`` (or the ``watched_page`` fixture) records the page's console errors,
uncaught exceptions and Content Security Policy violations (``securitypolicyviolation``
events) from then on, across navigations; ``csp_violations(page)`` and
``console_errors(page)`` read them and ``assert_no_browser_errors(page)`` fails on any.
``watched_page`` fails the test at teardown if anything was recorded.

Without Chromium at /usr/bin/chromium the browser tests skip with that reason — unless
``INSTITUTE_REQUIRE_BROWSER=1`` (set by CI), where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _missing_browser_reason():
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (Debian package 'chromium')"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make test installs it)"
    return None


@pytest.fixture(scope="session")
def _playwright_browser():
    reason = _missing_browser_reason()
    if reason:
        if os.environ.get("INSTITUTE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Browser tests are required here but {reason}.")
        pytest.skip(f"Browser test skipped: {reason}.")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (fixtures, assertions) are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_playwright_browser):
    context = _playwright_browser.new_context(locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


# Reports every CSP violation of every frame to the test, before any of the page's own
# scripts run (so a blocked inline script in the <head> is caught too).
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__instituteCspViolation && window.__instituteCspViolation({
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
    page: document.location.href,
  });
});
"""


class BrowserErrors:
    """What went wrong in a page's browser: console errors, exceptions, CSP violations."""

    def __init__(self):
        self.console = []
        self.csp = []

    def __bool__(self):
        return bool(self.console or self.csp)

    def describe(self):
        lines = [f"- console: {text}" for text in self.console]
        lines += [
            "- CSP {directive} blocked {blocked!r} on {page} ({source}:{line}) {sample}".format(
                **violation
            )
            for violation in self.csp
        ]
        return "\n".join(lines)


def watch_console(page):
    """Start recording the page's console errors and CSP violations; returns the record.

    Call it before the first ``goto``; calling it again on the same page returns the same
    record.
    """
    errors = getattr(page, "_institute_errors", None)
    if errors is not None:
        return errors
    errors = BrowserErrors()
    page._institute_errors = errors

    def on_console(message):
        if message.type == "error":
            location = message.location or {}
            errors.console.append(f"{message.text} ({location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.console.append(f"uncaught: {exc}"))
    page.expose_function("__instituteCspViolation", lambda violation: errors.csp.append(violation))
    page.add_init_script(_CSP_LISTENER)
    return errors


def csp_violations(page):
    """The CSP violations recorded on ``page`` since ``watch_console(page)``."""
    return watch_console(page).csp


def console_errors(page):
    """The console errors and uncaught exceptions recorded since ``watch_console(page)``."""
    return watch_console(page).console


def assert_no_browser_errors(page):
    errors = watch_console(page)
    if errors:
        raise AssertionError(f"The browser reported errors on {page.url}:\n{errors.describe()}")


@pytest.fixture
def watched_page(browser_page):
    """``browser_page`` with ``watch_console`` on; the test fails if any error was recorded."""
    watch_console(browser_page)
    yield browser_page
    assert_no_browser_errors(browser_page)


def axe_violations(page):
    """Run axe-core on the page and return its WCAG A/AA violations (a list of dicts)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return results.response["violations"]


def assert_accessible(page):
    violations = axe_violations(page)
    if violations:
        lines = [f"axe found {len(violations)} WCAG A/AA violation(s) on {page.url}:"]
        for violation in violations:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']} — {targets}"
            )
        raise AssertionError("\n".join(lines))


def sign_in_as(page, live_server, user):
    """Give the browser a signed-in session for ``user`` without the login form."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def sign_in(page, live_server, email, password):
    """Sign in through the real login form."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
