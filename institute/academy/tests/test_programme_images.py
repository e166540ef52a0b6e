"""A programme's picture: required alt text, on the programme page, in its Course JSON-LD and
as its card's thumbnail on the Academy index, whose queries do not grow with programmes."""

import json
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from institute.academy.programmes_demo import ensure_index, sample_cohort
from tests.factories import academy as factories

pytestmark = pytest.mark.django_db

ALT = "Participants around a table, planning a change project"


def _image(title="A cohort at work"):
    return Image.objects.create(title=title, file=get_test_image_file(size=(960, 540)))


def _with_image(programme, alt=ALT):
    programme.image, programme.image_alt = _image(), alt
    programme.save_revision().publish()
    return programme


def _json_ld(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_an_image_needs_its_alt_text(home):
    programme = factories.programme()
    programme.image, programme.image_alt = _image(), "  "
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "image_alt" in error.value.message_dict


def test_the_programme_page_shows_its_image_with_alt_text(home, client):
    programme = _with_image(sample_cohort().get_parent().specific)
    html = client.get(programme.url).content.decode()
    [img] = re.findall(r'<img [^>]*class="programme__image"[^>]*>', html)
    assert f'alt="{ALT}"' in img
    assert "srcset=" in img and "sizes=" in img
    image = _json_ld(html)["image"]
    assert image.startswith("http") and "/images/" in image
    assert f'<meta property="og:image:alt" content="{ALT}">' in html


def test_a_programme_without_an_image_shows_none(home, client):
    programme = sample_cohort().get_parent().specific
    html = client.get(programme.url).content.decode()
    assert "programme__image" not in html and "image" not in _json_ld(html)


@pytest.mark.parametrize("cold", [False, True], ids=["kept", "after-a-change"])
def test_index_cards_have_thumbnails_and_queries_do_not_grow(home, client, settings, cold):
    settings.PAGE_CACHE_SECONDS = 0  # measure the page, not the cache in front of it
    sample_cohort()  # a programme with a cohort to come, and no image
    index = ensure_index()

    def add(first, last):
        for n in range(first, last):
            programme = factories.programme(f"programme-{n}", f"Programme {n}")
            _with_image(programme, alt=f"Picture {n} of a workshop")

    def count():
        # The first request makes the thumbnails (renditions), the next ones find them.
        client.get(index.url)
        client.get(index.url)
        if cold:
            cache.clear()  # the cards are worked out again, as after a content change
        with CaptureQueriesContext(connection) as queries:
            response = client.get(index.url)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    add(0, 2)
    few, _ = count()
    add(2, 8)
    many, html = count()
    assert many == few
    cards = re.findall(r'<img class="card__image"[^>]*>', html)
    assert len(cards) == 8
    assert all('width="640" height="360"' in card for card in cards)
    assert 'alt="Picture 7 of a workshop"' in html


def test_the_kept_index_shows_a_newly_published_programme_at_once(home, client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the cards are kept by the index itself, not the page
    sample_cohort()
    index = ensure_index()
    assert "Programme late" not in client.get(index.url).content.decode()
    _with_image(factories.programme("programme-late", "Programme late"))
    assert "Programme late" in client.get(index.url).content.decode()
