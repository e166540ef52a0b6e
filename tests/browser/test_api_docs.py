"""The API's pages pass axe-core in Chromium with the production CSP: its docs page, and the
access-token section of the account page through making a token."""

import pytest

from tests.browser.fixtures import (
    assert_accessible,
    assert_no_browser_errors,
    sign_in_as,
    watch_console,
)
from tests.factories.people import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [320, 1280])
def test_api_docs_page_is_accessible(live_server, browser_page, home, width, tmp_path):
    watch_console(browser_page)
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(f"{live_server.url}/api/v1/docs/")
    assert browser_page.get_by_role("heading", name="API documentation").is_visible()
    assert browser_page.get_by_text("GET /api/v1/calendar/").first.is_visible()
    # No sideways scrolling at 320 px: wide tables scroll inside their own region.
    assert browser_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    browser_page.screenshot(path=f"var/api-docs-{width}.png", full_page=False)
    assert_accessible(browser_page)
    assert_no_browser_errors(browser_page)


def test_tokens_on_the_account_page_are_accessible(live_server, browser_page, home):
    user = make_user()
    sign_in_as(browser_page, live_server, user)
    browser_page.goto(f"{live_server.url}/account/")
    assert_accessible(browser_page)
    browser_page.get_by_role("link", name="Make a token").click()
    assert_accessible(browser_page)
    browser_page.get_by_label("What is it for?").fill("Dashboard")
    browser_page.get_by_label(
        "Read your bookings, applications, subscription and membership"
    ).check()
    browser_page.get_by_role("button", name="Make the token").click()
    assert browser_page.get_by_label("Dashboard").input_value().startswith("inst_")
    assert_accessible(browser_page)
    browser_page.goto(f"{live_server.url}/account/")
    assert browser_page.get_by_role("link", name="Revoke Dashboard").count() == 1
    assert_accessible(browser_page)
