"""Browser test harness: Playwright driving the system Chromium, and an axe-core check.

Any test in the project can use the ``browser_page`` fixture (a fresh Playwright page in a
new context) together with pytest-django's ``live_server``, and ``assert_accessible(page)``
to fail on any WCAG 2.x A/AA violation axe-core finds.

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


def sign_in(page, live_server, email, password):
    """Sign in through the real login form."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
