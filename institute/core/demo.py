"""Demo content for the roof: site, home page and its banner, informational pages, news and
blog, topics, and the editor-managed menu and footer. Idempotent: existing content is kept."""

import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from . import demo_content as content
from . import demo_images
from .models import (
    FooterLink,
    HomePage,
    HomePageHighlight,
    MenuItem,
    NewsIndexPage,
    NewsPage,
    NewsPageAuthor,
    SiteChrome,
    StandardPage,
    Topic,
)

TOPICS = [
    (
        "Artificial intelligence",
        "ai",
        "Opportunities, threats and responsible use of AI and large language models.",
    ),
    (
        "Cyber security",
        "cyber",
        "Cyber resilience, awareness and leadership for local public services.",
    ),
    ("Data", "data", "Exploding silos: data, information and insight across public services."),
    (
        "Digital skills",
        "digital-skills",
        "Skills for staff and residents, from the basics to leadership.",
    ),
    (
        "Sustainability and net zero",
        "sustainability",
        "Green and sustainable IT, e-waste and the road to net zero.",
    ),
    ("Connected places", "connected-places", "Smart, connected and inclusive places."),
    ("Leadership", "leadership", "Contemporary digital leadership in turbulent times."),
    (
        "Equality, diversity and inclusion",
        "edi",
        "Equality, diversity and inclusion in digital teams.",
    ),
    ("Place-based working", "place-based", "Place-based leadership and outcomes for communities."),
    ("Resilience", "resilience", "Organisational and community resilience."),
    (
        "Recruitment and retention",
        "recruitment",
        "Attracting and keeping people in local government technology.",
    ),
    ("Benchmarking", "benchmarking", "Measuring and comparing ICT services."),
]

# Generated volumes at scale "large" (benchmarks): posts per index, and a guide section of
# standard pages three levels deep (sections × chapters × pages).
LARGE_POSTS = {"news": 1500, "blog": 500}
LARGE_GUIDES = (8, 5, 5)


