"""Place insight in the API: the index page's rows and the scorecard page's figures, problems
for bad filters and unknown places, and a query count that does not grow with the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.insight import make_framework, scored_society

API = "/api/v1/insight/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def society(db):
    return scored_society()


def _ok(response):
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"year": "2023"},
        {"nation": "Wales"},
        {"nation": "England", "year": "2024", "version": "1"},
    ],
)
def test_scores_are_the_index_pages_rows(client, society, query):
    page = client.get("/insight/", query)
    rows = page.context["rows"]
    body = _ok(client.get(f"{API}scores/", {**query, "page_size": "100"}))
    assert body["meta"]["count"] == len(rows)
    assert [r["code"] for r in body["results"]] == [r["code"] for r in rows]
    for got, row in zip(body["results"], rows, strict=True):
        assert got["name"] == row["name"] and got["nation"] == row["nation"]
        assert got["rank"] == row["rank"]
        assert got["score"] == pytest.approx(row["score"])
        assert got["mark"] == (row["mark"] or "")
        assert got["dimensions"] == pytest.approx(row["dimensions"])
    run = page.context["run"]
    assert body["run"] == {"year": run.year, "version": run.version.number, "synthetic": True}


def test_scores_are_ranked_then_named_and_paged(client, society):
    body = _ok(client.get(f"{API}scores/", {"page_size": "4"}))
    assert body["meta"]["count"] == 6 and body["meta"]["pages"] == 2
    ranks = [r["rank"] for r in body["results"]]
    assert ranks == sorted(ranks)
    second = _ok(client.get(f"{API}scores/", {"page_size": "4", "page": "2"}))
    assert len(second["results"]) == 2
    assert body["run"]["year"] == 2024


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ({"year": "next"}, "year"),
        ({"year": "1800"}, "year"),
        ({"version": "0"}, "version"),
        ({"version": "1e9"}, "version"),
        ({"nation": "Atlantis"}, "nation"),
        ({"nation": "Wales\x00"}, "nation"),
        ({"page_size": "101"}, "page_size"),
    ],
)
def test_bad_filters_are_problems(client, society, query, word):
    response = client.get(f"{API}scores/", query)
    assert response.status_code == 400
    assert word in response.json()["detail"]


def test_a_version_or_year_without_scores_is_a_404(client, society):
    assert client.get(f"{API}scores/", {"year": "2030"}).status_code == 404
    assert client.get(f"{API}scores/", {"version": "7"}).status_code == 404
    assert client.get(f"{API}places/E06000001/", {"year": "2030"}).status_code == 404


def test_an_unpublished_version_is_staffs_alone(client, society):
    make_framework(number=2, published=False)
    assert client.get(f"{API}scores/", {"version": "2"}).status_code == 404
    assert _ok(client.get(f"{API}scores/"))["run"]["version"] == 1


def test_no_scores_yet_is_an_empty_list(client, db):
    body = _ok(client.get(f"{API}scores/"))
    assert body["results"] == [] and body["run"] is None and body["meta"]["count"] == 0


def _flat(dimensions):
    for d in dimensions:
        yield d
        for c in d["components"]:
            yield c
            yield from c["indicators"]


@pytest.mark.parametrize("query", [{}, {"year": "2023"}])
def test_the_scorecard_is_the_pages_figures(client, society, query):
    page = client.get("/insight/E06000002/", query).context
    body = _ok(client.get(f"{API}places/e06000002/", query))
    assert body["code"] == "E06000002" and body["name"] == "Middlesbrough"
    assert body["run"]["year"] == page["run"].year
    assert body["framework"]["number"] == page["run"].version.number
    assert body["framework"]["band"] == page["run"].version.band
    overall = page["overall"]
    assert body["index"]["score"] == pytest.approx(overall["score"])
    assert body["index"]["typical"] == pytest.approx(overall["typical"])
    assert body["index"]["rank"] == overall["rank"]
    theirs = list(_flat(page["dimensions"]))
    ours = list(_flat(body["dimensions"]))
    assert [e["key"] for e in ours] == [e["key"] for e in theirs]
    for got, entry in zip(ours, theirs, strict=True):
        assert got["score"] == pytest.approx(entry["score"])
        assert got["typical"] == pytest.approx(entry["typical"])
        assert got["mark"] == (entry["mark"] or "")
        assert got["name"] == entry["item"].name
        if "value" in entry:
            assert got["value"] == pytest.approx(entry["value"])
    assert body["peers"] == [p.gss_code for p in page["peers"]]
    assert body["peers"]


@pytest.mark.parametrize("code", ["E99999999", "Z00000000", "w99000015"])
def test_unknown_codes_are_404s(client, society, code):
    response = client.get(f"{API}places/{code}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "code", ["E0600000", "E060000012", "1E0600000", "E06%00%001", "E06000001;--", "E0600000%00"]
)
def test_hostile_codes_are_refused_by_the_paths_pattern(client, society, code):
    response = client.get(f"{API}places/{code}/")
    assert response.status_code == 404  # a code that cannot name a place names none
    assert response["Content-Type"].startswith("application/problem+json")


def test_bad_scorecard_filters_are_problems(client, society):
    response = client.get(f"{API}places/E06000001/", {"year": "soon"})
    assert response.status_code == 400 and "year" in response.json()["detail"]


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("query", ["", "nation=England&"])
def test_queries_do_not_grow_with_the_page_size(client, society, query):
    counts = {
        size: _queries(client, f"{API}scores/?{query}page_size={size}") for size in (2, 10, 100)
    }
    assert len(set(counts.values())) == 1, counts
