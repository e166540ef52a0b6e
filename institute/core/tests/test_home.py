"""The home page: highlights banner, latest news and the way into the rooms."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from institute.core.models import HomePageHighlight


@pytest.fixture
def highlights(home):
    def make(count):
        return [
            HomePageHighlight.objects.create(
                page=home,
                title=f"Highlight {n}",
                text=f"Text {n}",
                label="Read more",
                link_url=f"/news/{n}/",
                sort_order=n,
            )
            for n in range(count)
        ]

    return make


def test_highlights_are_a_plain_list_in_the_editors_order(client, highlights):
    highlights(3)
    html = client.get("/").content.decode()
    titles = re.findall(r'class="highlight__title">([^<]*)<', html)
    assert titles == ["Highlight 0", "Highlight 1", "Highlight 2"]
    assert '<ul class="highlights__list">' in html


def test_highlight_links_name_their_highlight(client, highlights):
    highlights(2)
    html = client.get("/").content.decode()
    assert 'href="/news/1/">Read more<span class="visually-hidden">: Highlight 1</span>' in html


def test_banner_script_loads_only_when_there_is_something_to_rotate(client, highlights):
    highlights(1)
    assert "core-highlights.js" not in client.get("/").content.decode()
    highlights(2)
    assert "core-highlights.js" in client.get("/").content.decode()


def test_no_banner_without_highlights(client, home):
    assert "data-highlights" not in client.get("/").content.decode()


def test_highlight_image_needs_alt_text(home, make_image):
    highlight = HomePageHighlight(
        page=home, title="Conference", label="Book", link_url="/calendar/", image=make_image()
    )
    with pytest.raises(ValidationError) as error:
        highlight.clean()
    assert "image_alt" in error.value.message_dict


def test_highlight_image_is_shown_with_its_alt_text(client, home, make_image):
    HomePageHighlight.objects.create(
        page=home,
        title="Conference",
        label="Book",
        link_url="/calendar/",
        image=make_image(),
        image_alt="Delegates in the hall in Brighton",
    )
    assert 'alt="Delegates in the hall in Brighton"' in client.get("/").content.decode()


def test_home_shows_the_latest_three_posts(client, home, make_post):
    for n in range(4):
        make_post(title=f"Story {n}", date=f"2023-0{n + 1}-01")
    html = client.get("/").content.decode()
    section = html[html.index("Latest news") :]
    assert re.findall(r'class="card__title"><a href="[^"]*">(Story \d)<', section)[:3] == [
        "Story 3",
        "Story 2",
        "Story 1",
    ]


def test_home_links_into_the_rooms(client, home):
    home.rooms = [
        (
            "room",
            {"title": "Calendar", "text": "Events", "link": {"page": None, "url": "/calendar/"}},
        )
    ]
    home.save_revision().publish()
    assert 'href="/calendar/">Calendar<' in client.get("/").content.decode()


def test_home_queries_are_bounded(client, chrome, highlights, make_post, make_image, no_page_cache):
    highlights(5)
    image = make_image()
    HomePageHighlight.objects.filter(sort_order__lt=2).update(image=image, image_alt="A hall")
    for _ in range(5):
        make_post()
    client.get("/")
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert len(queries) <= 12
