"""The news Atom feed as feed readers keep it: an author, ids and links that do not move
with the request's host or the page's URL, and an ``updated`` that is not the fetch time."""

import time

import feedparser
import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def base_url(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.WAGTAILADMIN_BASE_URL = "https://institute.example"
    return settings.WAGTAILADMIN_BASE_URL


def _feed(client, url="/news/feed/", **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed, response.content.decode()


def test_feed_has_an_author(client, news_index, make_post):
    make_post(title="No byline")
    feed, body = _feed(client)
    # An entry with no author of its own takes the feed's (RFC 4287 4.2.1).
    assert feed.feed.author == "Institute"
    assert "<author><name>Institute</name></author>" in body


def test_entry_id_is_the_pages_uuid_and_survives_a_rename(client, news_index, make_post):
    post = make_post(title="First title")
    feed, _ = _feed(client)
    assert feed.entries[0].id == f"urn:uuid:{post.translation_key}"
    post.slug = "renamed"
    post.save()
    from django.core.cache import cache

    cache.clear()
    feed, _ = _feed(client)
    assert feed.entries[0].id == f"urn:uuid:{post.translation_key}"


def test_addresses_come_from_the_configured_site_not_the_host(
    client, base_url, news_index, make_post
):
    make_post(title="Story", slug="story")
    feed, body = _feed(client, HTTP_HOST="attacker.example")
    assert "attacker.example" not in body
    assert feed.entries[0].link == f"{base_url}/news/story/"
    assert feed.feed.link == f"{base_url}/news/"
    assert feed.feed.id == f"{base_url}/news/"


def test_entry_links_and_feed_id_are_pages_that_exist(client, news_index, make_post):
    make_post(title="Story")
    feed, _ = _feed(client)
    for address in (feed.entries[0].link, feed.feed.id):
        path = address.removeprefix("http://testserver")
        assert client.get(path).status_code == 200, address


def test_empty_feed_is_not_updated_by_being_fetched(client, news_index):
    first, _ = _feed(client)
    time.sleep(1.1)
    from django.core.cache import cache

    cache.clear()
    second, _ = _feed(client)
    assert first.entries == []
    assert first.feed.updated == second.feed.updated
