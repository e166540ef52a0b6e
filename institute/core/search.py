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

import hashlib
import heapq
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, IntegerField, Subquery
from django.db.models.functions import Cast
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .adapters import modelsearch
from .cache import remember
from .routing import public, site_has_view_restrictions
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


def unregister(key: str) -> None:
    """Remove the source registered as ``key`` (nothing happens if there is none)."""
    _sources.pop(key, None)


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


# Up to this many unpublished pages are left out by their ids; more, by a subquery.
_HIDDEN_PAGES_BY_ID = 1000


def _hidden_pages():
    """Pks of the pages that are not live (as text, like the index's object ids), or ``None``
    when there are too many to list; kept until content next changes."""

    def compute():
        pks = Page.objects.filter(live=False).values_list("pk", flat=True)
        found = [str(pk) for pk in pks[: _HIDDEN_PAGES_BY_ID + 1]]
        return found if len(found) <= _HIDDEN_PAGES_BY_ID else "many"

    found = remember("search:hidden-pages", compute)
    return None if found == "many" else found


def _restricted_to(entries, queryset, object_id="object_id", *, live_pages=False):
    """Index entries of the rows of ``queryset`` only.

    ``live_pages``: ``queryset`` is every live page (``Page.objects.live()``, and public).
    Then the rows left out (drafts, expired pages) are usually few, or none: excluding
    them by id costs nothing, where keeping the live ones is a join with every page (and
    even a subquery for the hidden ones reads every page, on every search).
    """
    as_text = {"_pk_text": Cast("pk", CharField())}
    if live_pages and not site_has_view_restrictions():
        hidden = _hidden_pages()
        if hidden is None:
            hidden = Subquery(Page.objects.filter(live=False).order_by().values(**as_text))
        elif not hidden:
            return entries
        return entries.exclude(**{f"{object_id}__in": hidden})
    return entries.filter(**{f"{object_id}__in": Subquery(queryset.order_by().values(**as_text))})


class Ranking:
    """The rows of ``queryset`` matching ``query`` (all its words), read from the search index.

    ``count()`` and ``best(n)`` — ``(pk, score)`` of the best ``n``, most relevant first, ties
    by newest pk as the search backend orders them — are each one query on the index table,
    scoring with the backend's own expression only the entries that match. The backend's
    ``.search()`` joins the model's table to the index and scores and counts in separate
    passes over every match, which costs hundreds of milliseconds once thousands match.
    The one ranking of the site: site search and the resource hub's search both use it. The
    backend's internals it needs are in ``adapters.modelsearch``; the site search tests
    compare it with the backend's own results.
    """

    def __init__(self, queryset, query, parsed=None, *, live_pages=False, scoped=True):
        self.queryset = queryset
        self.live_pages = live_pages
        # scoped=False: every index entry of the queryset's model, drafts and other
        # sections' rows too, for a caller that keeps only the keys its queryset holds
        # anyway (the hub): saves matching against a subquery of the queryset.
        self.scoped = scoped
        self.query = query
        # PostgreSQL's parsed query, by its SQL: shared by the rankings of one search.
        self._parsed = {} if parsed is None else parsed
        self._found = None
        self.vendor = connection.vendor
        if self.vendor not in ("sqlite", "postgresql"):
            self._results = get_search_backend().search(query, queryset, operator="and")

    def _entries(self):
        if self._found is None:
            if self.vendor == "sqlite":
                entries, object_id, score = modelsearch.sqlite_matches(self.queryset, self.query)
            else:
                entries, object_id, score = modelsearch.postgres_matches(
                    self.queryset, self.query, self._parsed
                )
            if self.scoped:
                entries = _restricted_to(
                    entries, self.queryset, object_id, live_pages=self.live_pages
                )
            # bm25() on SQLite: lower is better; ts_rank on PostgreSQL: higher is better.
            self._found = entries, object_id, score, self.vendor != "sqlite"
        return self._found

    def count(self):
        if self.vendor not in ("sqlite", "postgresql"):
            return self._results.count()
        entries, *_ = self._entries()
        return entries.count()

    def keys(self):
        """The pks of every match, most relevant first."""
        return [pk for pk, _score in self.best(None)]

    def best(self, limit):
        if self.vendor not in ("sqlite", "postgresql"):
            found = self._results.annotate_score("_score")[:limit]
            return [(obj.pk, obj._score) for obj in found]
        entries, object_id, score, descending = self._entries()
        rows = (
            entries.annotate(_score=score, _pk=Cast(object_id, IntegerField()))
            .order_by("-_score" if descending else "_score", "-_pk")
            .values_list("_pk", "_score")[:limit]
        )
        return list(rows)


def _page_label(page_class):
    return getattr(page_class, "search_label", None) or page_class._meta.verbose_name.capitalize()


def _page_results(pks):
    """Results for pages by pk: one query per page type to fetch their summaries."""
    results = {}
    for page in Page.objects.filter(pk__in=pks).defer_streamfields().specific():
        summary = getattr(page, "summary", "") or page.search_description
        results[page.pk] = Result(
            Item(title=page.title, url=page.url, summary=summary), _page_label(type(page))
        )
    return results


class SiteSearch:
    """Search results merged by relevance across pages and registered sources.

    Works with Django's Paginator: ``count()`` and slicing. A slice ending at *n* takes the
    best *n* of each source from the search index and merges them, then fetches only the
    rows shown: one query per source to count, one to rank, and one per page type (or
    source) shown.

    The count and the ranking of a query are kept until content next changes (``remember``;
    any write to content retires them), so a query asked again — the next page of results,
    or the same words from someone else — costs only the rows shown. A registered source
    whose rows change with time alone (say, "upcoming") is at most the cache timeout late.
    """

    def __init__(self, query):
        self.query = query
        parsed = {}
        pages = Ranking(public(Page.objects.live()), query, parsed, live_pages=True)
        self._searches = [("pages", None, pages)] + [
            (source.key, source, Ranking(source.queryset(), query, parsed)) for source in sources()
        ]
        self._count = None
        self._key = hashlib.sha256(query.encode()).hexdigest()

    @property
    def total(self):
        """How many results there are in all (only the first MAX_RESULTS can be paged through)."""
        if self._count is None:
            self._count = remember(
                f"search-count:{self._key}",
                lambda: sum(ranking.count() for _, _, ranking in self._searches),
            )
        return self._count

    def count(self):
        return min(self.total, MAX_RESULTS)

    def __len__(self):
        return self.count()

    def _best(self, stop):
        """``(source key, pk)`` of the best ``stop`` results of all sources, best first."""
        streams = []
        for key, _source, ranking in self._searches:
            found = ranking.best(stop)
            streams.append(
                [(-_relevance(score), key, n, pk) for n, (pk, score) in enumerate(found)]
            )
        return [(key, pk) for _, key, _, pk in heapq.merge(*streams)][:stop]

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, min(index.stop or MAX_RESULTS, MAX_RESULTS)
        best = remember(f"search-best:{stop}:{self._key}", lambda: self._best(stop))
        chosen = best[start:stop]
        wanted = {}
        for key, pk in chosen:
            wanted.setdefault(key, []).append(pk)
        by_key = {key: source for key, source, _ in self._searches}
        objects = {}
        for key, pks in wanted.items():
            if key == "pages":
                objects[key] = _page_results(pks)
            else:
                source = by_key[key]
                objects[key] = {
                    pk: Result(source.to_item(obj), source.label)
                    for pk, obj in source.queryset().in_bulk(pks).items()
                }
        return [objects[key][pk] for key, pk in chosen if pk in objects[key]]


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
