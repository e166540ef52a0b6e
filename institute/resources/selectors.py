"""Reads of the resource hub: who may read members' content, the hub's filtered listing with
facet counts and search, and what to show beside a resource."""

import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    Q,
    TextField,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, ExtractYear, Substr
from wagtail.models import Page

from institute.core import routing
from institute.core import topics as topic_registry
from institute.core.cache import remember
from institute.core.models import Topic
from institute.core.selectors import Item

from .models import CollectionItem, PodcastEpisodePage, ResourcePage, ResourceType
from .search import ids_param, kept_in_order, match
from .text import highlight, html_text, search_text, stream_text

FACETS = ("type", "topic", "collection", "year")


def can_read_members_content(*, user) -> bool:
    """Whether ``user`` may read members-only bodies: staff, and people whose membership's
    status allows it today (``membership.selectors.member_can``, the one rule)."""
    from institute.membership.selectors import READ_MEMBERS_CONTENT, member_can

    return member_can(user=user, action=READ_MEMBERS_CONTENT)


def published_resources():
    """Every live resource the public may see (members-only ones show their teaser); without
    Wagtail's query for every view restriction while the site has none."""
    return routing.public(ResourcePage.objects.live())


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class HubResults:
    page: object  # a Paginator page of ResourcePage
    total: int
    facets: dict = field(default_factory=dict)  # facet name -> [FacetOption]
    snippets: dict = field(default_factory=dict)  # resource pk -> the search snippet's fragments


def _facet_filters(*, type_slug, topic, collection, year):
    filters = {}
    if type_slug:
        filters["type"] = Q(resource_type=type_slug)
    if topic:
        filters["topic"] = Q(topics__slug=topic)
    if collection:
        filters["collection"] = Q(collection_items__collection__slug=collection)
    if year:
        filters["year"] = Q(published__year=year)
    return filters


def _apply(queryset, filters, without=None):
    for name, condition in filters.items():
        if name != without:
            queryset = queryset.filter(condition)
    return queryset


def hub_results(
    *,
    hub,
    type_slug=None,
    topic=None,
    collection=None,
    year=None,
    query="",
    sort="date",
    page_number=1,
    per_page=20,
):
    """One view of the hub: a page of resources, each facet's counts, and search snippets.

    Each facet's counts apply every *other* chosen facet, so a count says how many resources
    choosing that value would give. The query count is fixed whatever the data size: one
    query for all the facets (kept until content next changes), the page itself and one
    prefetch of topics; a search adds its one full-text match and one query for which
    matches this view may show. Search runs through Wagtail's search backend (SQLite FTS5 or
    PostgreSQL full text) once per request (``search.match``); the keys of the matches then
    stand in for the match in the facet and listing queries, so facets and sorting stay in
    plain SQL.
    """
    base = published_resources().descendant_of(hub)
    filters = _facet_filters(type_slug=type_slug, topic=topic, collection=collection, year=year)
    best = None
    if query:
        base, best = _searched(base, filters, query)
    # The counts are the same for every visitor and change only with content: kept until
    # content next changes, so a view read again (or by a signed-in visitor, whom the page
    # cache does not serve) skips the one query that reads every resource.
    view = [hub.pk, type_slug, topic, collection, year, search_text(query) if query else None]
    facets = remember(
        "resources:facets:" + hashlib.sha256(json.dumps(view).encode()).hexdigest(),
        lambda: _facets(
            base, filters, type_slug=type_slug, topic=topic, collection=collection, year=year
        ),
    )
    # Every resource has exactly one type, so the type facet (which applies every other
    # filter) already holds the total: no separate COUNT query.
    type_counts = {o.value: o.count for o in facets["type"]}
    total = type_counts.get(type_slug, 0) if type_slug else sum(type_counts.values())
    if best is not None and sort == "relevance":
        paginator = Paginator(_BestMatches(best, total), per_page)
    else:
        listing = _apply(base, filters).order_by("-published", "-pk").prefetch_related("topics")
        if not query:
            listing = listing.defer("body", "members_body")
        paginator = Paginator(listing, per_page)
    paginator.count = total
    page = paginator.get_page(page_number)
    snippets = {}
    if query:
        for resource in page.object_list:
            text = f"{resource.summary} {stream_text(resource.body)}"
            snippets[resource.pk] = highlight(text, query)
    return HubResults(page=page, total=total, facets=facets, snippets=snippets)


