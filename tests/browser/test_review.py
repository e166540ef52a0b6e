"""The year in review in a real browser: axe on the review page (live and frozen, with a
change since publication), its printable version and the index, at 320 and 1280 px."""

import pytest

from institute.review import services
from institute.review.tests.conftest import at, book, build_society, event
from tests.browser.fixtures import assert_accessible
from tests.factories.review import figure_block, review_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = [
    ("heading", "Events"),
    ("paragraph", "<p>We held webinars all year.</p>"),
    figure_block("events.webinar_delegates", "delegates attended our webinars"),
    ("figures", {"title": "Other stats", "figures": ["events.webinars", "academy.cohorts"]}),
    ("quote", {"quote": "A year of progress.", "attribution": "The President"}),
]


@pytest.fixture
def review(db):
    society = build_society()
    page = review_page(2023, body=BODY)
    return society, page


@pytest.mark.parametrize("width", [320, 1280])
def test_review_pages_are_accessible(live_server, browser_page, review, width):
    society, page = review
    browser_page.set_viewport_size({"width": width, "height": 900})
    for path in ("/review/", "/review/2023/", "/review/2023/print/"):
        browser_page.goto(live_server.url + path)
        assert_accessible(browser_page)
    services.review_freeze(page=page)
    book(
        event(society["calendar"], "webinar-late", at(2023, 12, 1), **society["webinar"]),
        society["people"][:2],
        came=2,
    )
    from django.core.cache import cache

    cache.clear()
    browser_page.goto(live_server.url + "/review/2023/")
    assert browser_page.get_by_text("Since publication: +2").count() == 2  # story and list
    assert_accessible(browser_page)
    browser_page.screenshot(path=f"var/review-{width}.png", full_page=True)
