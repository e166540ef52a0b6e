"""Newsletter: subscribers and issues."""

import datetime as dt
import itertools

from institute.newsletter.models import Issue, Subscriber

_counter = itertools.count(1)


def make_subscriber(
    email=None, *, topics=(), status=Subscriber.Status.ACTIVE, frequency="weekly", user=None
):
    subscriber = Subscriber.objects.create(
        email=email or f"reader{next(_counter)}@example.org",
        status=status,
        frequency=frequency,
        user=user,
    )
    if topics:
        subscriber.topics.set(topics)
    return subscriber


def make_subscribers(n, **kwargs):
    start = next(_counter)
    rows = Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"bulk{start}-{i}@example.org", status=Subscriber.Status.ACTIVE)
            for i in range(n)
        ]
    )
    return rows


def item(title, *, url="/", topics=(), summary="", meta=""):
    return {"title": title, "url": url, "summary": summary, "meta": meta, "topics": list(topics)}


def make_issue(friday=None, *, sections=None, status=Issue.Status.DRAFT, intro="Hello."):
    friday = friday or dt.date(2026, 11, 27) - dt.timedelta(days=7 * next(_counter))
    sections = (
        sections
        if sections is not None
        else [
            {"key": "news", "title": "News", "items": [item("A post", url="http://testserver/n/")]}
        ]
    )
    return Issue.objects.create(
        friday=friday,
        title=f"The Friday digest, {friday:%-d %B %Y}",
        intro=intro,
        sections=sections,
        section_order=[s["key"] for s in sections],
        status=status,
    )
