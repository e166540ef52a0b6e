"""Demo content for the resource hub (idempotent): the publications, collections, magazine
issues and podcast named in the society's 2023 year in review; ``large`` adds 10,000
generated resources for the benchmarks."""

import datetime
import io
import random
import uuid

from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.models import Collection, Page
from wagtail.search.models import IndexEntry

from institute.core.demo import analyse, child_page, ensure_home
from institute.core.demo_images import illustration, motif_for
from institute.core.models import Topic

from . import demo_content as content
from .models import (
    Author,
    CollectionItem,
    CollectionPage,
    PodcastEpisodePage,
    PodcastSeriesPage,
    ResourceHubPage,
    ResourcePage,
    ResourceType,
)
from .services import hub_search_index_refresh, resource_create, resources_bulk_create

LARGE_COUNT = 10_000
LARGE_PREFIX = "sample-resource-"


def _body(blocks):
    return [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]


def ensure_hub():
    home = ensure_home()
    hub = ResourceHubPage.objects.first()
    if hub is None:
        hub = child_page(
            home,
            ResourceHubPage,
            "resources",
            title="Resources",
            summary="Reports, briefings, guidance, infographics, collections and podcasts for "
            "public-sector digital leaders, in accessible HTML.",
            intro="<p>Our publications, in HTML so they are easy to read on any device and with "
            "assistive technology. Filter by type, topic, collection or year, or search.</p>",
        )
    return hub


def seed(*, scale, log):
    hub = ensure_hub()
    topics = {t.slug: t for t in Topic.objects.all()}
    authors = [
        Author.objects.get_or_create(name=name, role=role)[0] for name, role in content.AUTHORS
    ]
    existing = set(hub.get_children().values_list("slug", flat=True))
    pages = {}
    for item in content.RESOURCES:
        if item["slug"] in existing:
            pages[item["slug"]] = ResourcePage.objects.get(slug=item["slug"])
            continue
        pages[item["slug"]] = resource_create(
            parent=hub,
            title=item["title"],
            slug=item["slug"],
            resource_type=item["type"],
            published=item["published"],
            summary=item["summary"],
            body=_body(item["body"]),
            members_body=_body(item.get("members_body", [])),
            topics=[topics[s] for s in item["topics"] if s in topics],
            authors=[authors[i] for i in item["authors"]],
        )
    log(f"{len(pages)} publications")
    _illustrate(pages.values())
    for item in content.COLLECTIONS:
        _collection(hub, item, pages, existing, kind=CollectionPage.Kind.COLLECTION)
    for item in content.MAGAZINE_ISSUES:
        _collection(hub, item, pages, existing, kind=CollectionPage.Kind.MAGAZINE_ISSUE)
    log(f"{len(content.COLLECTIONS)} collections, {len(content.MAGAZINE_ISSUES)} magazine issues")
    episodes = _podcast(hub, topics, existing)
    log(f"podcast series '{content.PODCAST['title']}' with {episodes} episodes")
    hub_search_index_refresh()
    log("search index refreshed")
    if scale == "large":
        _large(hub, topics, log)


def _illustrate(resources):
    """A cover picture for each publication without one (also used for link previews)."""
    for page in resources:
        if page.image_id:
            continue
        slugs = list(page.topics.values_list("slug", flat=True))
        image = illustration(f"publication {page.slug}", motif=motif_for(slugs))
        ResourcePage.objects.filter(pk=page.pk).update(image=image)


def _collection(hub, item, pages, existing, *, kind):
    if item["slug"] in existing:
        return
    collection = hub.add_child(
        instance=CollectionPage(
            title=item["title"],
            slug=item["slug"],
            kind=kind,
            magazine="In Our View" if kind == CollectionPage.Kind.MAGAZINE_ISSUE else "",
            issue_date=item.get("issue_date"),
            summary=item["summary"],
            intro=item.get("intro", f"<p>{item['summary']}</p>"),
        )
    )
    CollectionItem.objects.bulk_create(
        [
            CollectionItem(collection=collection, resource=pages[slug], sort_order=n)
            for n, slug in enumerate(item["items"])
        ]
    )


