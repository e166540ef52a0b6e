"""Place insight in a real browser: axe on the index, a scorecard and a comparison at 320 and
1280 pixels wide; the table of places sorted and opened by keyboard alone."""

import pytest

from tests.browser.fixtures import assert_accessible
from tests.factories.insight import scored_society

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATHS = [
    "/insight/",
    "/insight/E06000001/",
    "/insight/compare/?p1=E06000001&p2=W06000015&p3=S12000036",
]


def _tab_to(page, css, limit=200):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(css) => document.activeElement.matches(css)", css):
            return
    raise AssertionError(f"Could not reach {css} with the Tab key")


@pytest.fixture
def society(home):
    return scored_society()


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", PATHS)
def test_pages_are_accessible(live_server, browser_page, society, path, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + path)
    assert page.get_by_text("synthetic", exact=False).first.is_visible()
    assert_accessible(page)
    # Nothing makes the page itself scroll sideways (wide tables scroll in their region).
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_table_sorts_and_opens_a_place_by_keyboard(live_server, browser_page, society):
    page = browser_page
    page.goto(live_server.url + "/insight/")
    _tab_to(page, "th a.insight-sort[href*='sort=name']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "sort=name" in page.url
    first = page.locator("#places-caption ~ tbody tr th").first.inner_text()
    assert first == "Cardiff"
    assert page.locator("th[aria-sort='ascending']").inner_text().startswith("Place")
    # Again: descending.
    _tab_to(page, "th a.insight-sort[href*='sort=name']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#places-caption ~ tbody tr th").first.inner_text() == "Stockton-on-Tees"
    # The table's region takes the focus (so it scrolls by keyboard), then a place opens.
    _tab_to(page, ".table-wrap[role='region']")
    _tab_to(page, "tbody a[href='/insight/E06000004/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Stockton-on-Tees: place insight scorecard"
    assert_accessible(page)
