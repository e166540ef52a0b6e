"""Reads the roof offers to the rooms and to its own views, each in a bounded number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Site

from .cache import remember
from .models import HomePageHighlight, NewsPage, SiteChrome, StandardPage, Topic
from .routing import public

# Rendition specs used by templates; prefetched together so a listing costs one query for them.
THUMBNAIL_SPEC = "fill-320x180"
# Cards on the home page: 16:9 at twice the width a card takes on a laptop.
CARD_SPEC = "fill-640x360"
BANNER_SPEC = "fill-960x400"
SHARE_SPEC = "fill-1200x630"


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    summary: str = ""
    meta: str = ""


@dataclass(frozen=True)
class ChromeLink:
    label: str
    url: str
    # aria-current value: "page" on the page itself, "true" inside its section, else "".
    current: str = ""


def _current(path, url):
    if not url.startswith("/"):
        return ""
    if path == url:
        return "page"
    return "true" if url != "/" and path.startswith(url) else ""


@dataclass(frozen=True)
class Chrome:
    menu: list
    footer: list
    footer_text: str


def _default_menu(request):
    """The menu until editors set one: the home page's live, public children in their menu
    order (the order of the page tree) — only those marked "Show in menus" if any are."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    children = list(public(site.root_page.get_children().live()).order_by("path"))
    shown = [page for page in children if page.show_in_menus] or children
    return [(page.title, page.get_url(request)) for page in shown]


def _load_chrome(request):
    # Not SiteChrome.load(): that creates the record, and a GET must not write (a write
    # retires the page cache).
    chrome = SiteChrome.base_queryset().first()
    links = {"menu_items": [], "footer_links": []}
    if chrome is not None:
        for name in links:
            items = getattr(chrome, name).select_related("link_page").order_by("sort_order")
            links[name] = [(item.label, item.get_url(request)) for item in items]
    menu = links["menu_items"] or _default_menu(request)
    return menu, links["footer_links"], chrome.footer_text if chrome else ""


def site_chrome(*, request):
    """The main menu and footer links; with no menu items set, the home page's children.

    A few queries when content has changed, none otherwise: the links are kept in the cache
    until the next content change, and on the request for the header and footer to share.
    """
    cached = getattr(request, "_institute_chrome", None)
    if cached is not None:
        return cached
    menu, footer, footer_text = remember(
        f"chrome:{request.get_host()}", lambda: _load_chrome(request)
    )
    result = Chrome(
        [ChromeLink(label, url, _current(request.path, url)) for label, url in menu],
        [ChromeLink(label, url) for label, url in footer],
        footer_text,
    )
    request._institute_chrome = result
    return result


def with_renditions(queryset, spec_field="image"):
    """``queryset`` with its image and the image's renditions, in one query for the
    renditions however many rows: for listings that show a picture of each."""
    rendition_model = get_image_model().get_rendition_model()
    return queryset.select_related(spec_field).prefetch_related(
        Prefetch(f"{spec_field}__renditions", queryset=rendition_model.objects.all())
    )


@dataclass(frozen=True)
class Picture:
    """A rendition ready for an ``<img>``: what a cached fragment of a page needs."""

    url: str
    width: int
    height: int
    alt: str = ""


@dataclass(frozen=True)
class Highlight:
    title: str
    text: str
    url: str
    label: str
    picture: Picture | None = None


def home_highlights(*, home, request=None):
    """The highlights of the home page's banner, in the editors' order, with their images.

    Kept until content next changes (renditions resolved, links turned into URLs), so the
    home page spends no queries and no image work on them per request.
    """

    def compute():
        queryset = HomePageHighlight.objects.filter(page=home).select_related("link_page")
        found = []
        for highlight in with_renditions(queryset).order_by("sort_order"):
            picture = None
            if highlight.image:
                rendition = highlight.image.get_rendition(BANNER_SPEC)
                picture = Picture(
                    rendition.url, rendition.width, rendition.height, highlight.image_alt
                )
            found.append(
                Highlight(
                    title=highlight.title,
                    text=highlight.text,
                    url=highlight.get_url(request),
                    label=highlight.label,
                    picture=picture,
                )
            )
        return found

    host = request.get_host() if request is not None else ""
    return remember(f"home-highlights:{host}:{home.pk}", compute)


def news_posts(*, index=None, topic=None, with_authors=False):
    """Live, public posts (of one index, or all), newest first, ready for a listing.

    Topics, thumbnail renditions (and authors if asked) are prefetched and the body is
    deferred, so the number of queries does not grow with the number of posts.
    """
    posts = public(NewsPage.objects.live())
    if index is not None:
        posts = posts.child_of(index)
    if topic is not None:
        posts = posts.filter(topics=topic)
    posts = with_renditions(posts).prefetch_related("topics")
    if with_authors:
        posts = posts.prefetch_related("authors")
    return posts.defer_streamfields().order_by("-date", "-pk")


@dataclass(frozen=True)
class PostCard:
    """What a listing shows of a post, ready to render (no queries, no image work)."""

    title: str
    url: str
    date: datetime.date
    summary: str
    topics: tuple = ()  # (slug, name) of each topic, by name
    image_html: str = ""  # the thumbnail's <img>, as {% image … fill-320x180 %} writes it


