"""The archive's Atom feed: addresses and ids from ``BASE_URL`` (``core/canonical.py``)."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone

from institute.core.canonical import absolute_url
from institute.core.feeds import NEVER_CHANGED, StableAtom1Feed

from .selectors import archive_issues

FEED_LENGTH = 20


class IssueFeed(Feed):
    feed_type = StableAtom1Feed
    title = "The Friday digest"
    subtitle = "Every issue of the society's weekly newsletter."

    def link(self):
        return absolute_url(reverse("newsletter:archive"))

    def feed_url(self):
        return absolute_url(reverse("newsletter:feed"))

    def author_name(self):
        return settings.WAGTAIL_SITE_NAME

    def feed_extra_kwargs(self, obj):
        return {"empty_updated": NEVER_CHANGED}

    def items(self):
        return archive_issues()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
        return f"tag:{host},{item.friday.year}:newsletter/{item.friday.isoformat()}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.friday, datetime.time(8)))

    def item_updateddate(self, item):
        return item.sent_at or item.approved_at or self.item_pubdate(item)
