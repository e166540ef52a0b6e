"""Podcast series and episodes: pages, and an RSS feed podcast apps accept."""

import datetime
from email.utils import parsedate_to_datetime

import feedparser
import pytest

from institute.resources.demo import DEMO_AUDIO
from tests.factories import resources as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(hub):
    return f.series(hub, explicit=False, itunes_category="Government")


@pytest.fixture
def episodes(series):
    return [
        f.episode(
            series,
            title="Recruitment and retention",
            published=datetime.date(2023, 5, 3),
            audio=f.audio_document(f.DEMO_FILES[0]),
        ),
        f.episode(
            series,
            title="Electronic waste",
            published=datetime.date(2023, 10, 4),
            audio=f.audio_document(f.DEMO_FILES[1]),
        ),
    ]


@pytest.fixture
def feed(client, series, episodes):
    response = client.get(f"{series.url}feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return feedparser.parse(response.content), response.content.decode()


def test_podcast_feed_is_well_formed_rss_2(feed):
    parsed, _raw = feed
    assert not parsed.bozo
    assert parsed.version == "rss20"


def test_podcast_feed_declares_the_itunes_namespace(feed):
    parsed, _raw = feed
    assert parsed.namespaces["itunes"] == "http://www.itunes.com/dtds/podcast-1.0.dtd"


def test_podcast_channel_has_every_required_tag(feed, series):
    channel, raw = feed[0].feed, feed[1]
    assert channel.title == "Institute Says"
    assert channel.description == "Conversations with digital leaders."
    assert channel.language == "en-gb"
    assert channel.image.href.startswith("http://testserver/media/")
    # feedparser reads only "yes"/"true"/"clean"; Apple's current spelling is "true"/"false".
    assert "itunes_explicit" in channel
    assert "<itunes:explicit>false</itunes:explicit>" in raw
    # feedparser folds itunes:author and the owner's itunes:name into one field.
    assert "<itunes:author>The Institute</itunes:author>" in raw
    assert channel.publisher_detail == {
        "name": "Podcast team",
        "email": "podcast@demo.institute.example",
    }
    assert [t.term for t in channel.tags] == ["Government"]


def test_podcast_items_have_every_required_tag(feed, episodes):
    entries = {e.title: e for e in feed[0].entries}
    item = entries["Electronic waste"]
    enclosure = item.enclosures[0]
    assert enclosure.href == "http://testserver" + episodes[1].audio_url
    assert enclosure.length == str((DEMO_AUDIO / f.DEMO_FILES[1]).stat().st_size)
    assert enclosure.type == "audio/mpeg"
    assert item.itunes_duration == "00:00:10"
    assert item.guidislink is False
    assert item.id == f"urn:uuid:{episodes[1].translation_key}"


def test_podcast_item_dates_are_rfc_2822(feed):
    _parsed, raw = feed
    assert "<pubDate>Wed, 04 Oct 2023 09:00:00 +0100</pubDate>" in raw
    assert parsedate_to_datetime("Wed, 04 Oct 2023 09:00:00 +0100").year == 2023


def test_podcast_guid_is_stable_when_the_episode_is_renamed(client, series, episodes):
    before = feedparser.parse(client.get(f"{series.url}feed/").content)
    episodes[0].title, episodes[0].slug = "Recruitment, retention and more", "renamed"
    episodes[0].save()
    after = feedparser.parse(client.get(f"{series.url}feed/").content)
    assert sorted(e.id for e in before.entries) == sorted(e.id for e in after.entries)


def test_podcast_feed_lists_newest_episode_first(feed):
    assert [e.title for e in feed[0].entries] == ["Electronic waste", "Recruitment and retention"]


def test_series_page_advertises_its_feed(client, series, episodes):
    body = client.get(series.url).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Institute Says" '
        f'href="{series.url}feed/">' in body
    )
    assert "Subscribe (RSS)" in body


def test_episode_page_advertises_the_series_feed(client, series, episodes):
    body = client.get(episodes[0].url).content.decode()
    assert f'type="application/rss+xml" title="Institute Says" href="{series.url}feed/"' in body
    assert "Subscribe to Institute Says (RSS)" in body


def test_episode_page_shows_audio_and_transcript(client, episodes):
    body = client.get(episodes[0].url).content.decode()
    assert f'<audio controls preload="none" src="{episodes[0].audio_url}">' in body
    assert "Host: welcome." in body


def test_episode_is_listed_in_the_hub_as_a_podcast_episode(client, episodes):
    response = client.get("/resources/podcast-episode/")
    assert response.context["results"].total == 2


def test_episode_duration_is_hours_minutes_seconds(episodes):
    episodes[1].duration_seconds = 3725
    assert episodes[1].duration == "01:02:05"


@pytest.mark.parametrize("page_cache", [0, 300], ids=["uncached", "cached"])
def test_feeds_are_sent_in_one_piece(client, hub, series, episodes, settings, page_cache):
    """A response in many small pieces is sent as that many socket writes by the WSGI
    server (the podcast feed was in 165): feeds go out whole, fresh or from the cache."""
    settings.PAGE_CACHE_SECONDS = page_cache
    for url in (f"{series.url}feed/", "/resources/feed/"):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200
            assert len(list(response)) == 1, url