class _BestMatches:
    """The matches of a search, best first, for a ``Paginator``: only the page asked for is
    read (its length is the total the facet counts already hold)."""

    def __init__(self, best, total):
        self.best, self.total = best, total

    def __len__(self):
        return self.total

    def __getitem__(self, window):
        resources = self.best(window.start or 0, window.stop)
        prefetch_related_objects(resources, "topics")
        return resources


def _searched(base, filters, query):
    """The resources of ``base`` matching ``query`` (a queryset, for the facets and the date
    sort) and a function giving the page ``[start:stop]`` of those the chosen facets keep,
    best match first (``None`` when the query has no search terms).

    The full-text match runs once (``search.match``: the keys of every match, best first);
    then one query keeps the one page of them this view shows, in that order, so no list of
    every match the view keeps is read back.
    """
    matches = match(base, query)
    if matches is None:
        return base.none(), None
    if not matches:
        return base.none(), lambda start, stop: []
    within = base.filter(pk__in=ids_param(matches))

    def best(start, stop):
        keys = kept_in_order(matches, _apply(base, filters), start, stop)
        found = ResourcePage.objects.filter(pk__in=keys).in_bulk()
        return [found[pk] for pk in keys]

    return within, best


def _year_text(field, text):
    """A date's year as text, in SQL. Django's ``ExtractYear`` calls back into Python for every
    row on SQLite (a third of the facet query's time at 10,000 resources); SQLite stores dates
    as ``YYYY-MM-DD`` text, so the year is its first four characters."""
    if connection.vendor == "sqlite":
        return Substr(Cast(field, text), 1, 4)
    return Cast(ExtractYear(field), text)


