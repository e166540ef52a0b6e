"""The hub's listing view, served by ``ResourceHubPage`` routes (type in the path, the rest
as query parameters)."""

from urllib.parse import urlencode

from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse

from .forms import HubFilterForm
from .models import ResourceType
from .selectors import hub_results

# The order of parameters in canonical URLs, so one view has exactly one address.
CANONICAL_ORDER = ("topic", "collection", "year", "q", "sort", "page")


def canonical_query(cleaned, *, page=None, drop=()):
    """The query string of a view: known parameters, fixed order, defaults left out."""
    params = []
    for name in CANONICAL_ORDER:
        if name in drop:
            continue
        value = page if name == "page" else cleaned.get(name)
        if name == "sort" and value == ("relevance" if cleaned.get("q") else "date"):
            continue
        if name == "page" and (not value or value == 1):
            continue
        if value not in (None, ""):
            params.append((name, value))
    return urlencode(params)


def hub_listing(request, hub, type_slug):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    form = HubFilterForm(request.GET)
    base_path = hub.url + (f"{type_slug}/" if type_slug else "")
    context = hub.get_context(request)
    context.update(
        {
            "form": form,
            "type_slug": type_slug,
            "type_label": ResourceType(type_slug).label if type_slug else "",
            "base_path": base_path,
            "hub_url": hub.url,
            "resource_types": ResourceType.choices,
        }
    )
    if not form.is_valid():
        context["errors"] = [e for errors in form.errors.values() for e in errors]
        return TemplateResponse(request, hub.template, context, status=400)
    data = form.cleaned_data
    results = hub_results(
        hub,
        type_slug=type_slug,
        topic=data["topic"],
        collection=data["collection"],
        year=data["year"],
        query=data["q"],
        sort=data["sort"],
        page_number=data["page"] or 1,
        per_page=hub.per_page,
    )
    query = canonical_query(data, page=results.page.number)
    keep = canonical_query(data, drop=("page",))
    context.update(
        {
            "results": results,
            "data": data,
            "canonical_url": request.build_absolute_uri(base_path + (f"?{query}" if query else "")),
            "keep_query": keep,
            "feed_url": base_path + "feed/" + (f"?{keep}" if keep else ""),
            "facet_links": _facet_links(data, type_slug, hub.url, results),
            "filtered": bool(type_slug or data["topic"] or data["collection"] or data["year"]),
        }
    )
    if type_slug:
        context["breadcrumbs_extra"] = ResourceType(type_slug).label
    return TemplateResponse(request, hub.template, context)


def _facet_links(data, type_slug, hub_url, results):
    """Each facet option's URL: the current view with that value chosen (or cleared)."""
    links = {}
    for name, options in results.facets.items():
        rows = []
        for option in options:
            if name == "type":
                path = hub_url if option.selected else f"{hub_url}{option.value}/"
                query = canonical_query(data, drop=("page",))
            else:
                path = hub_url + (f"{type_slug}/" if type_slug else "")
                changed = dict(data, **{name: None if option.selected else option.value})
                query = canonical_query(changed, drop=("page",))
            rows.append({"option": option, "url": path + (f"?{query}" if query else "")})
        links[name] = rows
    return links
