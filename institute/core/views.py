import functools
from email.utils import parseaddr
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from institute.people.selectors import is_staff_member

from . import charts, selectors
from . import search as site_search
from . import topics as topic_registry
from .methods import safe_methods
from .params import page_number
from .querystrings import canonical_query, page_prefix

SEARCH_PER_PAGE = 10
_CONTROL_CHARACTERS = dict.fromkeys(range(32))


@require_GET
def topic_index(request):
    return render(
        request,
        "core/topic_index.html",
        {
            "topics": selectors.topic_list(),
            "breadcrumbs": [{"title": "Topics", "url": reverse("core:topics")}],
            "meta_title": "Topics",
            "meta_description": "Everything the institute offers on each topic, in one place.",
        },
    )


@require_GET
def topic_detail(request, slug):
    topic = selectors.topic_by_slug(slug=slug)
    if topic is None:
        raise Http404("No such topic.")
    sections = topic_registry.blocks(topic, 6)
    return render(
        request,
        "core/topic_detail.html",
        {
            "topic": topic,
            "sections": sections,
            "breadcrumbs": [
                {"title": "Topics", "url": reverse("core:topics")},
                {"title": topic.name, "url": topic.get_absolute_url()},
            ],
            "meta_title": topic.name,
            "meta_description": topic.description,
        },
    )


@require_GET
def search(request):
    """Site search: ``?q=`` words, ``?page=`` number. Any input gives a page, never an error."""
    raw = request.GET.get("q", "")
    # Shown back in the search box: printable and short, but otherwise as typed.
    typed = raw.translate(_CONTROL_CHARACTERS)[: site_search.MAX_QUERY_LENGTH]
    query = site_search.clean_query(raw)
    context = {
        "typed": typed,
        "query": query,
        "breadcrumbs": [{"title": "Search", "url": reverse("core:search")}],
        "meta_title": f"Search: {query}" if query else "Search",
        "meta_description": "Search the institute's pages, news, resources and topics.",
        "canonical_url": reverse("core:search") + canonical_query({"q": query}, order=("q",)),
        "topics": selectors.topic_list()[:12] if not query else None,
    }
    if query:
        paginator = Paginator(site_search.SiteSearch(query), SEARCH_PER_PAGE)
        page_obj = paginator.get_page(page_number(request.GET))
        context.update(
            {
                "page_obj": page_obj,
                "results": page_obj.object_list,
                "page_query": page_prefix(canonical_query({"q": query}, order=("q",))),
            }
        )
    return render(request, "core/search.html", context)


@safe_methods
def robots_txt(request):
    return render(request, "core/robots.txt", content_type="text/plain")


FAVICON = Path(__file__).resolve().parent.parent / "static" / "img" / "favicon.ico"


@functools.cache
def _favicon_bytes() -> bytes:
    return FAVICON.read_bytes()  # once per process, not on every request


@require_GET
@cache_control(public=True, max_age=60 * 60 * 24)
def favicon(request):
    """``/favicon.ico``, which browsers and feed readers ask for without reading any page."""
    return HttpResponse(_favicon_bytes(), content_type="image/x-icon")