def _facets(base, filters, *, type_slug, topic, collection, year):
    """All four facets' counts in one query, from one pass over the resources ``base`` holds.

    The resources are read once (a materialised ``WITH``), each with its type, year and
    whether it has the chosen topic and is in the chosen collection; each facet then counts
    the rows every *other* chosen facet keeps. Four separate grouped counts (each joining
    the page tree again, with ``COUNT(DISTINCT …)``) cost about ten times as much at 10,000
    resources. A resource has a topic, or is in a collection, at most once (unique
    constraints), so plain counts are counts of resources. With two or more facets chosen,
    only the resources every chosen facet but one keeps are read.

    Raw SQL on purpose: the same counts with the ORM's conditional aggregation (four grouped
    ``values().annotate(Count(…, filter=Q(…)))`` in one ``UNION ALL``) read the resources
    once per facet and were 2 to 6 times slower at 10,000 resources (docs/resources.md).
    Table names come from the models' ``_meta.db_table``; values are parameters.
    """
    text = CharField()
    topic_table = ResourcePage.topics.through._meta.db_table
    columns = {
        "rid": F("pk"),
        "rtype": Cast("resource_type", text),
        "ryear": _year_text("published", text),
    }
    if topic:
        columns["rtopic"] = ExpressionWrapper(
            Q(
                pk__in=ResourcePage.topics.through.objects.filter(topic__slug=topic).values(
                    "resourcepage_id"
                )
            ),
            output_field=BooleanField(),
        )
    if collection:
        columns["rcollection"] = ExpressionWrapper(
            Q(
                pk__in=CollectionItem.objects.filter(collection__slug=collection).values(
                    "resource_id"
                )
            ),
            output_field=BooleanField(),
        )
    if len(filters) >= 2:
        # Only rows that every chosen facet but one keeps count anywhere: read just those
        # (each set starts from its own filters' indexes), not every resource.
        counted = Q()
        for name in filters:
            counted |= Q(pk__in=_apply(ResourcePage.objects.all(), filters, name).values("pk"))
        base = base.filter(counted)
    try:
        base_sql, base_params = base.order_by().values(**columns).query.sql_with_params()
    except EmptyResultSet:  # a search that matched nothing: no query at all
        base_sql = None
    # What keeps a row, per chosen facet: each facet's counts use every other condition.
    keeps = {}
    if type_slug:
        keeps["type"] = ("b.rtype = %s", [type_slug])
    if topic:
        keeps["topic"] = ("b.rtopic", [])
    if collection:
        keeps["collection"] = ("b.rcollection", [])
    if year:
        keeps["year"] = ("b.ryear = %s", [str(year)])

    def where(facet):
        kept = [keeps[name] for name in keeps if name != facet]
        if not kept:
            return "", []
        return " WHERE " + " AND ".join(sql for sql, _ in kept), [p for _, ps in kept for p in ps]

    q = connection.ops.quote_name
    parts = {
        "type": "SELECT 'type', b.rtype, '', COUNT(*) FROM base b{where} GROUP BY b.rtype",
        "topic": (
            f"SELECT 'topic', t.{q('slug')}, t.{q('name')}, COUNT(*) FROM base b"  # noqa: S608 — names from the models, values as %s
            f" JOIN {q(topic_table)} rt ON rt.{q('resourcepage_id')} = b.rid"
            f" JOIN {q(Topic._meta.db_table)} t ON t.{q('id')} = rt.{q('topic_id')}"
            f"{{where}} GROUP BY t.{q('slug')}, t.{q('name')}"
        ),
        "collection": (
            f"SELECT 'collection', p.{q('slug')}, p.{q('title')}, COUNT(*) FROM base b"  # noqa: S608 — names from the models, values as %s
            f" JOIN {q(CollectionItem._meta.db_table)} ci ON ci.{q('resource_id')} = b.rid"
            f" JOIN {q(Page._meta.db_table)} p ON p.{q('id')} = ci.{q('collection_id')}"
            f"{{where}} GROUP BY p.{q('slug')}, p.{q('title')}"
        ),
        "year": "SELECT 'year', b.ryear, '', COUNT(*) FROM base b{where} GROUP BY b.ryear",
    }
    found = []
    sql, params = [], list(base_params) if base_sql else []
    for name, part in parts.items():
        condition, condition_params = where(name)
        sql.append(part.format(where=condition))
        params.extend(condition_params)
    if base_sql:
        statement = f"WITH base AS MATERIALIZED ({base_sql}) " + " UNION ALL ".join(sql)
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            found = cursor.fetchall()

    rows = {"type": {}, "topic": [], "collection": [], "year": []}
    for facet, value, label, n in found:
        if facet == "type":
            rows["type"][value] = n
        elif value:
            rows[facet].append(FacetOption(value, label or value, n))
    selected = {"topic": topic, "collection": collection, "year": str(year) if year else None}
    for name in ("topic", "collection", "year"):
        for option in rows[name]:
            option.selected = option.value == selected[name]
    return {
        "type": [
            FacetOption(value, label, rows["type"].get(value, 0), value == type_slug)
            for value, label in ResourceType.choices
            if rows["type"].get(value) or value == type_slug
        ],
        "topic": sorted(rows["topic"], key=lambda o: o.label),
        "collection": sorted(rows["collection"], key=lambda o: o.label),
        "year": sorted(rows["year"], key=lambda o: o.value, reverse=True),
    }


def related_by_topic(*, resource, limit=3):
    """Other live resources sharing a topic with ``resource``, newest first, as ``Item``s.

    Cached until content next changes: the same for every visitor, and read on every view of
    a publication.
    """
    topic_ids = sorted(t.pk for t in resource.topics.all())
    if not topic_ids:
        return []

    def compute():
        related = (
            published_resources()
            .filter(topics__in=topic_ids)
            .exclude(pk=resource.pk)
            .distinct()
            .order_by("-published", "-pk")
            .defer("body", "members_body")[:limit]
        )
        return [Item(title=r.title, url=r.url, meta=r.get_resource_type_display()) for r in related]

    return remember(f"resources:related:{resource.pk}:{limit}", compute)


