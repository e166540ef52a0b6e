"""Demo content and the bulk creation used for benchmark volumes."""

import pytest
from django.db import connection
from wagtail.models import Page

from institute.core import demo as core_demo

from .. import demo
from ..models import CollectionPage, PodcastEpisodePage, ResourcePage

pytestmark = pytest.mark.django_db


def seed():
    core_demo.seed(scale="demo", log=lambda message: None)
    demo.seed(scale="demo", log=lambda message: None)


def test_demo_creates_the_publications_the_year_in_review_names(client):
    seed()
    titles = set(ResourcePage.objects.values_list("title", flat=True))
    assert "The Power of Digital: understanding new technology in local government" in titles
    assert "Using generative AI large language models: do's and don'ts" in titles
    assert "AI: what senior leaders need to know" in titles
    assert PodcastEpisodePage.objects.count() == 2
    assert CollectionPage.objects.filter(kind="magazine-issue").count() == 2


def test_demo_is_idempotent():
    seed()
    before = Page.objects.count()
    seed()
    assert Page.objects.count() == before


def test_demo_hub_is_searchable_straight_away(client):
    seed()
    response = client.get("/resources/?q=ransomware")
    assert response.context["results"].total >= 1


def test_generated_volume_keeps_the_page_tree_valid(client):
    seed()
    demo._large(demo.ensure_hub(), {}, lambda message: None, count=40)
    assert ResourcePage.objects.filter(slug__startswith=demo.LARGE_PREFIX).count() == 40
    assert Page.find_problems() == ([], [], [], [], [])


def test_generated_resources_are_served_and_listed(client):
    seed()
    demo._large(demo.ensure_hub(), {}, lambda message: None, count=5)
    generated = ResourcePage.objects.filter(slug__startswith=demo.LARGE_PREFIX).first()
    assert client.get(generated.url).status_code == 200
    assert client.get("/resources/").context["results"].total == ResourcePage.objects.count()


def test_generated_resources_are_in_the_search_index(client):
    seed()
    demo._large(demo.ensure_hub(), {}, lambda message: None, count=5)
    # Both words: PostgreSQL stems "generated" like the "generative" of the AI guidance.
    response = client.get("/resources/?q=generated+demo")
    assert response.context["results"].total == 5


def test_generating_again_tops_up_rather_than_duplicates():
    seed()
    hub = demo.ensure_hub()
    demo._large(hub, {}, lambda message: None, count=5)
    demo._large(hub, {}, lambda message: None, count=8)
    assert ResourcePage.objects.filter(slug__startswith=demo.LARGE_PREFIX).count() == 8


TABLE = "resources_resourcepage"


def test_large_seed_leaves_fresh_planner_statistics():
    demo._large(demo.ensure_hub(), {}, lambda message: None, count=5)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # -1 until the table is first analysed (PostgreSQL 14+).
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [TABLE])
            assert cursor.fetchone()[0] >= 5
        else:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [TABLE])
            assert cursor.fetchone()[0] >= 1


def test_demo_episodes_have_short_real_audio_that_plays(client):
    seed()
    for episode in PodcastEpisodePage.objects.all():
        assert episode.audio_type == "audio/mpeg"
        assert 0 < episode.audio_size < 200_000
        assert 5 <= episode.duration_seconds <= 15
        response = client.get(episode.audio_url, HTTP_RANGE="bytes=0-1")
        assert response.status_code == 206
        assert b"".join(response.streaming_content) in (b"ID", b"\xff\xfb", b"\xff\xf3")
