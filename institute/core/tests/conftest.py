"""Factories for the roof's content: pages, posts, topics, the menu and footer."""

import datetime
import itertools

import pytest
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from institute.core.demo import child_page
from institute.core.models import (
    FooterLink,
    MenuItem,
    NewsIndexPage,
    NewsPage,
    NewsPageAuthor,
    SiteChrome,
    StandardPage,
    Topic,
)

_numbers = itertools.count(1)


@pytest.fixture
def no_page_cache(settings):
    """Measure the views themselves, not the anonymous page cache in front of them."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def make_topic(db):
    def make(name="Cyber security", slug=None, **fields):
        slug = slug or name.lower().replace(" ", "-")
        return Topic.objects.create(name=name, slug=slug, **fields)

    return make


@pytest.fixture
def news_index(home):
    return child_page(home, NewsIndexPage, "news", title="News", summary="Society news.")


@pytest.fixture
def make_post(news_index):
    def make(index=None, *, title=None, topics=(), authors=(), **fields):
        n = next(_numbers)
        post = NewsPage(
            title=title or f"Post number {n}",
            slug=fields.pop("slug", f"post-{n}"),
            date=fields.pop("date", datetime.date(2023, 1, 1) + datetime.timedelta(days=n)),
            last_published_at=timezone.now(),
            summary=fields.pop("summary", f"Summary of post {n}."),
            body=fields.pop("body", [("paragraph", RichText(f"<p>Body of post {n}.</p>"))]),
            topics=list(topics),
            authors=[NewsPageAuthor(name=name, role=role) for name, role in authors],
            **fields,
        )
        (index or news_index).add_child(instance=post)
        return post

    return make


@pytest.fixture
def make_standard_page(home):
    def make(slug="about", title="About", body=(), parent=None, **fields):
        return child_page(
            parent or home, StandardPage, slug, title=title, body=list(body), **fields
        )

    return make


@pytest.fixture
def make_image(db):
    def make(title="Members at President's Conference"):
        return Image.objects.create(title=title, file=get_test_image_file(size=(1200, 800)))

    return make


@pytest.fixture
def chrome(home):
    """A menu and footer as editors set them up."""
    setting = SiteChrome.load()
    about = child_page(home, StandardPage, "about", title="About")
    MenuItem.objects.create(chrome=setting, label="Calendar", link_url="/calendar/", sort_order=0)
    MenuItem.objects.create(chrome=setting, label="About", link_page=about, sort_order=1)
    FooterLink.objects.create(chrome=setting, label="Contact us", link_url="/contact/")
    setting.footer_text = "A registered society of digital leaders."
    setting.save()
    return setting