class NewsListing:
    """The posts of a listing (``news_posts``) for Django's Paginator: the count and each
    page's cards are kept until content next changes, so a listing page costs no queries for
    its posts and no image work while nothing changes."""

    def __init__(self, index, topic, request):
        self._posts = news_posts(index=index, topic=topic)
        self._request = request
        topic_key = topic.pk if topic is not None else ""
        self._key = f"news-listing:{request.get_host()}:{index.pk}:{topic_key}"

    def count(self):
        return remember(f"{self._key}:count", self._posts.count)

    def _card(self, post):
        image_html = ""
        if post.image:
            rendition = get_rendition_or_not_found(post.image, THUMBNAIL_SPEC)
            image_html = rendition.img_tag({"alt": "", "class": "post-card__image"})
        return PostCard(
            title=post.title,
            url=post.get_url(self._request),
            date=post.date,
            summary=post.summary,
            topics=tuple((topic.slug, topic.name) for topic in post.topics.all()),
            image_html=image_html,
        )

    def __getitem__(self, index):
        start, stop = index.start, index.stop  # the Paginator asks for slices only
        return remember(
            f"{self._key}:{start}:{stop}",
            lambda: [self._card(post) for post in self._posts[start:stop]],
        )


def card_image(image, alt):
    """A card's picture (components/card.html): URL, alt text and size, or None; from the
    image's prefetched renditions when ``with_renditions`` fetched it."""
    if image is None:
        return None
    rendition = get_rendition_or_not_found(image, CARD_SPEC)
    return {"url": rendition.url, "alt": alt, "width": rendition.width, "height": rendition.height}


def latest_news(*, limit=3, request=None):
    """The newest posts of all indexes, for the home page: title, URL, date and summary of
    each, kept until content next changes."""

    def compute():
        posts = public(NewsPage.objects.live()).defer_streamfields().order_by("-date", "-pk")
        return [
            {
                "title": p.title,
                "url": p.get_url(request),
                "date": p.date,
                "summary": p.summary,
                "image": card_image(p.image, p.image_alt),
            }
            for p in posts.select_related("image")[:limit]
        ]

    host = request.get_host() if request is not None else ""
    return remember(f"latest-news:{host}:{limit}", compute)


def page_ancestors(*, page):
    """The page's ancestors below the root, fetched once per page object (breadcrumbs)."""
    if not hasattr(page, "_institute_ancestors"):
        page._institute_ancestors = list(page.get_ancestors().filter(depth__gt=1))
    return page._institute_ancestors


def breadcrumb_trail(*, page, request=None):
    """The page's ancestors below the home page as ``Item``s (title and URL), for the
    breadcrumb trail: one query when content has changed, none otherwise (cached)."""

    def compute():
        return [
            Item(title=p.title, url=p.get_url(request))
            for p in page_ancestors(page=page)
            if p.depth > 2
        ]

    host = request.get_host() if request is not None else ""
    return remember(f"breadcrumbs:{host}:{page.pk}", compute)


def news_article_jsonld(*, post, request):
    """schema.org Article data for a post (rendered as application/ld+json, not executed)."""
    url = post.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": post.title,
        "datePublished": post.date.isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "author": [{"@type": "Person", "name": a.name} for a in post.authors.all()],
        "publisher": {"@type": "Organization", "name": Site.find_for_request(request).site_name},
    }
    if post.last_published_at:
        data["dateModified"] = post.last_published_at.isoformat()
    if post.get_meta_description():
        data["description"] = post.get_meta_description()
    if post.image:
        rendition = post.image.get_rendition(SHARE_SPEC)
        data["image"] = request.build_absolute_uri(rendition.url)
    if keywords := [topic.name for topic in post.topics.all()]:
        data["keywords"] = keywords
    return data


def topic_list():
    """Every topic, by name (cached until content changes)."""
    return remember("topics", lambda: list(Topic.objects.all()))


def topic_by_slug(*, slug):
    """The topic with this slug, or ``None`` (from the cached topic list)."""
    return next((topic for topic in topic_list() if topic.slug == slug), None)


def topic_pages(*, topic, limit=6):
    pages = public(StandardPage.objects.live()).filter(topics=topic).order_by("title")[:limit]
    return [Item(title=p.title, url=p.url, summary=p.summary) for p in pages]


def topic_news(*, topic, limit=6):
    """The newest posts on a topic, for its topic page."""
    posts = (
        public(NewsPage.objects.live())
        .filter(topics=topic)
        .defer_streamfields()
        .order_by("-date", "-pk")[:limit]
    )
    return [
        Item(title=p.title, url=p.url, summary=p.summary, meta=p.date.strftime("%-d %B %Y"))
        for p in posts
    ]


def news_published_count(*, year) -> int:
    """Live, public news and blog posts dated in ``year`` (the year in review's figure)."""
    return public(NewsPage.objects.live()).filter(date__year=year).count()


def news_published_between(*, since, until, limit=20):
    """Live, public posts dated ``since`` ≤ date < ``until``, newest first, with their
    topics' slugs (for digests such as the newsletter)."""
    posts = (
        public(NewsPage.objects.live())
        .filter(date__gte=since, date__lt=until)
        .defer_streamfields()
        .prefetch_related("topics")
        .order_by("-date", "-pk")[:limit]
    )
    return [
        {
            "title": p.title,
            "url": p.url,
            "summary": p.summary,
            "meta": p.date.strftime("%-d %B %Y"),
            "topics": sorted(t.slug for t in p.topics.all()),
        }
        for p in posts
    ]
