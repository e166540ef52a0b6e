"""The harness itself: a watched page reports CSP violations and console errors."""

import pytest

from tests.browser.fixtures import (
    assert_no_browser_errors,
    console_errors,
    csp_violations,
    watch_console,
)

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="en"><head><title>Harness</title>
<script>document.title = "inline ran";</script></head>
<body><p>Hello</p>%s</body></html>"""


def serve(page, body, csp="script-src 'self'"):
    """Answer every request to http://harness.test/ with ``body`` under ``csp``."""
    page.route(
        "http://harness.test/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": csp},
            body=body,
        ),
    )


def test_a_blocked_inline_script_is_a_recorded_csp_violation(browser_page):
    watch_console(browser_page)
    serve(browser_page, PAGE % "")
    browser_page.goto("http://harness.test/")
    browser_page.wait_for_function("document.readyState === 'complete'")
    assert browser_page.title() == "Harness"
    violations = csp_violations(browser_page)
    assert [v["directive"] for v in violations] == ["script-src-elem"]
    with pytest.raises(AssertionError, match="CSP script-src-elem blocked 'inline'"):
        assert_no_browser_errors(browser_page)


def test_a_page_without_violations_passes(browser_page):
    watch_console(browser_page)
    serve(browser_page, PAGE % "", csp="script-src 'self' 'unsafe-inline'")
    browser_page.goto("http://harness.test/")
    assert browser_page.title() == "inline ran"
    assert_no_browser_errors(browser_page)


def test_an_uncaught_exception_is_a_console_error(browser_page):
    watch_console(browser_page)
    serve(browser_page, PAGE % "<script>missing()</script>", csp="script-src 'unsafe-inline'")
    browser_page.goto("http://harness.test/")
    assert any("missing is not defined" in error for error in console_errors(browser_page))
