"""The resource hub in the API: the hub's filters, facets and search with its results, and a
resource's public part. Members-only bodies are never returned here, to anyone: the API
shows what the public pages show."""

import datetime as dt

from django.http import QueryDict
from ninja import Query, Router, Schema
from ninja.params import Path

from institute.api.pagination import MAX_PAGE_SIZE, PAGE_SIZE_DOC, PageInfo, paging
from institute.api.problems import Problem
from institute.api.registry import register
from institute.core.canonical import page_url
from institute.core.params import MAX_ID

from .forms import HubFilterForm
from .models import ResourcePage, ResourceType
from .selectors import hub_page, hub_results, published_resources
from .text import stream_text

router = Router()


class ResourceSummary(Schema):
    id: int
    title: str
    url: str
    type: str
    published: dt.date
    updated: dt.date | None
    summary: str
    members_only: bool
    topics: list[str]


class FacetOptionOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class ResourceList(Schema):
    meta: PageInfo
    facets: dict[str, list[FacetOptionOut]]
    results: list[ResourceSummary]


class ResourceDetail(ResourceSummary):
    body_text: str
    body_html: str


class HubFilters(Schema):
    type: str | None = None
    topic: str | None = None
    collection: str | None = None
    year: str | None = None
    q: str | None = None
    sort: str | None = None
    page: str | None = None
    page_size: str | None = None


def _members_only(ids) -> set:
    """Which of these resources have a members-only body, in one query (the listing reads
    resources without their bodies; the bodies read here are never returned)."""
    rows = ResourcePage.objects.filter(pk__in=ids).values_list("pk", "members_body")
    return {pk for pk, body in rows if body}


def _summary(resource, topics=None, members_only=None) -> dict:
    return {
        "id": resource.pk,
        "title": resource.title,
        "url": page_url(resource),
        "type": resource.resource_type,
        "published": resource.published,
        "updated": resource.updated,
        "summary": resource.summary,
        "members_only": resource.is_members_only if members_only is None else members_only,
        "topics": sorted(t.slug for t in (topics if topics is not None else resource.topics.all())),
    }


@router.get(
    "",
    response=ResourceList,
    url_name="resources_list",
    summary="The resource hub",
    description=(
        "The hub's view with the same filters and results as its pages: type "
        f"({', '.join(ResourceType.values)}), topic, collection (slugs), year, q (search), "
        "sort (relevance or date; relevance by default when searching), and each facet's "
        f"counts. page, {PAGE_SIZE_DOC}"
    ),
)
def resources_list(request, filters: Query[HubFilters]):
    values = {k: v for k, v in filters.dict().items() if v is not None}
    type_slug = values.pop("type", "") or None
    if type_slug is not None and type_slug not in ResourceType.values:
        raise Problem(400, f"type must be one of {', '.join(ResourceType.values)}.")
    number, size = paging(values.pop("page", None), values.pop("page_size", None))
    params = QueryDict(mutable=True)
    params.update(values)
    form = HubFilterForm(params)
    if not form.is_valid():
        errors = [str(e) for errs in form.errors.values() for e in errs]
        raise Problem(400, " ".join(errors), errors=errors)
    hub = hub_page()
    if hub is None:
        raise Problem(404, "The site has no resource hub.")
    data = form.cleaned_data
    results = hub_results(
        hub=hub,
        type_slug=type_slug,
        topic=data["topic"],
        collection=data["collection"],
        year=data["year"],
        query=data["q"],
        sort=data["sort"],
        page_number=number,
        per_page=min(size, MAX_PAGE_SIZE),
    )
    resources = list(results.page.object_list)
    restricted = _members_only([r.pk for r in resources])
    pages = max(results.page.paginator.num_pages, 1)
    if number > pages:
        raise Problem(404, f"There are {pages} pages of {size}.")

    def link(n):
        query = request.GET.copy()
        query["page"] = str(n)
        return request.build_absolute_uri(request.path + "?" + query.urlencode())

    return {
        "meta": {
            "count": results.total,
            "page": number,
            "page_size": size,
            "pages": pages,
            "next": link(number + 1) if number < pages else None,
            "previous": link(number - 1) if number > 1 else None,
        },
        "facets": {
            name: [
                {"value": str(o.value), "label": o.label, "count": o.count, "selected": o.selected}
                for o in options
            ]
            for name, options in results.facets.items()
        },
        "results": [_summary(r, members_only=r.pk in restricted) for r in resources],
    }


@router.get(
    "{resource_id}/",
    response=ResourceDetail,
    url_name="resources_detail",
    summary="A resource",
    description="A resource's public part: for a members-only resource, its public teaser.",
)
def resources_detail(request, resource_id: int = Path(..., ge=1, le=MAX_ID)):
    resource = published_resources().filter(pk=resource_id).prefetch_related("topics").first()
    if resource is None:
        raise Problem(404, "No resource has this id.")
    return {
        **_summary(resource),
        # The public body only: ``members_body`` is never read here.
        "body_text": stream_text(resource.body),
        "body_html": str(resource.body),
    }


register("resources", router)


def api_rules():
    """Authorisation rules of these endpoints (gathered by ``institute/api/access.py``)."""
    from institute.core.access import ANONYMOUS, Rule

    def sample():
        from .demo import ensure_hub
        from .models import ResourcePage

        hub = hub_page() or ensure_hub()
        found = ResourcePage.objects.child_of(hub).live().first()
        if found is None:
            found = hub.add_child(
                instance=ResourcePage(title="Sample resource", slug="sample-resource")
            )
        return {"resource_id": found.pk}

    return {
        "api:resources_list": Rule(ANONYMOUS, kwargs=lambda: sample() and {}),
        "api:resources_detail": Rule(ANONYMOUS, kwargs=sample),
    }
