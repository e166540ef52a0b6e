"""Feeds and machine-read files answer the safe methods calendar apps, podcast apps, feed
readers and link checkers send: GET, HEAD (same headers, no body) and OPTIONS."""

import datetime

import pytest
from django.utils import timezone

from institute.core.demo import child_page
from institute.core.models import NewsIndexPage
from tests.factories import resources as resources
from tests.factories.events import add_item, ensure_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def feeds(home):
    calendar = ensure_calendar(home)
    item = add_item(
        calendar,
        title="Cyber webinar",
        start=timezone.now() + datetime.timedelta(days=3),
        end=timezone.now() + datetime.timedelta(days=3, hours=1),
        slug="cyber-webinar",
    )
    news = child_page(home, NewsIndexPage, "news", title="News", summary="Society news.")
    hub = resources.hub_page(home)
    series = resources.series(hub)
    return [
        calendar.url + "feed.ics",
        item.url + "calendar.ics",
        news.url + "feed/",
        hub.url + "feed/",
        hub.url + "briefing/feed/",
        series.url + "feed/",
        "/sitemap.xml",
        "/robots.txt",
    ]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # A cached GET would answer a later HEAD: ask each view itself.
    settings.PAGE_CACHE_SECONDS = 0


def test_every_feed_answers_head_with_the_headers_of_get_and_no_body(client, feeds):
    for url in feeds:
        head = client.head(url)
        get = client.get(url)
        assert (url, get.status_code, head.status_code) == (url, 200, 200)
        assert head["Content-Type"] == get["Content-Type"], url
        assert head.content == b"", url


def test_every_feed_answers_options_with_the_methods_it_allows(client, feeds):
    for url in feeds:
        response = client.options(url)
        assert (url, response.status_code) == (url, 200)
        assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
        assert response.content == b"", url


def test_every_feed_refuses_writes_with_the_methods_it_allows(client, feeds):
    for url in feeds:
        response = client.put(url)
        assert (url, response.status_code) == (url, 405)
        assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
