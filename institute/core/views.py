from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from . import search as site_search
from . import selectors
from . import topics as topic_registry

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
    topic = selectors.topic_by_slug(slug)
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
        "canonical_url": reverse("core:search") + (f"?{urlencode({'q': query})}" if query else ""),
        "topics": selectors.topic_list()[:12] if not query else None,
    }
    if query:
        paginator = Paginator(site_search.SiteSearch(query), SEARCH_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            {
                "page_obj": page_obj,
                "results": page_obj.object_list,
                "page_query": f"?{urlencode({'q': query})}&",
            }
        )
    return render(request, "core/search.html", context)


@require_GET
def robots_txt(request):
    return render(request, "core/robots.txt", content_type="text/plain")


@require_GET
def favicon(request):
    """Browsers (and the admin) ask for /favicon.ico whatever a page's markup says."""
    return redirect(static("img/favicon.ico"), permanent=True)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
