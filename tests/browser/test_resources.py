"""The resource hub in Chromium: search, filter, open, share, print — and axe on every page
type (hub, resource, collection, podcast series and episode)."""

import pytest

from institute.core import demo as core_demo
from institute.resources import demo
from tests.browser.fixtures import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hub(home):
    core_demo.seed(scale="demo", log=lambda message: None)
    demo.seed(scale="demo", log=lambda message: None)
    return demo.ensure_hub()


def test_hub_is_accessible(live_server, browser_page, hub):
    browser_page.goto(live_server.url + "/resources/")
    assert_accessible(browser_page)


def test_visitor_searches_and_sees_marked_matches(live_server, browser_page, hub):
    browser_page.goto(live_server.url + "/resources/")
    browser_page.get_by_label("Search resources").fill("ransomware")
    browser_page.locator("#main").get_by_role("button", name="Search").click()
    browser_page.wait_for_url("**/resources/?q=ransomware*")
    assert browser_page.locator(".resource-card mark").first.inner_text().lower() == "ransomware"
    assert_accessible(browser_page)


def test_visitor_filters_by_type_then_topic(live_server, browser_page, hub):
    browser_page.goto(live_server.url + "/resources/")
    browser_page.locator(".facet a", has_text="Briefing").click()
    browser_page.wait_for_url("**/resources/briefing/")
    browser_page.locator(".facet a", has_text="Cyber security").click()
    browser_page.wait_for_url("**/resources/briefing/?topic=cyber")
    titles = browser_page.locator(".resource-card__title").all_inner_texts()
    assert titles == ["Digital Trends 2023: cyber resilience"]


def test_visitor_opens_a_resource_with_share_links(live_server, browser_page, hub):
    browser_page.goto(live_server.url + "/resources/report/")
    browser_page.get_by_role("link", name="The Power of Digital").first.click()
    browser_page.wait_for_url("**/resources/the-power-of-digital/")
    assert browser_page.get_by_role("heading", level=1).inner_text().startswith("The Power")
    share = browser_page.locator(".share-links")
    assert share.get_by_role("link", name="LinkedIn").count() == 1
    assert share.get_by_role("link", name="E-mail").count() == 1
    copy = share.get_by_role("link", name="Copy link")
    assert copy.get_attribute("href") == live_server.url + "/resources/the-power-of-digital/"
    assert_accessible(browser_page)


def test_copy_link_copies_with_javascript(live_server, browser_page, hub):
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    browser_page.goto(live_server.url + "/resources/the-power-of-digital/")
    browser_page.get_by_role("link", name="Copy link").click()
    status = browser_page.locator(".share-copy__status")
    status.wait_for(state="visible")
    assert status.inner_text() == "Link copied."
    assert browser_page.url.endswith("/resources/the-power-of-digital/")


def test_print_stylesheet_hides_sharing_and_related(live_server, browser_page, hub):
    browser_page.goto(live_server.url + "/resources/the-power-of-digital/")
    assert browser_page.locator(".share-links").is_visible()
    browser_page.emulate_media(media="print")
    assert not browser_page.locator(".share-links").is_visible()
    assert not browser_page.locator(".site-header").is_visible()
    assert browser_page.locator(".resource__body").is_visible()


def test_members_resource_shows_teaser_and_sign_in_to_visitors(live_server, browser_page, hub):
    browser_page.goto(live_server.url + "/resources/ai-policy-and-guidance/")
    assert browser_page.get_by_role("heading", name="The rest of this resource is for members")
    teaser = browser_page.locator(".members-teaser")
    assert teaser.get_by_role("link", name="Sign in").count() == 1
    assert "Model policy wording" not in browser_page.content()
    assert_accessible(browser_page)


def test_collection_page_is_accessible(live_server, browser_page, hub):
    browser_page.goto(live_server.url + "/resources/digital-trends-2023/")
    assert browser_page.locator(".collection__items li").count() == 6
    assert_accessible(browser_page)


def test_magazine_issue_is_accessible(live_server, browser_page, hub):
    browser_page.goto(live_server.url + "/resources/in-our-view-summer-2023/")
    assert_accessible(browser_page)


def test_podcast_series_page_is_accessible_and_offers_subscription(live_server, browser_page, hub):
    browser_page.goto(live_server.url + "/resources/institute-says/")
    link = browser_page.get_by_role("link", name="Subscribe (RSS)")
    assert link.get_attribute("href") == "/resources/institute-says/feed/"
    assert_accessible(browser_page)


def test_podcast_episode_page_is_accessible(live_server, browser_page, hub):
    browser_page.goto(
        live_server.url + "/resources/institute-says/the-global-problem-of-electronic-waste/"
    )
    assert browser_page.get_by_role("heading", name="Transcript").is_visible()
    assert_accessible(browser_page)
