"""The public archive, each issue's page, the Atom feed and site search."""

import datetime as dt

import feedparser
import pytest
from django.urls import reverse

from institute.core import search
from institute.newsletter.models import Issue
from tests.factories.newsletter import item, make_issue

pytestmark = pytest.mark.django_db


def test_the_archive_shows_sent_issues_only(client):
    sent = make_issue(dt.date(2026, 11, 20), status=Issue.Status.SENT)
    draft = make_issue(dt.date(2026, 11, 27))
    response = client.get(reverse("newsletter:archive"))
    assert response.status_code == 200
    assert sent.title.encode() in response.content
    assert draft.title.encode() not in response.content
    assert client.get(sent.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/newsletter/2026-13-99/").status_code == 404
    assert client.get(reverse("newsletter:archive") + "?page=%D9%A3").status_code == 200


def test_the_archive_costs_the_same_queries_with_more_issues(
    client, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    for n in range(3):
        make_issue(dt.date(2025, 1, 3) + dt.timedelta(days=7 * n), status=Issue.Status.SENT)
    client.get(reverse("newsletter:archive"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("newsletter:archive"))
    for n in range(3, 30):
        make_issue(dt.date(2025, 1, 3) + dt.timedelta(days=7 * n), status=Issue.Status.SENT)
    client.get(reverse("newsletter:archive"))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("newsletter:archive"))
    assert len(many) <= len(few)


def test_the_public_copy_has_no_personal_links(client):
    issue = make_issue(
        status=Issue.Status.SENT,
        sections=[
            {
                "key": "news",
                "title": "News",
                "items": [item("Hello world", url="http://testserver/h/")],
            }
        ],
    )
    content = client.get(issue.get_absolute_url()).content.decode()
    assert "Hello world" in content
    assert "/newsletter/unsubscribe/" not in content


def test_the_feed(client):
    issue = make_issue(dt.date(2026, 11, 20), status=Issue.Status.SENT, intro="This week.")
    response = client.get(reverse("newsletter:feed"), HTTP_HOST="localhost")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    (entry,) = feed.entries
    assert entry.link == f"http://testserver/newsletter/{issue.friday.isoformat()}/"
    assert entry.id.startswith("tag:testserver,2026:newsletter/")
    assert client.post(reverse("newsletter:feed")).status_code == 405
    assert client.head(reverse("newsletter:feed")).status_code == 200


def test_site_search_finds_issues(client):
    issue = make_issue(status=Issue.Status.SENT, intro="Quantum procurement explained.")
    make_issue(intro="Quantum draft, not public.")
    response = client.get(reverse("core:search"), {"q": "quantum"})
    content = response.content.decode()
    assert issue.title in content
    assert content.count("Quantum") <= 2 or "draft" not in content
    assert "newsletter" in {s.key for s in search.sources()}
