"""Feeds beside the views they mirror: an Atom feed of any hub view, and an RSS feed per
podcast series with the iTunes tags podcast apps require.

Feeds carry titles, summaries and links only — never a members-only body.
"""

import datetime

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed

from institute.core.canonical import absolute_url, page_url
from institute.core.feeds import StableAtom1Feed, entry_id, last_changed

from .forms import HubFilterForm
from .models import ResourceType
from .selectors import series_episodes
from .views import hub_query, view_results

FEED_ITEMS = 50
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def _published_at(day: datetime.date) -> datetime.datetime:
    """A publication date as an aware datetime: 09:00 Europe/London that day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def hub_atom_feed(request, hub, type_slug):
    form = HubFilterForm(request.GET)
    if not form.is_valid():
        messages = "; ".join(e for errors in form.errors.values() for e in errors)
        return HttpResponseBadRequest(
            f"This feed cannot be made: {messages}", content_type="text/plain"
        )
    data = form.cleaned_data
    results = view_results(hub, type_slug, data, per_page=FEED_ITEMS)
    # The view's canonical address (known parameters in a fixed order, defaults and tracking
    # parameters left out, from BASE_URL) is the feed's link and id, so the same view always
    # has the same feed, whatever the order of its parameters or the request's host.
    view_path = hub.url + (f"{type_slug}/" if type_slug else "")
    suffix = hub_query(data)
    view_url = absolute_url(view_path + suffix)
    feed = StableAtom1Feed(
        title=_feed_title(hub, type_slug, data),
        link=view_url,
        description=hub.summary,
        feed_url=absolute_url(view_path + "feed/" + suffix),
        language="en-gb",
        feed_guid=view_url,
        author_name=settings.WAGTAIL_SITE_NAME,
        empty_updated=last_changed(hub),
    )
    for resource in results.page.object_list:
        feed.add_item(
            title=resource.title,
            link=page_url(resource),
            description=resource.summary,
            unique_id=entry_id(resource),
            pubdate=_published_at(resource.published),
            updateddate=_published_at(resource.updated or resource.published),
            categories=[t.name for t in resource.topics.all()],
        )
    return _feed_response(feed, "application/atom+xml")


def _feed_title(hub, type_slug, data):
    parts = [hub.title]
    if type_slug:
        parts.append(ResourceType(type_slug).label)
    parts.extend(
        f"{name}: {data[name]}" for name in ("topic", "collection", "year", "q") if data[name]
    )
    return " — ".join(str(p) for p in parts)


class PodcastFeed(Rss201rev2Feed):
    """RSS 2.0 with the ``itunes:`` namespace (Apple Podcasts' required tags)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        if feed.get("image_url"):
            handler.startElement("image", {})
            handler.addQuickElement("url", feed["image_url"])
            handler.addQuickElement("title", feed["title"])
            handler.addQuickElement("link", feed["link"])
            handler.endElement("image")
            handler.addQuickElement("itunes:image", None, {"href": feed["image_url"]})
        handler.addQuickElement("itunes:author", feed["itunes_author"])
        handler.addQuickElement("itunes:summary", feed["description"])
        handler.addQuickElement("itunes:explicit", "true" if feed["explicit"] else "false")
        handler.addQuickElement("itunes:category", None, {"text": feed["category"]})
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", feed["owner_name"])
        handler.addQuickElement("itunes:email", feed["owner_email"])
        handler.endElement("itunes:owner")
        handler.addQuickElement("itunes:type", "episodic")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", item["duration"])
        handler.addQuickElement("itunes:explicit", "true" if item["explicit"] else "false")
        if item.get("episode"):
            handler.addQuickElement("itunes:episode", str(item["episode"]))


def podcast_rss_feed(request, series):
    image_url = absolute_url(series.image.file.url) if series.image else ""
    feed = PodcastFeed(
        title=series.title,
        link=page_url(series),
        description=series.description,
        language=series.language,
        feed_url=absolute_url(series.feed_url()),
        author_name=series.author,
        image_url=image_url,
        itunes_author=series.author,
        explicit=series.explicit,
        category=series.itunes_category,
        owner_name=series.owner_name,
        owner_email=series.owner_email,
    )
    for episode in series_episodes(series=series):
        # The enclosure is the uploaded file as served with byte ranges, its length and type
        # measured from the file; an episode whose audio is not chosen yet has none.
        enclosures = (
            [
                Enclosure(
                    absolute_url(episode.audio_url), str(episode.audio_size), episode.audio_type
                )
            ]
            if episode.audio_id
            else []
        )
        feed.add_item(
            title=episode.title,
            link=page_url(episode),
            description=episode.summary,
            unique_id=entry_id(episode),
            unique_id_is_permalink=False,
            pubdate=_published_at(episode.published),
            enclosures=enclosures,
            duration=episode.duration,
            explicit=series.explicit,
            episode=episode.episode_number,
        )
    return _feed_response(feed, "application/rss+xml")


def _feed_response(feed, content_type):
    """The feed as one string. ``feed.write(response)`` would leave the response in hundreds
    of small pieces, each sent as its own socket write by the WSGI server — also when it is
    served from the page cache, which made the podcast feed cost twice a cached page."""
    return HttpResponse(feed.writeString("utf-8"), content_type=f"{content_type}; charset=utf-8")
