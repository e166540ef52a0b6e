"""What each room contributes to a topic page.

A room registers a *section* in its ``AppConfig.ready()``; ``/topics/<slug>/`` asks every
section for its items and hides the empty ones. This keeps the roof ignorant of the rooms'
models: rooms talk to the topic page only through this registry.

``blocks(topic, …)`` is how pages read the sections (the topic page, and what a publication
or an event shows beside itself): the non-empty sections with their items and "more" links,
kept in the cache until content next changes, so that the page costs no queries for them
whether a section is empty or not. Section items are public content, the same for every
visitor; a time-dependent section (upcoming events) may lag by the cache timeout, as the
anonymous page cache does.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .cache import remember
from .routing import public

_sections: dict[str, "TopicSection"] = {}


@dataclass(frozen=True)
class TopicSection:
    key: str
    title: str
    order: int
    # items(*, topic, limit) -> a list of objects with ``title``, ``url`` and optional ``summary``
    # and ``meta`` (a short line such as a date). It must run a bounded number of queries.
    items: Callable
    more_url: Callable | None = None


def register(section: TopicSection) -> None:
    _sections[section.key] = section


def unregister(key: str) -> None:
    """Remove the section registered as ``key`` (nothing happens if there is none)."""
    _sections.pop(key, None)


def sections() -> list[TopicSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


@dataclass(frozen=True)
class TopicBlock:
    section: TopicSection
    items: list
    more_url: str | None = None

    @property
    def title(self):
        return self.section.title


def blocks(
    topic,
    limit: int = 6,
    *,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    more: bool = True,
) -> list[TopicBlock]:
    """The non-empty sections for ``topic`` in section order: up to ``limit`` items each, and
    the section's "more" link if ``more``. ``include`` keeps only those section keys,
    ``exclude`` drops some. Cached until content next changes."""
    chosen = [
        s for s in sections() if (include is None or s.key in include) and s.key not in set(exclude)
    ]

    def compute():
        found = []
        for section in chosen:
            items = list(section.items(topic=topic, limit=limit))
            if items:
                url = section.more_url(topic=topic) if more and section.more_url else None
                found.append((section.key, items, url))
        return found

    keys = ",".join(s.key for s in chosen)
    cached = remember(f"topic-blocks:{topic.pk}:{limit}:{int(more)}:{keys}", compute)
    by_key = {s.key: s for s in chosen}
    return [TopicBlock(by_key[key], items, url) for key, items, url in cached if key in by_key]


def _news_more_url(*, topic):
    from .models import NewsIndexPage

    index = public(NewsIndexPage.objects.live()).filter(slug="news").first()
    return f"{index.url}?topic={topic.slug}" if index else None


def register_core_sections():
    from .selectors import topic_news, topic_pages

    register(
        TopicSection(key="news", title="News", order=50, items=topic_news, more_url=_news_more_url)
    )
    register(TopicSection(key="pages", title="About this topic", order=90, items=topic_pages))
