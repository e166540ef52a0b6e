"""What goes into a Friday issue: a registry of sections, like the roof's topic sections.

A room registers a ``NewsletterSection`` in its ``AppConfig.ready()`` (or the newsletter
registers one for it, through that room's public selectors); ``issue_compose`` asks every
section for the week's items and keeps what they said on the issue. Items are plain dicts:
``title``, ``url`` (a path or an absolute address), ``summary``, ``meta`` (a short line,
such as a date) and ``topics`` (topic slugs, for putting a subscriber's topics first).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from institute.core.canonical import absolute_url

from .models import Issue

_sections: dict[str, "NewsletterSection"] = {}


@dataclass(frozen=True)
class Week:
    """The week an issue covers: new things from ``since`` (the Friday before) to
    ``friday``, calendar items from ``friday`` for ``ahead`` days."""

    friday: dt.date
    since: dt.date
    ahead: int = 21

    @property
    def until(self):
        return self.friday + dt.timedelta(days=1)

    @property
    def start(self):
        return timezone.make_aware(dt.datetime.combine(self.friday, dt.time()))

    @property
    def end(self):
        return self.start + dt.timedelta(days=self.ahead)


@dataclass(frozen=True)
class NewsletterSection:
    key: str
    title: str
    order: int
    # items(*, week) -> list of dicts (see the module's docstring); a bounded number of queries.
    items: Callable


def register(section: NewsletterSection) -> None:
    _sections[section.key] = section


def unregister(key: str) -> None:
    _sections.pop(key, None)


def sections() -> list[NewsletterSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


def friday_of(day: dt.date) -> dt.date:
    """The Friday of ``day``'s week (Monday to Sunday)."""
    return day + dt.timedelta(days=4 - day.weekday())


def week_for(friday: dt.date) -> Week:
    ahead = getattr(settings, "NEWSLETTER_CALENDAR_DAYS", 21)
    return Week(friday=friday, since=friday - dt.timedelta(days=6), ahead=ahead)


def _clean(item):
    return {
        "title": str(item.get("title", ""))[:300],
        "url": absolute_url(str(item.get("url") or "/")),
        "summary": str(item.get("summary") or "")[:600],
        "meta": str(item.get("meta") or "")[:120],
        "topics": [str(t) for t in item.get("topics", [])],
    }


def gather(*, week: Week) -> list[dict]:
    found = []
    for section in sections():
        items = [_clean(i) for i in section.items(week=week)]
        if items:
            found.append({"key": section.key, "title": section.title, "items": items})
    return found


def issue_compose(*, friday: dt.date | None = None, empty: str | None = None):
    """Compose the draft for ``friday`` (this week's by default) and return it; ``None``
    when the week has nothing and ``NEWSLETTER_EMPTY_WEEK`` (or ``empty``) is ``"skip"``.
    An issue already composed for that Friday is returned as it is (idempotent)."""
    friday = friday or friday_of(timezone.localdate())
    existing = Issue.objects.filter(friday=friday).first()
    if existing is not None:
        return existing
    found = gather(week=week_for(friday))
    empty = empty or getattr(settings, "NEWSLETTER_EMPTY_WEEK", "send")
    if not found and empty == "skip":
        return None
    intro = (
        ""
        if found
        else "A quiet week: nothing new on the site since last Friday. Here is where to look "
        "in the meantime."
    )
    with transaction.atomic():
        issue, _ = Issue.objects.get_or_create(
            friday=friday,
            defaults={
                "title": f"The Friday digest, {friday:%-d %B %Y}",
                "intro": intro,
                "sections": found,
                "section_order": [s["key"] for s in found],
                "search_text": search_text(found),
            },
        )
    return issue


def search_text(found):
    return "\n".join(f"{i['title']} {i['summary']}" for s in found for i in s["items"])[:20000]


def ordered_sections(*, issue, subscriber=None):
    """The issue's sections in the staff's order; for a subscriber, within each section the
    items on their topics first, and sections with any such item before the others."""
    by_key = {s["key"]: s for s in issue.sections}
    order = [k for k in issue.section_order if k in by_key]
    order += [k for k in by_key if k not in order]
    chosen = [by_key[k] for k in order]
    if subscriber is None:
        return [dict(s, items=list(s["items"])) for s in chosen]
    mine = {t.slug for t in subscriber.topics.all()}
    result = []
    for section in chosen:
        items = sorted(section["items"], key=lambda i: not (mine & set(i["topics"])))
        result.append(dict(section, items=items, mine=any(mine & set(i["topics"]) for i in items)))
    return sorted(result, key=lambda s: not s["mine"])
