"""The newsletter in a real browser: subscribe, confirm, change topics and unsubscribe by
keyboard only; axe on the subscription, preferences and archive pages at 320 and 1280 px."""

import re

import pytest
from django.core import mail

from institute.core.models import Topic
from institute.newsletter.models import Issue, Subscriber
from tests.browser.fixtures import assert_accessible
from tests.factories.newsletter import item, make_issue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (320, 1280)


def _tab_to(page, css, limit=150):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(css) => document.activeElement.matches(css)", css):
            return
    raise AssertionError(f"Could not reach {css} with the Tab key")


def _accessible_at_both_widths(page):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_subscribe_confirm_change_topics_and_unsubscribe_by_keyboard(
    live_server, browser_page, home
):
    cyber = Topic.objects.create(name="Cyber security", slug="cyber")
    data = Topic.objects.create(name="Data", slug="data")
    page = browser_page
    page.goto(live_server.url + "/newsletter/subscribe/")
    _accessible_at_both_widths(page)
    _tab_to(page, "#id_email")
    page.keyboard.type("keys@example.org")
    _tab_to(page, f"input[name='topics'][value='{cyber.pk}']")
    page.keyboard.press("Space")
    _tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    _tab_to(page, "form[method='post'] button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Check your inbox" in page.content()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "pending" and list(subscriber.topics.all()) == [cyber]

    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    page.goto(live_server.url + link)
    _tab_to(page, "form[method='post'] button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    subscriber.refresh_from_db()
    assert subscriber.status == "active"
    assert "/newsletter/preferences/" in page.url
    _accessible_at_both_widths(page)

    _tab_to(page, f"input[name='topics'][value='{data.pk}']")
    page.keyboard.press("Space")
    _tab_to(page, "form:not([action]) button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert set(subscriber.topics.all()) == {cyber, data}
    _accessible_at_both_widths(page)

    _tab_to(page, "form[action*='/unsubscribe/'] button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert "You are unsubscribed" in page.content()
    assert_accessible(page)


def test_archive_and_issue_pages_are_accessible(live_server, browser_page, home):
    issue = make_issue(
        status=Issue.Status.SENT,
        sections=[
            {
                "key": "news",
                "title": "News",
                "items": [item("A post", summary="Summary.", meta="1 June 2023")],
            },
        ],
    )
    page = browser_page
    page.goto(live_server.url + "/newsletter/")
    _accessible_at_both_widths(page)
    page.goto(live_server.url + issue.get_absolute_url())
    _accessible_at_both_widths(page)
