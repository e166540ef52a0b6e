"""What each room contributes to a topic page.

A room registers a *section* in its ``AppConfig.ready()``; ``/topics/<slug>/`` asks every
section for its items and hides the empty ones. This keeps the roof ignorant of the rooms'
models: rooms talk to the topic page only through this registry.
"""

from collections.abc import Callable
from dataclasses import dataclass

_sections: dict[str, "TopicSection"] = {}


@dataclass(frozen=True)
class TopicSection:
    key: str
    title: str
    order: int
    # items(topic, limit) -> a list of objects with ``title``, ``url`` and optional ``summary``
    # and ``meta`` (a short line such as a date). It must run a bounded number of queries.
    items: Callable
    more_url: Callable | None = None


def register(section: TopicSection) -> None:
    _sections[section.key] = section


def sections() -> list[TopicSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


def _news_more_url(topic):
    from .models import NewsIndexPage

    index = NewsIndexPage.objects.live().public().filter(slug="news").first()
    return f"{index.url}?topic={topic.slug}" if index else None


def register_core_sections():
    from .selectors import topic_news, topic_pages

    register(
        TopicSection(key="news", title="News", order=50, items=topic_news, more_url=_news_more_url)
    )
    register(TopicSection(key="pages", title="About this topic", order=90, items=topic_pages))
