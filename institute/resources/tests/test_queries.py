"""The hub's SQL query count does not grow with the number of resources."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from institute.core.cache import invalidate
from tests.factories import resources as f

pytestmark = pytest.mark.django_db

VIEWS = [
    "/resources/",
    "/resources/briefing/?topic=cyber&year=2023",
    "/resources/?q=resilience",
    "/resources/briefing/?topic=cyber&q=resilience",
    "/resources/?q=resilience&year=2023&sort=date",
    "/resources/?collection=digital-trends-2023&sort=date",
    "/resources/feed/?topic=cyber",
]


def add_resources(hub, count, start, topics):
    made = []
    for n in range(start, start + count):
        made.append(
            f.resource(
                hub,
                title=f"Resilience briefing {n}",
                resource_type=("briefing", "report", "guidance")[n % 3],
                topics=topics[: 1 + n % len(topics)],
                published=datetime.date(2023 - n % 4, 1 + n % 12, 1),
            )
        )
    return made


def queries_for(client, url, *, after_edit=False):
    client.get(url)  # warm Wagtail's site-root cache, which a live site always has
    if after_edit:  # nothing kept (facet counts, menus): every query of the view counted
        invalidate()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("url", VIEWS)
def test_hub_query_count_is_the_same_for_small_and_large_data(client, hub, settings, url):
    settings.PAGE_CACHE_SECONDS = 0
    topics = [f.topic("cyber"), f.topic("data"), f.topic("ai")]
    small = add_resources(hub, 3, 0, topics)
    f.collection(hub, slug="digital-trends-2023", items=small[:2])
    before = queries_for(client, url), queries_for(client, url, after_edit=True)
    large = add_resources(hub, 30, 3, topics)
    f.collection(hub, title="Resilience", slug="resilience", items=large)
    assert (queries_for(client, url), queries_for(client, url, after_edit=True)) == before


@pytest.mark.parametrize("url", VIEWS[:-1])
def test_hub_views_stay_within_twelve_queries(client, hub, settings, url):
    settings.PAGE_CACHE_SECONDS = 0
    small = add_resources(hub, 5, 0, [f.topic("cyber")])
    f.collection(hub, slug="digital-trends-2023", items=small[:2])
    assert queries_for(client, url) <= 12


def test_resource_page_queries_do_not_grow_with_topics_authors_or_related_items(
    client, hub, home, settings
):
    from django.utils import timezone

    from institute.resources.models import Author
    from tests.factories.events import add_item, ensure_calendar

    settings.PAGE_CACHE_SECONDS = 0
    calendar = ensure_calendar(home)
    soon = timezone.now() + datetime.timedelta(days=3)

    def make_item(title, topics):
        add_item(
            calendar,
            title=title,
            slug=title.lower().replace(" ", "-"),
            start=soon,
            end=soon + datetime.timedelta(hours=1),
            topics=topics,
        )

    def publication(title, *, topics, authors, related, events):
        page = f.resource(hub, title=title, topics=topics)
        page.authors.set(
            [Author.objects.create(name=f"{title} author {n}") for n in range(authors)]
        )
        page.save()
        for n in range(related):
            f.resource(hub, title=f"{title} related {n}", topics=topics[:1])
        for n in range(events):
            make_item(f"{title} event {n}", topics=topics[:1])
        return page

    few = publication("Small", topics=[f.topic("cyber")], authors=1, related=1, events=1)
    many = publication(
        "Large",
        topics=[f.topic("data"), f.topic("education"), f.topic("skills")],
        authors=5,
        related=6,
        events=6,
    )
    assert queries_for(client, many.url) == queries_for(client, few.url) <= 12
    content = client.get(many.url).content.decode()
    assert "Large related 5" in content and "Large event 0" in content
    assert "Large author 4" in content
