"""Site search over every live public page and over what rooms register.

Pages are found through Wagtail's search index, whatever their model: any page type with
``search_fields`` appears without being named here. Non-page models (topics, and whatever a
room adds) join through a small registry, like topic sections::

    from institute.core import search
    search.register(search.SearchSource(
        key="events", label="Event", queryset=lambda: Event.objects.upcoming(),
        to_item=lambda event: Item(title=event.title, url=event.get_absolute_url()),
    ))

Users type anything. The query is reduced to at most ``MAX_TERMS`` plain words before it
reaches the index, because full-text engines treat quotes, ``*``, ``AND``/``OR``/``NOT`` and
parentheses as syntax (SQLite's FTS5 raises errors on unbalanced input).
"""

import heapq
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .selectors import Item

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# Deeper result pages are not worth merging for: refine the query instead.
MAX_RESULTS = 500
_WORD = re.compile(r"\w+")
# Written in capitals these are search syntax, not words people look for.
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


@dataclass(frozen=True)
class SearchSource:
    key: str
    label: str  # the result type people see, e.g. "Topic"
    queryset: Callable  # () -> queryset of an index.Indexed model, already limited to public rows
    to_item: Callable  # (obj) -> Item


_sources: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    _sources[source.key] = source


def sources() -> list[SearchSource]:
    return sorted(_sources.values(), key=lambda s: s.key)


def clean_query(raw):
    """The words of a user's query, safe for any search backend ("" when nothing is left)."""
    raw = unicodedata.normalize("NFKC", (raw or "")[: MAX_QUERY_LENGTH * 5])
    words = _WORD.findall(raw.replace("_", " "))
    words = [word for word in words if word not in _OPERATORS] or words
    return " ".join(words[:MAX_TERMS])[:MAX_QUERY_LENGTH].strip()


@dataclass(frozen=True)
class Result:
    item: Item
    kind: str


def _relevance(score):
    # SQLite's FTS5 ranks with bm25(), where lower is better; PostgreSQL's ts_rank is the reverse.
    score = score or 0.0
    return -score if connection.vendor == "sqlite" else score


def sqlite_bm25_scores(queryset, query, *, fields=None, limit=None):
    """``(object id, BM25 score)`` of the index entries matching ``query`` for the model of
    ``queryset`` (and its subclasses), best first, from one FTS5 query — SQLite only.

    Wagtail's SQLite backend ranks by relevance with one FTS5 match per matching row (a
    correlated subquery), which takes seconds to minutes once thousands of rows match. Here
    FTS5 ranks the index entries once with bm25() (lower is better). Callers filter the ids
    to the rows they may show. This reaches into the search backend's internals (modelsearch
    1.3), so it lives here, once; the site and hub search tests cover it.
    """
    from modelsearch.backends.database.sqlite.query import MatchExpression
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry
    from modelsearch.query import PlainText
    from modelsearch.utils import get_descendants_content_types_pks

    backend = get_search_backend()
    compiler = backend.query_compiler_class(
        queryset, PlainText(query, operator="and"), fields=fields
    )
    config = compiler.get_config(backend)
    rows = (
        SQLiteFTSIndexEntry.objects.filter(
            MatchExpression(
                compiler.fields or compiler.FTS_TABLE_FIELDS,
                compiler.build_search_query(compiler.query, config=config),
            )
        )
        .filter(index_entry__content_type__in=get_descendants_content_types_pks(queryset.model))
        .annotate(score=compiler._build_rank_expression(compiler.get_search_vectors(), config))
        .order_by("score")
        .values_list("index_entry__object_id", "score")
    )
    if limit is not None:
        rows = rows[:limit]
    return [(int(object_id), score) for object_id, score in rows]


def _best_pages_sqlite(query, limit):
    """The best ``limit`` live public pages for ``query`` on SQLite, each with ``_score``.

    Entries of pages that are not live or not public are dropped after ranking, so a little
    more than ``limit`` is fetched.
    """
    pages = Page.objects.live().public()
    scores = dict(sqlite_bm25_scores(pages, query, limit=limit * 2 + 20))
    found = list(pages.filter(pk__in=scores))
    for page in found:
        page._score = scores[page.pk]
    found.sort(key=lambda page: (page._score, -page.pk))
    return found[:limit]


def _page_label(page_class):
    return getattr(page_class, "search_label", None) or page_class._meta.verbose_name.capitalize()


def _page_results(pages):
    """Results for base Page objects: one query per page type to fetch their summaries."""
    specific = {
        page.pk: page
        for page in Page.objects.filter(pk__in=[p.pk for p in pages])
        .defer_streamfields()
        .specific()
    }
    results = []
    for page in pages:
        found = specific.get(page.pk, page)
        summary = getattr(found, "summary", "") or found.search_description
        results.append(
            Result(
                Item(title=found.title, url=found.url, summary=summary), _page_label(type(found))
            )
        )
    return results


class SiteSearch:
    """Search results merged by relevance across pages and registered sources.

    Works with Django's Paginator: ``count()`` and slicing. A slice ending at *n* takes the
    best *n* of each source and merges them, so each page of results costs two queries per
    source plus one per page type shown.
    """

    def __init__(self, query):
        self.query = query
        backend = get_search_backend()
        self._searches = [("pages", None, self._pages())] + [
            (source.key, source, backend.search(query, source.queryset(), operator="and"))
            for source in sources()
        ]
        self._count = None

    def _pages(self):
        return Page.objects.live().public().search(self.query, operator="and")

    @property
    def total(self):
        """How many results there are in all (only the first MAX_RESULTS can be paged through)."""
        if self._count is None:
            self._count = sum(results.count() for _, _, results in self._searches)
        return self._count

    def count(self):
        return min(self.total, MAX_RESULTS)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, min(index.stop or MAX_RESULTS, MAX_RESULTS)
        streams = []
        for key, _source, results in self._searches:
            if key == "pages" and connection.vendor == "sqlite":
                found = _best_pages_sqlite(self.query, stop)
            else:
                found = list(results.annotate_score("_score")[:stop])
            streams.append([(-_relevance(obj._score), key, n, obj) for n, obj in enumerate(found)])
        chosen = list(heapq.merge(*streams))[start:stop]
        pages = [obj for _, key, _, obj in chosen if key == "pages"]
        page_results = iter(_page_results(pages)) if pages else iter(())
        by_key = {key: source for key, source, _ in self._searches}
        results = []
        for _, key, _, obj in chosen:
            if key == "pages":
                results.append(next(page_results))
            else:
                results.append(Result(by_key[key].to_item(obj), by_key[key].label))
        return results


def register_core_sources():
    from .models import Topic

    register(
        SearchSource(
            key="topics",
            label="Topic",
            queryset=Topic.objects.all,
            to_item=lambda topic: Item(
                title=topic.name, url=topic.get_absolute_url(), summary=topic.description
            ),
        )
    )
