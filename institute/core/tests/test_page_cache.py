"""The anonymous page cache is retired by content events, and only by them."""

import threading

import pytest
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from institute.core import cache as page_cache
from institute.core.demo import child_page
from institute.core.models import SiteChrome, StandardPage
from institute.people.models import User


@pytest.fixture
def about(home):
    return child_page(home, StandardPage, "about", title="About", summary="First words")


def _served_from_cache(client, page):
    return client.get(page.url).get("X-Page-Cache") == "hit"


def _cached(client, page):
    client.get(page.url)
    assert _served_from_cache(client, page)


def test_publishing_a_page_retires_the_cache(client, about, make_standard_page):
    _cached(client, about)
    other = make_standard_page("contact", title="Contact")
    other.save_revision().publish()
    assert not _served_from_cache(client, about)


def test_unpublishing_a_page_retires_the_cache(client, about, make_standard_page):
    other = make_standard_page("contact", title="Contact")
    _cached(client, about)
    other.unpublish()
    assert not _served_from_cache(client, about)


def test_moving_a_page_retires_the_cache(client, about, make_standard_page):
    other = make_standard_page("contact", title="Contact")
    _cached(client, about)
    other.move(about, pos="last-child")
    assert not _served_from_cache(client, about)


def test_deleting_a_page_retires_the_cache(client, about, make_standard_page):
    other = make_standard_page("contact", title="Contact")
    _cached(client, about)
    other.delete()
    assert not _served_from_cache(client, about)


def test_saving_a_draft_keeps_the_cache(client, about):
    _cached(client, about)
    about.summary = "Draft words"
    about.save_revision()
    assert _served_from_cache(client, about)


def test_saving_a_snippet_retires_the_cache(client, about, make_topic):
    _cached(client, about)
    make_topic("Cloud")
    assert not _served_from_cache(client, about)


def test_saving_a_setting_retires_the_cache(client, about):
    _cached(client, about)
    chrome = SiteChrome.load()
    chrome.footer_text = "New footer"
    chrome.save()
    assert not _served_from_cache(client, about)


def test_a_view_restriction_retires_the_cache(client, about):
    _cached(client, about)
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    assert not _served_from_cache(client, about)


def test_a_members_own_choices_keep_the_cache(client, about, make_topic):
    topic = make_topic("Cloud")
    _cached(client, about)
    user = User.objects.create_user("someone@example.org", "someone@example.org", "x")
    user.first_name = "Someone"
    user.save()
    user.topics.add(topic)
    assert _served_from_cache(client, about)


def test_a_tagged_page_is_retired_when_its_tag_changes(settings):
    from django.http import HttpResponse

    settings.PAGE_CACHE_SECONDS = 300
    shown = {"places": 3}

    def view(request):
        page_cache.depends_on(request, "zz-places")
        return HttpResponse(f"{shown['places']} places left")

    middleware = page_cache.AnonymousPageCacheMiddleware(view)
    middleware(RequestFactory().get("/tagged/"))
    assert middleware(RequestFactory().get("/tagged/"))["X-Page-Cache"] == "hit"
    shown["places"] = 2
    page_cache.changed("zz-places")
    fresh = middleware(RequestFactory().get("/tagged/"))
    assert fresh["X-Page-Cache"] == "miss"
    assert fresh.content == b"2 places left"


def test_a_tag_change_leaves_other_pages_cached(client, about):
    _cached(client, about)
    page_cache.changed("zz-places")
    assert _served_from_cache(client, about)


@pytest.fixture
def bumps(monkeypatch):
    """The generation bumps from here on, counted as on a fresh thread: the test's own
    transaction never commits, so what its fixtures scheduled is forgotten."""
    monkeypatch.setattr(page_cache, "_local", threading.local())
    calls = []
    bump = page_cache._bump
    monkeypatch.setattr(page_cache, "_bump", lambda: (calls.append(1), bump()))
    return calls


def test_a_publish_retires_the_cache_once(
    about, make_standard_page, bumps, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        other = make_standard_page("contact", title="Contact")
    bumps.clear()
    with django_capture_on_commit_callbacks(execute=True):
        other.save_revision().publish()
    assert len(bumps) == 1


def test_a_page_read_in_the_transaction_is_retired_at_once_too(
    client, about, make_standard_page, bumps
):
    other = make_standard_page("contact", title="Contact")
    _cached(client, about)
    bumps.clear()
    other.save_revision().publish()
    assert len(bumps) == 1
    assert not _served_from_cache(client, about)


def test_a_transaction_rolled_back_leaves_the_next_one_its_own_bump(
    about, bumps, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        page_cache.invalidate()
        raise RuntimeError
    bumps.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page_cache.invalidate()
        page_cache.invalidate()
    assert len(callbacks) == 1
    assert len(bumps) == 1
