"""Every page type of the roof passes axe-core in Chromium and works by keyboard."""

import pytest

from institute.core.demo import child_page
from institute.core.models import StandardPage, Topic
from tests.browser.fixtures import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_is_accessible(live_server, browser_page, home):
    browser_page.goto(live_server.url + "/")
    assert_accessible(browser_page)


def test_standard_page_is_accessible(live_server, browser_page, home):
    page = child_page(
        home, StandardPage, "about", title="About", body="<h2>Who we are</h2><p>Members.</p>"
    )
    browser_page.goto(live_server.url + page.url)
    assert_accessible(browser_page)


def test_topic_page_is_accessible(live_server, browser_page, home):
    topic = Topic.objects.create(name="Cyber security", slug="cyber")
    browser_page.goto(live_server.url + topic.get_absolute_url())
    assert_accessible(browser_page)


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(live_server, browser_page, home):
    browser_page.goto(live_server.url + "/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"
