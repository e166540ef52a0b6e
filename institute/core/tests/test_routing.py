"""Page routing (routing.py): the page Wagtail would serve, the same 404s, fewer queries."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from institute.core import routing
from institute.core.demo import child_page
from institute.core.models import StandardPage


def _summary(route_result):
    page, args, _kwargs = route_result
    view = args[0].__name__ if args else None
    return page.pk, type(page), view


def _found(path):
    request = RequestFactory().get(path)
    request._wagtail_site = Site.objects.get(is_default_site=True)
    return _summary(Page.route_for_request(request, path))


@pytest.fixture
def tree(home, news_index, make_post, make_standard_page):
    about = make_standard_page()
    team = make_standard_page(slug="team", title="Team", parent=about)
    # The same slug one level up: must not be mistaken for /about/team/.
    make_standard_page(slug="team", title="Everyone")
    draft = make_standard_page(slug="drafts", title="Drafts")
    draft.live = False
    draft.save()
    hidden_child = make_standard_page(slug="inside", title="Inside a draft", parent=draft)
    post = make_post(title="A post", slug="a-post")
    return {"about": about, "team": team, "post": post, "inside": hidden_child}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/about/",
        "/about/team/",
        "/news/",
        "/news/a-post/",
        "/news/feed/",
        "/drafts/inside/",
    ],
)
def test_routing_finds_the_page_wagtail_finds(client, tree, path, monkeypatch, no_page_cache):
    found = _found(path)
    # Wagtail's own routing, one level at a time, as the reference.
    with monkeypatch.context() as patch:
        patch.setattr(routing, "route_below", Page.route)
        expected = _found(path)
    assert found == expected
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    "path", ["/drafts/", "/about/nobody/", "/nowhere/", "/news/team/", "/about/team/x/"]
)
def test_routing_gives_the_same_404s(client, tree, path, no_page_cache):
    assert client.get(path).status_code == 404


def test_routing_cost_does_not_grow_with_depth(client, tree, no_page_cache):
    deep = child_page(tree["team"], StandardPage, "people", title="People")
    deeper = child_page(deep, StandardPage, "leads", title="Leads")

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count(deeper.url) == count(tree["about"].url)


def test_a_new_site_root_is_used_at_once(client, home, make_standard_page, no_page_cache):
    assert client.get("/").status_code == 200
    other = make_standard_page(slug="elsewhere", title="Elsewhere home")
    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()
    response = client.get("/")
    assert response.status_code == 200
    assert "Elsewhere home" in response.content.decode()


def test_a_new_view_restriction_applies_at_once(client, tree, no_page_cache):
    about = tree["about"]
    assert client.get("/about/team/").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Board")])
    response = client.get("/about/team/")
    assert response.status_code == 302
    assert "login" in response["Location"]
    restriction.delete()
    assert client.get("/about/team/").status_code == 200
