"""The Atom feed of the "You said, we did" board (addresses from BASE_URL, like the news)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse

from institute.core.canonical import absolute_url
from institute.core.feeds import FEED_LENGTH, NEVER_CHANGED, StableAtom1Feed

from . import selectors


class FeedbackFeed(Feed):
    feed_type = StableAtom1Feed
    title = "You said, we did"
    subtitle = "What members told the society, and what it did about it."

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response.content = response.content
        return response

    def link(self):
        return absolute_url(reverse("membership:board"))

    def feed_url(self):
        return absolute_url(reverse("membership:board_feed"))

    def author_name(self):
        return settings.WAGTAIL_SITE_NAME

    def feed_extra_kwargs(self, obj):
        return {"empty_updated": NEVER_CHANGED}

    def items(self):
        return list(selectors.feedback_board()[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"You said: {item.text}\n\nWe did: {item.response}"

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid_is_permalink(self, item):
        return True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.topic.name] if item.topic_id else []