def contact_email():
    """The society's address for people who are stuck (the From of its e-mails)."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


# The colour tokens of institute.css, shown as swatches (keep the two in step).
STYLEGUIDE_COLOURS = [
    ("brand", "#1d3f72"),
    ("brand-dark", "#132b4f"),
    ("brand-tint", "#e9eff8"),
    ("accent", "#f5b83d"),
    ("ink", "#1b1b1f"),
    ("ink-muted", "#4a4a55"),
    ("surface", "#f3f4f7"),
    ("link", "#1a4f9c"),
    ("focus", "#ffbf47"),
    ("error", "#b3261e"),
    ("success", "#1e6b35"),
    ("warning", "#7a4a00"),
]


# The style guide's charts: sample figures drawn by the roof's chart geometry at the sizes
# the benchmarking report uses, each with the same figures as a table.
SAMPLE_SHARES = [
    ("Your organisation", 0.72, 0.61, 0.81),
    ("Same type", 0.64, 0.58, 0.70),
    ("Same region", 0.58, 0.49, 0.66),
    ("Sector", 0.61, 0.58, 0.64),
]
SAMPLE_TREND = {
    "Your organisation": {2019: 0.48, 2020: 0.55, 2021: 0.53, 2022: 0.66, 2023: 0.72},
    "Sector": {2019: 0.50, 2020: 0.52, 2021: 0.56, 2022: 0.58, 2023: 0.61},
}
SAMPLE_SPREAD = [
    ("Your organisation", [0.05, 0.10, 0.13, 0.42, 0.30]),
    ("Sector", [0.08, 0.14, 0.17, 0.38, 0.23]),
]
SAMPLE_OPTIONS = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]
SAMPLE_WIDTH, SAMPLE_LABEL_W, SAMPLE_GAP = 420, 130, 10
SAMPLE_FRAME = charts.Frame(600, 250, 44, 165, 34, 30)


def _pct(share):
    return f"{charts.percent(share)}%"


def _sample_charts():
    """The three chart components drawn from sample figures, each with its table."""
    question = "We have a digital strategy the board has agreed"
    shares = charts.share_bars(
        f"{question}: share favourable",
        SAMPLE_SHARES,
        width=SAMPLE_WIDTH,
        label_w=SAMPLE_LABEL_W,
        bar_h=22,
        gap=SAMPLE_GAP,
        own_first=True,
    )
    trend = charts.trend_lines(
        f"{question}: share favourable by year",
        SAMPLE_TREND,
        frame=SAMPLE_FRAME,
        maximum=1,
        grid=[0, 0.25, 0.5, 0.75, 1],
        label=_pct,
    )
    spread = charts.stacked(
        f"{question}: how the answers were spread",
        "sample-spread",
        [(label, list(zip(SAMPLE_OPTIONS, row, strict=True))) for label, row in SAMPLE_SPREAD],
        width=SAMPLE_WIDTH,
        label_w=SAMPLE_LABEL_W,
        gap=SAMPLE_GAP,
    )
    years = sorted(SAMPLE_TREND["Sector"])
    return [
        {
            "chart": shares,
            "id": "sample-chart-table",
            "caption": "Share favourable and its 95% interval, 2023",
            "head": ["Group", "Share favourable", "95% interval"],
            "rows": [
                [label, _pct(share), f"{_pct(low)} to {_pct(high)}"]
                for label, share, low, high in SAMPLE_SHARES
            ],
        },
        {
            "chart": spread,
            "id": "sample-spread-table",
            "caption": "How the answers were spread, 2023",
            "head": ["Group", *SAMPLE_OPTIONS],
            "rows": [[label, *map(_pct, row)] for label, row in SAMPLE_SPREAD],
        },
        {
            "chart": trend,
            "id": "sample-trend-table",
            "caption": "Share favourable by year",
            "head": ["Year", *SAMPLE_TREND],
            "rows": [
                [str(year), *(_pct(points[year]) for points in SAMPLE_TREND.values())]
                for year in years
            ],
        },
    ]


@require_GET
@login_required
def styleguide(request):
    """Every component of templates/components/ with its variants, for staff who edit the site."""
    if not is_staff_member(user=request.user):
        raise PermissionDenied
    paginator = Paginator(range(200), 10)
    return render(
        request,
        "core/styleguide.html",
        {
            "breadcrumbs": [{"title": "Style guide", "url": reverse("core:styleguide")}],
            "meta_title": "Style guide",
            "page_obj": paginator.get_page(7),
            "page_query": "?",
            "colours": STYLEGUIDE_COLOURS,
            "today": timezone.localdate(),
            "sample_image": {
                "url": static("img/apple-touch-icon.png"),
                "alt": "The society's mark: three rising bars under a gold dot",
                "width": 180,
                "height": 180,
            },
            "sample_tags": [
                {"label": topic.name, "url": topic.get_absolute_url()}
                for topic in selectors.topic_list()[:3]
            ],
            "sample_charts": _sample_charts(),
            "table_head": ["Topic", "Your organisation", "Peer group"],
            "summary_rows": [
                {"key": "Name", "value": "Priya Shah", "action_url": "#summary-list"},
                {"key": "Organisation", "value": "Brighton & Hove City Council"},
                {"key": "Job title", "value": ""},
            ],
            "table_rows": [
                ["Cyber security", "72%", "64%"],
                ["Digital skills", "58%", "61%"],
                ["Data", "49%", "52%"],
            ],
            "error_items": [
                {"href": "#sample-email", "label": "E-mail", "message": "Enter an e-mail address"},
                {"href": "#sample-year", "label": "Year", "message": "Choose a year"},
            ],
        },
    )


def page_not_found(request, exception):
    return render(request, "404.html", {"contact_email": contact_email()}, status=404)


def permission_denied(request, exception):
    return render(request, "403.html", {"contact_email": contact_email()}, status=403)


def server_error(request):
    """The 500 page: rendered without the request's context processors or the database,
    either of which may be what failed."""
    html = render_to_string(
        "500.html",
        {"SITE_NAME": settings.WAGTAIL_SITE_NAME, "contact_email": contact_email()},
    )
    return HttpResponseServerError(html)
