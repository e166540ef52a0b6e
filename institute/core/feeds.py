"""Atom feeds beside the news and blog listings (also of a topic-filtered listing)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 20


class NewsFeed(Feed):
    feed_type = Atom1Feed

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
        url = self.index.get_url(self.request)
        return f"{url}?topic={self.topic.slug}" if self.topic else url

    def feed_url(self):
        return self.request.build_absolute_uri()

    def items(self):
        return self.posts[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        # The page id never changes, unlike its URL: feed readers keep read state.
        return f"{self.request.build_absolute_uri('/')}pages/{item.pk}/"

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
