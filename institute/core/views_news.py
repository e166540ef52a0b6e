"""The listing and feed served by a NewsIndexPage (routes of the page, see models/news.py)."""

import re

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from . import selectors
from .feeds import NewsFeed
from .params import page_number
from .querystrings import canonical_query, page_prefix

PER_PAGE = 10
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_CONTROL_CHARACTERS = dict.fromkeys(range(32))


def _topic_filter(request):
    """(topic, unknown_slug): the topic asked for with ?topic=, or the slug nobody knows."""
    slug = request.GET.get("topic", "").strip()[:80]
    if not slug:
        return None, ""
    # Only a well-formed slug reaches the database (PostgreSQL refuses NUL characters).
    topic = selectors.topic_by_slug(slug=slug) if _SLUG.fullmatch(slug) else None
    return topic, ("" if topic else slug.translate(_CONTROL_CHARACTERS))


def news_listing(request, index):
    topic, unknown = _topic_filter(request)
    context = index.get_context(request)
    context["topics"] = selectors.topic_list()
    context["topic"] = topic
    if unknown:
        # A filter nobody can satisfy: say so plainly (404 keeps it out of search engines).
        context["unknown_topic"] = unknown
        return TemplateResponse(request, "core/news_index_page.html", context, status=404)
    paginator = Paginator(selectors.NewsListing(index, topic, request), PER_PAGE)
    # get_page() turns junk into page 1 and too-high numbers into the last page.
    page_obj = paginator.get_page(page_number(request.GET))
    query = canonical_query({"topic": topic.slug if topic else None}, order=("topic",))
    page_query = page_prefix(query)
    canonical = index.get_url(request) + query
    if page_obj.number > 1:
        canonical += f"{page_query}page={page_obj.number}"
    context.update(
        {
            "posts": page_obj.object_list,
            "page_obj": page_obj,
            "page_query": page_query,
            "feed_url": index.get_url(request) + index.reverse_subpage("feed") + query,
            "canonical_url": canonical,
        }
    )
    return TemplateResponse(request, "core/news_index_page.html", context)


def news_feed(request, index):
    topic, unknown = _topic_filter(request)
    if unknown:
        raise Http404(f"There is no topic called “{unknown}”.")
    return NewsFeed(
        index, selectors.news_posts(index=index, topic=topic, with_authors=True), topic
    )(request)
