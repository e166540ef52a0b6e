"""The hub's Atom feeds as feed readers keep them: an author, one id per view whatever the
order of its parameters or the tracking ones added, addresses from the configured site."""

import datetime
import time

import feedparser
import pytest

from tests.factories import resources as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefings(hub):
    cyber = f.topic("cyber")
    day = datetime.date(2023, 6, 1)
    return [
        f.resource(
            hub, title="A", slug="a", resource_type="briefing", topics=[cyber], published=day
        )
    ]


def _feed(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed, response.content.decode()


def test_hub_feed_has_an_author(client, briefings):
    feed, _ = _feed(client, "/resources/feed/")
    assert feed.feed.author == "Institute"


def test_feed_id_ignores_parameter_order_and_tracking_parameters(client, briefings):
    plain, _ = _feed(client, "/resources/briefing/feed/?topic=cyber&year=2023")
    shuffled, _ = _feed(
        client, "/resources/briefing/feed/?utm_source=news&year=2023&fbclid=x&topic=cyber"
    )
    assert (
        plain.feed.id
        == shuffled.feed.id
        == "http://testserver/resources/briefing/?topic=cyber&year=2023"
    )
    assert plain.feed.link == shuffled.feed.link
    assert [e.id for e in plain.entries] == [e.id for e in shuffled.entries]


def test_hub_feed_addresses_come_from_the_configured_site(client, briefings, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.WAGTAILADMIN_BASE_URL = "https://institute.example"
    feed, body = _feed(client, "/resources/briefing/feed/", HTTP_HOST="attacker.example")
    assert "attacker.example" not in body
    assert feed.entries[0].link == "https://institute.example/resources/a/"
    assert feed.entries[0].id == f"urn:uuid:{briefings[0].translation_key}"


def test_hub_feed_id_and_links_are_pages_that_exist(client, briefings):
    feed, _ = _feed(client, "/resources/briefing/feed/?topic=cyber")
    for address in (feed.feed.id, feed.entries[0].link):
        assert client.get(address.removeprefix("http://testserver")).status_code == 200


def test_empty_hub_feed_is_not_updated_by_being_fetched(client, briefings):
    first, _ = _feed(client, "/resources/report/feed/")
    time.sleep(1.1)
    from django.core.cache import cache

    cache.clear()
    second, _ = _feed(client, "/resources/report/feed/")
    assert first.entries == []
    assert first.feed.updated == second.feed.updated
