"""Topics in the API: the list, and one topic with what each room shows on its page."""

from ninja import Router, Schema

from institute.api.pagination import PageInfo, page_of, paging
from institute.api.problems import Problem
from institute.api.registry import register

from . import topics as topic_registry
from .canonical import absolute_url
from .selectors import topic_by_slug, topic_list

router = Router()


class TopicOut(Schema):
    slug: str
    name: str
    description: str
    url: str


class TopicList(Schema):
    meta: PageInfo
    results: list[TopicOut]


class TopicItem(Schema):
    title: str
    url: str
    summary: str


class TopicSectionOut(Schema):
    key: str
    title: str
    more_url: str | None
    items: list[TopicItem]


class TopicDetail(TopicOut):
    sections: list[TopicSectionOut]


def _topic(topic) -> dict:
    return {
        "slug": topic.slug,
        "name": topic.name,
        "description": topic.description,
        "url": absolute_url(topic.get_absolute_url()),
    }


@router.get(
    "",
    response=TopicList,
    url_name="topics_list",
    summary="Topics",
    description="Every topic, by name. page, page_size as for every list.",
)
def topics_list(request, page: str | None = None, page_size: str | None = None):
    number, size = paging(page, page_size)
    found, info = page_of(request, topic_list(), number=number, size=size)
    return {"meta": info, "results": [_topic(t) for t in found]}


@router.get(
    "{slug}/",
    response=TopicDetail,
    url_name="topics_detail",
    summary="A topic",
    description="A topic with what its page shows from each room (up to six items each).",
)
def topics_detail(request, slug: str):
    topic = topic_by_slug(slug=slug[:80])
    if topic is None:
        raise Problem(404, "No topic has this slug.")
    return {
        **_topic(topic),
        "sections": [
            {
                "key": block.section.key,
                "title": block.title,
                "more_url": absolute_url(block.more_url) if block.more_url else None,
                "items": [
                    {
                        "title": str(item.title),
                        "url": absolute_url(str(item.url or "")),
                        "summary": str(getattr(item, "summary", "") or ""),
                    }
                    for item in block.items
                ],
            }
            for block in topic_registry.blocks(topic)
        ],
    }


register("topics", router)


def api_rules():
    """Authorisation rules of these endpoints (gathered by ``institute/api/access.py``)."""
    from .access import ANONYMOUS, Rule, _sample_topic

    return {
        "api:topics_list": Rule(ANONYMOUS),
        "api:topics_detail": Rule(ANONYMOUS, kwargs=lambda: {"slug": _sample_topic().slug}),
    }
