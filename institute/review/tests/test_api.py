"""The year in review in the API: the published years and a year's figures, the same as the
review page shows them, frozen or live."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from institute.review import services
from tests.factories.review import figure_block, review_page

from .conftest import at, book, event

API = "/api/v1/review/"


@pytest.fixture
def page(small_society):
    return review_page(2023, body=[figure_block("events.webinar_delegates", "delegates")])


def _figures(client, year=2023):
    response = client.get(f"{API}{year}/")
    assert response.status_code == 200, response.content
    return {f["key"]: f for f in response.json()["figures"]}


def test_the_published_years_are_listed(client, page):
    review_page(2022, live=False)
    body = client.get(API).json()
    assert [r["year"] for r in body] == [2023]
    assert body[0]["url"].endswith("/review/2023/") and body[0]["frozen_at"] is None


def test_a_years_figures_are_the_review_pages(client, page):
    figures = _figures(client)
    assert Decimal(figures["events.webinar_delegates"]["value"]) == 5
    assert Decimal(figures["events.webinars"]["value"]) == 2
    assert Decimal(figures["events.webinars"]["previous"]) == 1
    assert figures["events.webinars"]["url"].endswith("/calendar/webinars/?when=past")
    assert figures["events.webinars"]["live"] is None
    shown = client.get("/review/2023/").context["figures"]
    assert list(figures) == list(shown)


def test_a_frozen_year_gives_its_snapshot_and_todays_value(client, page, small_society):
    services.review_freeze(page=page)
    book(
        event(small_society["calendar"], "webinar-z9", at(2023, 11, 2), **small_society["webinar"]),
        small_society["people"][:3],
        came=3,
    )
    cache.clear()
    response = client.get(f"{API}2023/")
    assert response.json()["frozen_at"] is not None
    delegates = {f["key"]: f for f in response.json()["figures"]}["events.webinar_delegates"]
    assert Decimal(delegates["value"]) == 5 and Decimal(delegates["live"]) == 8
    assert delegates["since_publication"] == "+3"


@pytest.mark.parametrize("year", ["2022", "1999", "0", "99999", "x", "2023%00"])
def test_a_year_not_published_is_a_problem(client, page, year):
    review_page(2022, live=False)
    response = client.get(f"{API}{year}/")
    assert response.status_code == 404  # unpublished, or not a year at all
    assert response["Content-Type"].startswith("application/problem+json")