def ensure_home():
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        if root is None:  # a flushed database (transactional tests) has no tree at all
            Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
            root = Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(
            instance=HomePage(
                title="Institute",
                slug="home-institute",
                summary="The one-stop home of the society of public-sector digital leaders.",
                intro="<p>Events, training, resources, benchmarking and a leadership academy for "
                "the people who lead digital public services.</p>",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Institute",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Institute"
        site.save()
        if old_root.specific_class is Page and old_root.slug == "home":
            old_root.delete()
    return home


def analyse(models, *, vacuum=False):
    """Fresh planner statistics for the tables of ``models`` after a room's bulk seeding.

    Without them the database takes thousands of fresh rows for a few and picks the wrong
    plan (PostgreSQL gathers none until asked or until autovacuum gets round to it; SQLite
    forgets them when a migration rebuilds a table). ``vacuum``: on PostgreSQL, outside a
    transaction, ``VACUUM ANALYZE`` also sets the visibility map index-only scans need.
    """
    tables = [connection.ops.quote_name(model._meta.db_table) for model in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            verb = "VACUUM ANALYZE" if vacuum and not connection.in_atomic_block else "ANALYZE"
            cursor.execute(f"{verb} {', '.join(tables)}")
        else:
            for table in tables:
                cursor.execute(f"ANALYZE {table}")


def child_page(parent, model, slug, **fields):
    """The child page with this slug, created (as published now) if missing."""
    page = parent.get_children().filter(slug=slug).specific().first()
    if page is None:
        now = timezone.now()
        # Publication times feed the sitemap's lastmod and the feeds.
        fields = {"first_published_at": now, "last_published_at": now, **fields}
        page = parent.add_child(instance=model(slug=slug, **fields))
    return page


def _published(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(9)))


def _link(target, pages):
    """(page, url) for a content link: ``LINK:<slug>`` names a demo page."""
    if target.startswith("LINK:"):
        return pages[target.removeprefix("LINK:")], ""
    return None, target


def _block_link(target, pages):
    page, url = _link(target, pages)
    return {"page": page, "url": url}


def _resolve_links(body, pages):
    resolved = []
    for block_type, value in body:
        if block_type == "call_to_action":
            value = {**value, "link": _block_link(value["link"], pages)}
        resolved.append((block_type, value))
    return resolved


def _seed_posts(index, posts, topics):
    made = 0
    for title, slug, date, summary, topic_slugs, authors, paragraphs in posts:
        if index.get_children().filter(slug=slug).exists():
            continue
        motif = demo_images.motif_for(topic_slugs)
        image = demo_images.illustration(f"news {slug}", motif=motif)
        post = NewsPage(
            title=title,
            image=image,
            image_alt=image.description,
            slug=slug,
            date=date,
            first_published_at=_published(date),
            last_published_at=_published(date),
            summary=summary,
            body=content.p(*paragraphs),
            topics=[topics[s] for s in topic_slugs],
            authors=[NewsPageAuthor(name=name, role=role) for name, role in authors],
        )
        index.add_child(instance=post)
        made += 1
    return made


def _large_posts(index, topics, log):
    """Generated posts over three years and every topic, for benchmark volumes.

    Pages cannot be bulk-created (they live in a tree over two tables), so this adds them one
    by one; about two thousand take a minute or so on SQLite.
    """
    wanted = LARGE_POSTS[index.slug]
    existing = index.get_children().filter(slug__startswith="demo-post-").count()
    topic_list = list(topics.values())
    start = datetime.date(2021, 1, 1)
    for n in range(existing, wanted):
        date = start + datetime.timedelta(days=(n * 7) % 1095)
        first = n % len(topic_list)
        index.add_child(
            instance=NewsPage(
                title=f"Demo {index.title.lower()} post {n + 1}: notes from a member drop-in",
                slug=f"demo-post-{n + 1}",
                date=date,
                first_published_at=_published(date),
                last_published_at=_published(date),
                summary="Generated demo post: what members shared about digital public services.",
                body=content.p(
                    "Members shared what works in digital leadership, data and cyber resilience "
                    "across local public services."
                ),
                topics=topic_list[first : first + 2],
            )
        )
        if (n + 1) % 250 == 0:
            log(f"{index.title}: {n + 1} of {wanted} generated posts")


def _large_guides(home, log):
    """Standard pages three levels deep under a generated "Guides" page."""
    guides = child_page(home, StandardPage, "guides", title="Guides", summary="Generated guides.")
    sections, chapters, leaves = LARGE_GUIDES
    made = 0
    for s in range(1, sections + 1):
        section = child_page(guides, StandardPage, f"section-{s}", title=f"Guide section {s}")
        for c in range(1, chapters + 1):
            chapter = child_page(section, StandardPage, f"chapter-{c}", title=f"Chapter {s}.{c}")
            for leaf in range(1, leaves + 1):
                child_page(
                    chapter,
                    StandardPage,
                    f"page-{leaf}",
                    title=f"Guide {s}.{c}.{leaf}: working with members",
                    summary="Generated guide page for benchmark volumes.",
                    body=content.p("How digital leaders work with members and partners."),
                )
                made += 1
    log(f"guides: {made} standard pages three levels deep")


def _seed_chrome(pages):
    chrome = SiteChrome.load()
    if not chrome.menu_items.exists():
        for label, target in content.MENU:
            page, url = _link(target, pages)
            MenuItem.objects.create(chrome=chrome, label=label, link_page=page, link_url=url)
    if not chrome.footer_links.exists():
        for label, target in content.FOOTER:
            page, url = _link(target, pages)
            FooterLink.objects.create(chrome=chrome, label=label, link_page=page, link_url=url)
    if not chrome.footer_text:
        chrome.footer_text = "Institute — the society of public-sector digital leaders. Demo site."
        chrome.save()


def links_to_pages(*, log=print):
    """Menu, footer and highlight links typed as paths become page links once the rooms have
    made those pages (the calendar, the resource hub): a page link follows its page."""
    from .models.links import page_at_path

    changed = 0
    for model in (MenuItem, FooterLink, HomePageHighlight):
        for link in model.objects.exclude(link_url=""):
            page = page_at_path(link.link_url)
            if page is not None:
                link.link_page, link.link_url = page, ""
                link.save(update_fields=["link_page", "link_url"])
                changed += 1
    log(f"links: {changed} paths now point at their pages")


def _illustrate(index):
    """Pictures for posts seeded before the demo had them (an older demo database)."""
    for post in NewsPage.objects.child_of(index).filter(image__isnull=True):
        slugs = list(post.topics.values_list("slug", flat=True))
        image = demo_images.illustration(f"news {post.slug}", motif=demo_images.motif_for(slugs))
        NewsPage.objects.filter(pk=post.pk).update(image=image, image_alt=image.description)


def _seed_home(home, pages):
    if not home.highlights.exists():
        for title, text, label, target in content.HIGHLIGHTS:
            page, url = _link(target, pages)
            HomePageHighlight.objects.create(
                page=home, title=title, text=text, label=label, link_page=page, link_url=url
            )
    for n, highlight in enumerate(home.highlights.filter(image__isnull=True)):
        motif = ("bars", "network", "waves", "tiles")[n % 4]
        image = demo_images.illustration(f"highlight {highlight.title}", motif=motif)
        highlight.image, highlight.image_alt = image, image.description
        highlight.save()
    if not home.rooms:
        home.rooms = [
            ("room", {"title": title, "text": text, "link": _block_link(target, pages)})
            for title, text, target in content.ROOMS
        ]
        home.save_revision().publish()


def seed(*, scale, log):
    topics = {}
    for name, slug, description in TOPICS:
        topics[slug] = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
    log(f"{len(TOPICS)} topics")
    home = ensure_home()
    pages = {}
    for slug, page in content.PAGES.items():
        pages[slug] = child_page(
            home, StandardPage, slug, title=page["title"], summary=page["summary"]
        )
    for slug, page in content.PAGES.items():
        if not pages[slug].body:
            pages[slug].body = _resolve_links(page["body"], pages)
            pages[slug].save_revision().publish()
    log(f"{len(pages)} informational pages")
    news = child_page(
        home,
        NewsIndexPage,
        "news",
        title="News",
        summary="News from the society: announcements, partnerships, elections and fundraising.",
        intro=RichText("<p>What the society has been doing, newest first.</p>"),
    )
    blog = child_page(
        home,
        NewsIndexPage,
        "blog",
        title="Blog",
        summary="Members and staff write about digital leadership in public services.",
        intro=RichText("<p>Stories and reflections from members and the team.</p>"),
    )
    made = _seed_posts(news, content.NEWS, topics) + _seed_posts(blog, content.BLOG, topics)
    _illustrate(news)
    _illustrate(blog)
    log(f"news and blog: {made} new posts")
    if scale == "large":
        _large_posts(news, topics, log)
        _large_posts(blog, topics, log)
        _large_guides(home, log)
    pages |= {
        "news": news,
        "blog": blog,
        **{slug: news.get_children().get(slug=slug) for _, slug, *_ in content.NEWS},
    }
    _seed_chrome(pages)
    _seed_home(home, pages)
    log("menu, footer, home page highlights and room links")
