"""Atom feeds beside the news and blog listings (also of a topic-filtered listing).

What feed readers keep must not move (docs/content.md, news and blog): every address and id is
built from ``BASE_URL`` (``canonical.py``), never from the request's ``Host``; an entry's id
is its page's ``urn:uuid`` (the page's translation key, kept through renames and moves); the
feed names the society as its author (RFC 4287 requires one); an empty feed's ``updated`` is
its listing's last change, not the time of the request.
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .canonical import absolute_url, page_url

FEED_LENGTH = 20
# What a page with no publication or revision date says it last changed: a fixed instant.
NEVER_CHANGED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def last_changed(page) -> datetime.datetime:
    """When a page last changed: its last publication, else its latest revision (a page made
    in code with neither gets a fixed date, so that it never reads as new). What feeds and
    calendar files say a page was updated."""
    stamp = page.last_published_at or page.latest_revision_created_at or page.first_published_at
    return stamp or NEVER_CHANGED


def entry_id(page) -> str:
    """An entry's id: the page's ``urn:uuid``, the same whatever its URL or the host."""
    return f"urn:uuid:{page.translation_key}"


class StableAtom1Feed(Atom1Feed):
    """Atom whose ``updated`` is the newest entry's, or for an empty feed the listing's own
    last change (``empty_updated``) — never the moment of the request."""

    def latest_post_date(self):
        if self.items:
            return super().latest_post_date()
        return self.feed["empty_updated"]


class NewsFeed(Feed):
    feed_type = StableAtom1Feed

    def __init__(self, index, posts, topic=None):
        super().__init__()
        self.index = index
        self.posts = posts
        self.topic = topic

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        # The syndication view writes the XML in hundreds of small pieces, each of which the
        # WSGI server would send as its own socket write: join them into one.
        response.content = response.content
        return response

    def title(self):
        if self.topic:
            return f"{self.index.title}: {self.topic.name}"
        return self.index.title

    def subtitle(self):
        return self.index.get_meta_description()

    def link(self):
        url = page_url(self.index)
        return f"{url}?topic={self.topic.slug}" if self.topic else url

    def feed_url(self):
        url = absolute_url(self.index.url + self.index.reverse_subpage("feed"))
        return f"{url}?topic={self.topic.slug}" if self.topic else url

    def author_name(self):
        return settings.WAGTAIL_SITE_NAME

    def feed_extra_kwargs(self, obj):
        return {"empty_updated": last_changed(self.index)}

    def items(self):
        return self.posts[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return page_url(item)

    def item_guid(self, item):
        # Never changes, unlike the page's URL: feed readers keep read state.
        return entry_id(item)

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        midnight = datetime.datetime.combine(item.date, datetime.time())
        return timezone.make_aware(midnight)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]
