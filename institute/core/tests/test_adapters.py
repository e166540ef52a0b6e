"""The library internals the adapters rely on: these fail loudly when a library changes them.

Each library is pinned to one minor version in pyproject.toml. When a test here fails after
an upgrade, the adapter named in the message needs looking at before the pin moves
(docs/architecture.md, "Where we lean on library internals").
"""

import inspect
from importlib.metadata import version

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from institute.core.adapters import modelsearch, wagtail_routing
from institute.core.search import Ranking


def _minor(package):
    return ".".join(version(package).split(".")[:2])


PINNED = {"modelsearch": modelsearch.PINNED, "wagtail_routing": wagtail_routing.PINNED}


def _changed(adapter, what):
    return (
        f"{what}: institute/core/adapters/{adapter}.py was written for {PINNED[adapter]};"
        " check it against the installed version before moving the pin in pyproject.toml"
    )


def test_the_pinned_versions_are_installed():
    assert _minor("modelsearch") == "1.3", _changed("modelsearch", "modelsearch is not 1.3")
    assert _minor("wagtail") == "8.0", _changed("wagtail_routing", "Wagtail is not 8.0")
    assert _minor("django") == "5.2", _changed("wagtail_routing", "Django is not 5.2")


def test_the_search_compilers_have_what_the_adapter_calls():
    compiler = get_search_backend().query_compiler_class
    for name in ("_build_rank_expression", "get_search_vectors", "get_config"):
        assert callable(getattr(compiler, name, None)), _changed("modelsearch", name)
    parameters = list(inspect.signature(compiler._build_rank_expression).parameters)
    assert parameters == ["self", "vectors", "config"], _changed(
        "modelsearch", f"_build_rank_expression{parameters}"
    )
    if connection.vendor == "sqlite":
        assert compiler.FTS_TABLE_FIELDS == ["title", "body"], _changed(
            "modelsearch", "FTS_TABLE_FIELDS"
        )
        assert callable(getattr(compiler, "build_search_query", None)), _changed(
            "modelsearch", "build_search_query"
        )
    elif connection.vendor == "postgresql":
        assert callable(getattr(compiler, "build_tsquery", None)), _changed(
            "modelsearch", "build_tsquery"
        )


@pytest.mark.parametrize("words", ["cormorant", "cormorant ledger", "ledger"])
def test_the_adapter_ranks_as_the_backend_does(make_standard_page, words):
    make_standard_page(slug="birds", title="Cormorant ledger")
    make_standard_page(slug="other", title="Other", summary="A cormorant, a ledger and more")
    make_standard_page(slug="ledger", title="Ledger")
    pages = Page.objects.live()
    backend = get_search_backend().search(words, pages, operator="and")
    expected = [page.pk for page in backend.annotate_score("_score")]
    assert expected, "the backend finds the pages"
    assert Ranking(pages, words).keys() == expected, _changed("modelsearch", "ranking order")
    assert Ranking(pages, words).count() == len(expected), _changed("modelsearch", "match")


def test_wagtail_finds_a_site_where_the_adapter_reads_it(home):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert not wagtail_routing.has_site(request)
    assert wagtail_routing.request_host(request) == ("localhost", "80")
    site = wagtail_routing.site_for_request(request)
    assert site == Site.objects.get(is_default_site=True)
    kept = Site.objects.get(pk=site.pk)  # another instance, as the routing cache gives
    wagtail_routing.set_site(request, kept)
    with CaptureQueriesContext(connection) as queries:
        assert Site.find_for_request(request) is kept, _changed(
            "wagtail_routing", "request._wagtail_site"
        )
    assert not queries, _changed("wagtail_routing", "request._wagtail_site")
    assert wagtail_routing.has_site(request)
