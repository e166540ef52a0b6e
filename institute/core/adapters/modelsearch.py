"""The search backend's index, matched and ranked directly (modelsearch 1.3, private API).

The backend's own ``.search()`` joins the model's table to its index, scores and counts in
separate passes over every match and, on SQLite, ranks each row with a correlated subquery
that runs the FTS5 match again per row. Here the index entries that match are read once,
scored with the backend's own rank expression. Everything private this needs is in this
module; ``institute/core/tests/test_adapters.py`` fails loudly if modelsearch changes it.
"""

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F, Q, sql
from django.db.models.expressions import CombinedExpression
from modelsearch.query import PlainText
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import get_search_backend

PINNED = "modelsearch 1.3"


def _compiler(queryset, query):
    backend = get_search_backend()
    compiler = backend.query_compiler_class(queryset, PlainText(query, operator="and"))
    return compiler, compiler.get_config(backend)


def sqlite_matches(queryset, query):
    """``(entries, object id field, score)``: the FTS5 index entries of the model of
    ``queryset`` (and its subclasses) matching every word of ``query``, and their bm25()
    score (lower is better)."""
    from modelsearch.backends.database.sqlite.query import MatchExpression
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    compiler, config = _compiler(queryset, query)
    entries = SQLiteFTSIndexEntry.objects.filter(
        MatchExpression(
            compiler.FTS_TABLE_FIELDS, compiler.build_search_query(compiler.query, config=config)
        )
    ).filter(index_entry__content_type__in=get_descendants_content_types_pks(queryset.model))
    score = compiler._build_rank_expression(compiler.get_search_vectors(), config)
    return entries, "index_entry__object_id", score


def _parse_tsquery(search_query, parsed):
    """The text of ``search_query`` as PostgreSQL parses it (``to_tsquery()``), in one query.

    ``to_tsquery(text)`` without a configuration is only *stable* (it reads the session's
    default), so PostgreSQL calls it again for every row it is compared with: three times per
    index entry for matching and ranking, which costs more than the search itself.
    """
    query = sql.Query(None)
    compiler = query.get_compiler(connection=connection)
    expression_sql, params = search_query.resolve_expression(query).as_sql(compiler, connection)
    key = (expression_sql, tuple(params))
    if key not in parsed:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT ({expression_sql})::text", params)
            parsed[key] = cursor.fetchone()[0]
    return parsed[key]


class _ParsedTsQuery(SearchQuery):
    """A tsquery already parsed by PostgreSQL (the text of ``tsquery``): a constant."""

    def __init__(self, text):
        super().__init__(text, search_type="raw")
        self.text = text

    def as_sql(self, compiler, connection, **extra_context):
        return "%s::tsquery", [self.text]


def postgres_matches(queryset, query, parsed):
    """``(entries, object id field, score)``: the index entries of the model of ``queryset``
    matching every word of ``query`` and the backend's ts_rank score (higher is better).
    ``parsed``: PostgreSQL's parsed queries by their SQL, shared by the searches of a request.
    """
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    compiler, config = _compiler(queryset, query)
    search_query = compiler.build_tsquery(compiler.query, config)
    tsquery = _ParsedTsQuery(_parse_tsquery(search_query, parsed))
    # Every use of the query (matching and both rank terms) reads the parsed constant.
    compiler.build_tsquery = lambda query, config=None: tsquery
    score = compiler._build_rank_expression(
        [(F("title"), F("title_norm")), (F("body"), 1.0)], config
    )
    entries = (
        IndexEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(queryset.model)
        )
        .annotate(
            _vector_=CombinedExpression(
                F("title"), "||", F("body"), output_field=SearchVectorField()
            )
        )
        # The backend matches title || body. Where the body or the title alone matches, so
        # does that; testing them first spares building the joined vector for most entries.
        .filter(Q(body=tsquery) | Q(title=tsquery) | Q(_vector_=tsquery))
    )
    return entries, "object_id", score
