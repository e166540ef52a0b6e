"""The hub's listing view, served by ``ResourceHubPage`` routes (type in the path, the rest
as query parameters)."""

from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse

from institute.core.querystrings import canonical_query, page_prefix

from .forms import HubFilterForm
from .models import ResourceType
from .selectors import hub_results

# The order of parameters in canonical URLs, so one view has exactly one address.
CANONICAL_ORDER = ("topic", "collection", "year", "q", "sort", "page")


def hub_query(cleaned, *, page=None) -> str:
    """The query string of a hub view (``core/querystrings.py``): its filters, and ``page``
    when given; the sort left out where it is the default for the view."""
    defaults = {"sort": "relevance" if cleaned.get("q") else "date", "page": 1}
    values = {**cleaned, "page": page}
    return canonical_query(values, order=CANONICAL_ORDER, defaults=defaults)


def view_results(hub, type_slug, data, **paging):
    """The results of a hub view from its checked filters (for the listing and its feed)."""
    return hub_results(
        hub=hub,
        type_slug=type_slug,
        topic=data["topic"],
        collection=data["collection"],
        year=data["year"],
        query=data["q"],
        sort=data["sort"],
        **paging,
    )


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
    results = view_results(
        hub, type_slug, data, page_number=data["page"] or 1, per_page=hub.per_page
    )
    keep = hub_query(data)
    context.update(
        {
            "results": results,
            "data": data,
            "canonical_url": request.build_absolute_uri(
                base_path + hub_query(data, page=results.page.number)
            ),
            "page_query": page_prefix(keep),
            "feed_url": base_path + "feed/" + keep,
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
                query = hub_query(data)
            else:
                path = hub_url + (f"{type_slug}/" if type_slug else "")
                query = hub_query({**data, name: None if option.selected else option.value})
            rows.append({"option": option, "url": path + query})
        links[name] = rows
    return links
