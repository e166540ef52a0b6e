"""Episodes' audio: uploaded, measured from the file, served with byte ranges."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document

from institute.resources.demo import DEMO_AUDIO
from tests.factories import resources as f

pytestmark = pytest.mark.django_db

AUDIO = (DEMO_AUDIO / f.DEMO_FILES[0]).read_bytes()
SIZE = len(AUDIO)


@pytest.fixture
def episode(hub):
    return f.episode(f.series(hub), title="Recruitment", published=datetime.date(2023, 5, 3))


def _body(response):
    return b"".join(response.streaming_content)


def test_size_type_and_duration_are_measured_from_the_file_not_typed(hub):
    typed = f.episode(f.series(hub), audio_size=1, duration_seconds=9999, audio_type="audio/x-m4a")
    typed.refresh_from_db()
    assert (typed.audio_size, typed.duration_seconds, typed.audio_type) == (
        SIZE,
        8,
        "audio/mpeg",
    )


def test_choosing_another_file_measures_it_again(episode):
    episode.audio = f.audio_document(f.DEMO_FILES[1])
    episode.save()
    assert episode.audio_size == (DEMO_AUDIO / f.DEMO_FILES[1]).stat().st_size
    assert episode.duration_seconds == 10


def test_a_file_that_is_not_audio_is_refused_with_a_message(episode):
    episode.audio = Document.objects.create(
        title="Notes", file=ContentFile(b"Not audio at all. " * 100, name="notes.mp3")
    )
    with pytest.raises(ValidationError) as refused:
        episode.full_clean()
    assert "MP3 or M4A" in str(refused.value.message_dict["audio"])


def test_whole_file_is_served_with_its_type_and_length(client, episode):
    response = client.get(episode.audio_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Content-Length"] == str(SIZE)
    assert response["Accept-Ranges"] == "bytes"
    assert _body(response) == AUDIO


def test_a_range_is_served_as_partial_content(client, episode):
    response = client.get(episode.audio_url, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-99/{SIZE}"
    assert response["Content-Length"] == "100"
    assert _body(response) == AUDIO[:100]


def test_an_open_ended_range_runs_to_the_end(client, episode):
    response = client.get(episode.audio_url, HTTP_RANGE="bytes=1000-")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-{SIZE - 1}/{SIZE}"
    assert _body(response) == AUDIO[1000:]


def test_a_suffix_range_is_the_last_bytes(client, episode):
    response = client.get(episode.audio_url, HTTP_RANGE="bytes=-500")
    assert response.status_code == 206
    assert _body(response) == AUDIO[-500:]


def test_a_range_past_the_end_is_not_satisfiable(client, episode):
    response = client.get(episode.audio_url, HTTP_RANGE=f"bytes={SIZE}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"


def test_head_gives_the_headers_without_the_body(client, episode):
    whole = client.head(episode.audio_url)
    assert whole.status_code == 200
    assert whole["Content-Length"] == str(SIZE)
    assert _body(whole) == b""
    part = client.head(episode.audio_url, HTTP_RANGE="bytes=10-19")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 10-19/{SIZE}"


def test_a_range_for_another_version_gets_the_whole_file(client, episode):
    response = client.get(episode.audio_url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"old"')
    assert response.status_code == 200
    assert _body(response) == AUDIO
    same = client.get(episode.audio_url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=response["ETag"])
    assert same.status_code == 206


def test_audio_of_an_unpublished_episode_is_not_found(client, episode):
    url = episode.audio_url
    episode.unpublish()
    assert client.get(url).status_code == 404


def test_audio_of_an_episode_id_past_the_database_is_not_found(client, episode):
    url = reverse("resources:episode_audio", kwargs={"episode_id": 2**63, "filename": "a.mp3"})
    assert client.get(url).status_code == 404


def test_feed_enclosure_is_the_served_file(client, episode):
    import feedparser

    feed = feedparser.parse(client.get(episode.get_parent().url + "feed/").content)
    (enclosure,) = feed.entries[0].enclosures
    response = client.get(enclosure.href.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert enclosure.length == response["Content-Length"] == str(SIZE)
    assert enclosure.type == response["Content-Type"] == "audio/mpeg"


def test_episode_page_plays_the_file_under_the_content_security_policy(client, episode):
    response = client.get(episode.url)
    assert f'<audio controls preload="none" src="{episode.audio_url}">' in response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "media-src 'self'" in policy


def test_episode_json_ld_points_at_the_audio_on_the_configured_site(client, episode, settings):
    import json
    import re

    settings.ALLOWED_HOSTS = ["*"]
    settings.WAGTAILADMIN_BASE_URL = "https://institute.example"
    response = client.get(episode.url, HTTP_HOST="attacker.example")
    match = re.search(rb'<script type="application/ld\+json">(.*?)</script>', response.content)
    data = json.loads(match.group(1))
    assert data["url"] == f"https://institute.example{episode.url}"
    assert data["associatedMedia"]["contentUrl"] == f"https://institute.example{episode.audio_url}"
    assert data["associatedMedia"]["contentSize"] == str(SIZE)
    assert data["timeRequired"] == "PT8S"