def podcast_artwork(title):
    """Square artwork at the minimum size podcast apps accept (1400×1400)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    canvas = PILImage.new("RGB", (1400, 1400), (29, 63, 114))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((100, 1100, 1300, 1160), fill=(255, 191, 71))
    draw.text((100, 600), title, fill=(255, 255, 255))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    if Collection.get_first_root_node() is None:  # a flushed database has no image collection
        Collection.add_root(name="Root")
    return Image.objects.create(
        title=f"{title} artwork", file=ImageFile(buffer, name=f"{uuid.uuid4().hex[:8]}.png")
    )


def _podcast(hub, topics, existing):
    data = content.PODCAST
    if data["slug"] in existing:
        series = PodcastSeriesPage.objects.get(slug=data["slug"])
    else:
        series = hub.add_child(
            instance=PodcastSeriesPage(
                title=data["title"],
                slug=data["slug"],
                summary=data["description"][:300],
                description=data["description"],
                image=podcast_artwork(data["title"]),
                author="The Institute",
                owner_name="The Institute podcast team",
                owner_email="podcast@demo.institute.example",
                itunes_category="Government",
            )
        )
    have = set(series.get_children().values_list("slug", flat=True))
    for ep in data["episodes"]:
        if ep["slug"] in have:
            continue
        resource_create(
            parent=series,
            model=PodcastEpisodePage,
            title=ep["title"],
            slug=ep["slug"],
            resource_type=ResourceType.PODCAST_EPISODE,
            published=ep["published"],
            summary=ep["summary"],
            episode_number=ep["number"],
            audio_url=f"https://media.demo.institute.example/podcasts/{ep['slug']}.mp3",
            audio_size=ep["size"],
            duration_seconds=ep["duration"],
            transcript=ep["transcript"],
            topics=[topics[s] for s in ep["topics"] if s in topics],
        )
    return len(data["episodes"])


WORDS = [
    "council",
    "digital",
    "data",
    "cyber",
    "resilience",
    "leadership",
    "place",
    "skills",
    "cloud",
    "procurement",
    "residents",
    "services",
    "sustainability",
    "network",
    "inclusion",
    "transformation",
    "strategy",
    "security",
    "platform",
    "workforce",
    "recruitment",
    "analytics",
    "automation",
    "partnership",
    "innovation",
    "benchmarking",
]


def _large(hub, topics, log, count=LARGE_COUNT):
    have = ResourcePage.objects.filter(slug__startswith=LARGE_PREFIX).count()
    missing = count - have
    if missing <= 0:
        log(f"{have} generated resources already there")
        return
    rng = random.Random(2023 + have)  # noqa: S311 — demo data, not security
    types = [t for t, _ in ResourceType.choices if t != ResourceType.PODCAST_EPISODE]
    topic_ids = [t.pk for t in topics.values()]
    rows = []
    for n in range(have, count):
        words = rng.sample(WORDS, 8)
        title = f"{words[0].title()} {words[1]} and {words[2]}: note {n + 1}"
        rows.append(
            {
                "title": title,
                "slug": f"{LARGE_PREFIX}{n + 1}",
                "resource_type": rng.choice(types),
                "summary": f"Generated demo resource on {words[0]}, {words[3]} and {words[4]}.",
                "published": datetime.date(2015 + n % 10, 1 + n % 12, 1 + n % 28),
                "body": _body([("text", f"<p>{' '.join(rng.choices(WORDS, k=120))}.</p>")]),
                "topic_ids": rng.sample(topic_ids, k=min(2, len(topic_ids))),
            }
        )
    created = 0
    for start in range(0, len(rows), 2000):
        created += resources_bulk_create(hub=hub, rows=rows[start : start + 2000])
        log(f"generated resources: {have + created}/{count}")
    # Without statistics of the fresh rows PostgreSQL sorts all 10,000 resources for the
    # hub's newest-first page instead of reading its index.
    analyse([Page, ResourcePage, ResourcePage.topics.through, CollectionItem, IndexEntry])
    log("statistics updated")
