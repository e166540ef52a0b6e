"""Reads the roof offers to the rooms and to its own views."""

from dataclasses import dataclass

from .models import StandardPage, Topic


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    summary: str = ""
    meta: str = ""


def topic_list():
    return Topic.objects.all()


def topic_pages(topic, limit=6):
    pages = StandardPage.objects.live().public().filter(topics=topic).order_by("title")[:limit]
    return [Item(title=p.title, url=p.url, summary=p.summary) for p in pages]