def related_elsewhere(*, resource, limit=3):
    """Events, programmes and more from the other rooms on the resource's first topic.

    Uses the roof's topic sections, so this room needs no knowledge of the others' models.
    """
    topics = sorted(resource.topics.all(), key=lambda t: t.name)
    if not topics:
        return []
    return topic_registry.blocks(topics[0], limit, exclude=("resources", "pages"), more=False)


def collection_items(*, collection):
    """The live resources of a collection, in the editor's order."""
    return list(
        CollectionItem.objects.filter(collection=collection, resource__live=True)
        .select_related("resource")
        .order_by("sort_order", "pk")
    )


def series_episodes(*, series):
    """Live episodes of a podcast series, newest first."""
    return list(
        PodcastEpisodePage.objects.live()
        .public()
        .child_of(series)
        .order_by("-published", "-episode_number", "-pk")
    )


def topic_items(*, topic, limit=6):
    """What the hub shows on a topic page: its newest resources on the topic."""
    resources = (
        published_resources()
        .filter(topics=topic)
        .order_by("-published", "-pk")
        .defer("body", "members_body")[:limit]
    )
    return [
        Item(
            title=r.title,
            url=r.url,
            summary=r.summary,
            meta=f"{r.get_resource_type_display()} · {r.published:%-d %B %Y}",
        )
        for r in resources
    ]


def hub_page():
    from .models import ResourceHubPage

    return ResourceHubPage.objects.live().first()


def topic_more_url(*, topic):
    hub = hub_page()
    return f"{hub.url}?topic={topic.slug}" if hub else None


def public_teaser_text(*, resource) -> str:
    """The text anyone may read: summary and public body, never the members' body."""
    return f"{html_text(resource.summary)} {stream_text(resource.body)}".strip()


def podcasts_sponsored_by(*, organisation, limit: int = 50) -> list[dict]:
    """Live public podcast episodes ``organisation`` sponsored, newest first: title,
    address and date (one query)."""
    episodes = routing.public(PodcastEpisodePage.objects.live().filter(sponsor=organisation))
    return [
        {"title": e.title, "url": e.url, "published": e.published}
        for e in episodes.order_by("-published", "pk")[:limit]
    ]


# A resource whose body offers a document to download is published as a PDF; the rest are
# read in HTML. Both StreamField storages (JSON text on SQLite, jsonb on PostgreSQL) write a
# block's type as ``"type": "download"``.
_DOWNLOAD_BLOCK = '"type": "download"'


def resources_published_counts(*, year) -> dict:
    """Resources the public can find, published in ``year``, in HTML and as PDF (one
    query): ``{"html": n, "pdf": n}``."""
    rows = (
        published_resources()
        .filter(published__year=year)
        .annotate(as_text=Cast("body", TextField()))
        .aggregate(
            total=Count("pk"),
            pdf=Count("pk", filter=Q(as_text__contains=_DOWNLOAD_BLOCK)),
        )
    )
    return {"html": rows["total"] - rows["pdf"], "pdf": rows["pdf"]}


def resources_published_between(*, since, until, limit=20):
    """Live, public resources published ``since`` ≤ date < ``until``, newest first, with
    their topics' slugs (for digests such as the newsletter)."""
    resources = (
        published_resources()
        .filter(published__gte=since, published__lt=until)
        .defer("body", "members_body")
        .prefetch_related("topics")
        .order_by("-published", "-pk")[:limit]
    )
    return [
        {
            "title": r.title,
            "url": r.url,
            "summary": r.summary,
            "meta": f"{r.get_resource_type_display()} · {r.published:%-d %B %Y}",
            "topics": sorted(t.slug for t in r.topics.all()),
        }
        for r in resources
    ]
