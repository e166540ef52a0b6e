"""Full-text search of the hub through Wagtail's search backend, matched once per request.

A search view needs the matches several times: for the page of results, for its total and
for every facet's counts. Running the backend's match as a subquery in each of those queries
repeated the full-text match each time (five times per request, about a second at 10,000
resources when most of them match). Instead the backend is asked once, for the primary keys
of the matches *in order of relevance*, and the other queries take those keys as a single
parameter (a JSON array on SQLite, an array on PostgreSQL), so facet counts and the date sort
stay in plain SQL whatever the number of matches.

Relevance is the site's one ranking (``institute.core.search.Ranking``), as in site search:
one query on the search index, scored with the backend's own expression.
"""

import json

from django.db import connection
from django.db.models.expressions import RawSQL

from institute.core.search import Ranking

from .text import search_text


def ids_param(ids):
    """A subquery yielding ``ids``, passed as one parameter whatever their number (an ``IN``
    list of thousands of placeholders hits the databases' parameter limits)."""
    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


def match(queryset, query):
    """The keys of the resources matching ``query``, best first, from one full-text query;
    ``None`` when the query has nothing searchable in it.

    The keys come from the whole search index of the model (drafts and other hubs' rows
    too): callers keep those ``queryset`` holds, as ``hub_results`` does, in the queries
    they make anyway. Keeping them in the match as well cost 15% of a search at 10,000
    resources."""
    terms = search_text(query)
    if not terms:
        return None
    return Ranking(queryset, terms, scoped=False).keys()


def kept_in_order(keys, queryset, start, stop):
    """``keys[start:stop]`` of those ``queryset`` holds, in the order of ``keys``: one query
    returning only that page, ``keys`` passed as one parameter."""
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    keys = [int(pk) for pk in keys]
    if connection.vendor == "postgresql":
        statement = (
            "SELECT m.id FROM unnest(%s::bigint[]) WITH ORDINALITY AS m(id, n)"  # noqa: S608 — %s only
            f" WHERE m.id IN ({sql}) ORDER BY m.n LIMIT %s OFFSET %s"
        )
        first = keys
    else:
        statement = (
            "SELECT m.value FROM json_each(%s) m"  # noqa: S608 — %s only
            f" WHERE m.value IN ({sql}) ORDER BY m.key LIMIT %s OFFSET %s"
        )
        first = json.dumps(keys)
    limit = (len(keys) if stop is None else stop) - start
    with connection.cursor() as cursor:
        cursor.execute(statement, [first, *params, limit, start])
        return [int(row[0]) for row in cursor.fetchall()]
