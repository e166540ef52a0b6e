"""The main menu, footer and breadcrumbs: editor-managed and cheap to render."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from institute.core.models import MenuItem, SiteChrome


def test_main_menu_shows_editors_links_in_their_order(client, chrome):
    html = client.get("/").content.decode()
    menu = html[html.index('aria-label="Main"') :]
    assert menu.index(">Calendar<") < menu.index(">About<")
    assert 'href="/calendar/"' in menu
    assert 'href="/about/"' in menu


def test_menu_link_to_a_page_follows_the_page_when_it_moves(client, chrome):
    about = MenuItem.objects.get(label="About").link_page.specific
    about.slug = "about-us"
    about.save_revision().publish()
    assert 'href="/about-us/"' in client.get("/").content.decode()


def test_menu_marks_the_current_page(client, chrome):
    html = client.get("/about/").content.decode()
    assert 'href="/about/" aria-current="page">About<' in html


def test_footer_shows_editors_links_and_text(client, chrome):
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/contact/">Contact us<' in footer
    assert "A registered society of digital leaders." in footer


def test_menu_change_shows_at_once_despite_caches(client, chrome):
    client.get("/")
    MenuItem.objects.create(chrome=chrome, label="Partners", link_url="/partners/", sort_order=5)
    assert ">Partners<" in client.get("/").content.decode()


def test_menu_item_needs_a_page_or_a_url():
    item = MenuItem(chrome=SiteChrome(), label="Nowhere")
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "link_url" in error.value.message_dict


def test_menu_item_cannot_have_both_a_page_and_a_url(home):
    item = MenuItem(chrome=SiteChrome(), label="Both", link_page=home, link_url="/x/")
    with pytest.raises(ValidationError):
        item.clean()


def test_menu_and_footer_cost_no_queries_once_loaded(client, chrome, no_page_cache, rf):
    from institute.core.selectors import site_chrome

    site_chrome(request=rf.get("/"))
    with CaptureQueriesContext(connection) as queries:
        site_chrome(request=rf.get("/about/"))
    assert len(queries) == 0


def test_breadcrumbs_list_every_ancestor_below_home(client, make_standard_page):
    parent = make_standard_page(slug="membership", title="Membership")
    child = make_standard_page(slug="tiers", title="Tiers", parent=parent)
    html = client.get(child.url).content.decode()
    trail = html[
        html.index('aria-label="Breadcrumb"') : html.index("</nav>", html.index("Breadcrumb"))
    ]
    assert trail.index(">Home<") < trail.index(">Membership<") < trail.index(">Tiers<")
    assert 'aria-current="page">Tiers<' in trail


def test_home_page_has_no_breadcrumbs(client, home):
    assert 'aria-label="Breadcrumb"' not in client.get("/").content.decode()


def test_plain_views_have_breadcrumbs(client, make_topic):
    topic = make_topic()
    html = client.get(topic.get_absolute_url()).content.decode()
    assert 'href="/topics/">Topics<' in html
    assert f'aria-current="page">{topic.name}<' in html


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="x-Passw0rd!"
    )
    client.force_login(user)
    return client


def test_editors_manage_menu_and_footer_in_settings(staff_client, chrome):
    response = staff_client.get(f"/admin/settings/core/sitechrome/{chrome.pk}/")
    assert response.status_code == 200
    assert "Main menu" in response.content.decode()


def test_editors_manage_topics_as_snippets(staff_client, home):
    assert staff_client.get("/admin/snippets/core/topic/").status_code == 200


def _menu_labels(client, url="/"):
    import re

    html = client.get(url).content.decode()
    if 'aria-label="Main"' not in html:
        return []
    start = html.index('aria-label="Main"')
    menu = html[start : html.index("</nav>", start)]
    return re.findall(r">([^<>]+)</a>", menu)


@pytest.fixture
def sections(home):
    from institute.core.demo import child_page
    from institute.core.models import StandardPage

    pages = [
        child_page(home, StandardPage, slug, title=title)
        for slug, title in (("about", "About"), ("news-room", "News room"), ("join", "Join"))
    ]
    draft = child_page(home, StandardPage, "draft", title="Draft section")
    draft.unpublish()
    return pages


def test_without_menu_items_the_menu_lists_the_home_pages_children(client, sections):
    assert not SiteChrome.objects.exists()
    assert _menu_labels(client) == ["About", "News room", "Join"]
    html = client.get("/about/").content.decode()
    assert 'href="/about/" aria-current="page">About<' in html


def test_an_empty_menu_setting_also_falls_back_to_the_home_pages_children(client, sections):
    SiteChrome.load()  # the record exists, with no menu items
    assert _menu_labels(client) == ["About", "News room", "Join"]


def test_default_menu_keeps_to_pages_marked_show_in_menus_when_editors_mark_some(client, sections):
    for page in sections[1:]:
        page.show_in_menus = True
        page.save_revision().publish()
    assert _menu_labels(client) == ["News room", "Join"]


def test_editors_menu_items_replace_the_default_menu(client, sections):
    _menu_labels(client)
    MenuItem.objects.create(chrome=SiteChrome.load(), label="Calendar", link_url="/calendar/")
    assert _menu_labels(client) == ["Calendar"]
