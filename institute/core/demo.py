"""Demo content for the roof: the site, its home page, informational pages and topics."""

from django.conf import settings
from wagtail.models import Locale, Page, Site

from .models import HomePage, StandardPage, Topic

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

PAGES = [
    (
        "About",
        "about",
        "The society of public-sector digital leaders, by the members, for the members.",
    ),
    ("Contact", "contact", "How to reach the society's team."),
    ("How to join", "how-to-join", "Membership for individuals and organisations."),
    ("FAQ", "faq", "Answers to the questions members ask most."),
]


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


def child_page(parent, model, slug, **fields):
    page = parent.get_children().filter(slug=slug).specific().first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
    return page


def seed(*, scale, log):
    for name, slug, description in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
    log(f"{len(TOPICS)} topics")
    home = ensure_home()
    for title, slug, summary in PAGES:
        child_page(home, StandardPage, slug, title=title, summary=summary, body=f"<p>{summary}</p>")
    log(f"home page and {len(PAGES)} informational pages")
