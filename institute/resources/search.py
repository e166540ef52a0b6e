"""Full-text search of the hub through Wagtail's search backend.

Matching always goes through the backend (SQLite FTS5 or PostgreSQL full text) as an
uncorrelated subquery, which stays fast at any size. Ranking by relevance differs: the
PostgreSQL backend ranks inline, but the SQLite backend ranks each candidate row with a
correlated subquery that re-runs the FTS5 MATCH per row — minutes at 10,000 resources. On
SQLite we therefore read every match's BM25 score in one FTS5 query and order in Python.
"""

from django.db import connection

from institute.core.search import sqlite_bm25_scores

from .text import search_text


def matching(queryset, query):
    """The resources of ``queryset`` matching ``query`` (a plain queryset), and the backend's
    search results object (used for ranking). Returns ``(queryset.none(), None)`` when the
    query has nothing searchable in it."""
    terms = search_text(query)
    if not terms:
        return queryset.none(), None
    results = queryset.search(terms, operator="and", order_by_relevance=False)
    # The backend's own queryset of matches (unsliced); only its primary keys are used.
    matches = results.get_queryset().order_by().values("pk")
    return queryset.filter(pk__in=matches), results


def ranked_ids(results, candidates):
    """Primary keys of ``candidates`` (a queryset of matches) in order of relevance."""
    if connection.vendor == "sqlite":
        scores = dict(_sqlite_scores(results))
        ids = list(candidates.order_by().values_list("pk", flat=True))
        # BM25 in SQLite is lower-is-better; ties go to the newest page, as Wagtail does.
        return sorted(ids, key=lambda pk: (scores.get(pk, 0.0), -pk))
    ranked = results.backend.search(
        results.query_compiler.query, candidates, operator="and", order_by_relevance=True
    )
    return list(ranked.get_queryset().values_list("pk", flat=True))


def _sqlite_scores(results):
    """``(object id, BM25 score)`` of every match, from one FTS5 query."""
    compiler = results.query_compiler
    return sqlite_bm25_scores(
        compiler.queryset, compiler.query.query_string, fields=compiler.fields
    )
