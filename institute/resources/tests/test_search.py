"""Search in the hub: finds by title, summary and body; respects facets; never errors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import resources as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(hub):
    cyber = f.topic("cyber", "Cyber security")
    data = f.topic("data", "Data")
    return {
        "title": f.resource(hub, title="Ransomware recovery playbook", topics=[cyber]),
        "summary": f.resource(
            hub, title="Board briefing", summary="What boards ask about quantum computing."
        ),
        "body": f.resource(
            hub,
            title="Council case study",
            body="<p>How the council rebuilt its geospatial platform.</p>",
            topics=[data],
            resource_type="case-study",
        ),
        "cyber_2022": f.resource(
            hub,
            title="Ransomware lessons from 2022",
            topics=[cyber],
            published=__import__("datetime").date(2022, 3, 1),
        ),
    }


def titles(response):
    return [r.title for r in response.context["results"].page.object_list]


def test_search_finds_a_resource_by_its_title(client, hub, library):
    response = client.get("/resources/?q=ransomware")
    assert "Ransomware recovery playbook" in titles(response)


def test_search_finds_a_resource_by_its_summary(client, hub, library):
    response = client.get("/resources/?q=quantum")
    assert titles(response) == ["Board briefing"]


def test_search_finds_a_resource_by_its_body_text(client, hub, library):
    response = client.get("/resources/?q=geospatial")
    assert titles(response) == ["Council case study"]


def test_search_respects_the_year_facet(client, hub, library):
    response = client.get("/resources/?q=ransomware&year=2022")
    assert titles(response) == ["Ransomware lessons from 2022"]


def test_search_respects_the_type_path_segment(client, hub, library):
    response = client.get("/resources/case-study/?q=council")
    assert titles(response) == ["Council case study"]


def test_search_counts_facets_over_the_matches_only(client, hub, library):
    response = client.get("/resources/?q=ransomware")
    years = {o.value: o.count for o in response.context["results"].facets["year"]}
    assert years == {"2023": 1, "2022": 1}


def test_search_snippet_marks_the_matched_words(client, hub, library):
    response = client.get("/resources/?q=geospatial")
    assert "<mark>geospatial</mark>" in response.content.decode()


def test_search_snippet_escapes_resource_text(client, hub):
    f.resource(hub, title="Markup", body="<p>Use &lt;script&gt;alert(1)&lt;/script&gt; rarely</p>")
    body = client.get("/resources/?q=rarely").content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;" in body


def test_search_sorted_by_date_lists_newest_first(client, hub, library):
    response = client.get("/resources/?q=ransomware&sort=date")
    assert titles(response) == ["Ransomware recovery playbook", "Ransomware lessons from 2022"]


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        "ransomware AND OR NOT",
        "NEAR(ransomware)",
        "(*) - + ^ : {}",
        "'; DROP TABLE wagtailcore_page; --",
        "кибербезопасность",
        "サイバー",
        "الأمن السيبراني",
        "x" * 200,
        "%00%",
        "\\",
        "🙂",
    ],
)
def test_odd_search_input_never_errors(client, hub, library, query):
    response = client.get("/resources/", {"q": query})
    assert response.status_code == 200


def test_overlong_search_gets_a_clear_message(client, hub, library):
    response = client.get("/resources/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


def test_null_character_in_search_gets_a_clear_message(client, hub, library):
    response = client.get("/resources/?q=ransom%00ware")
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.content.decode()


def test_operators_in_the_query_are_searched_as_words(client, hub, library):
    response = client.get("/resources/", {"q": '"ransomware" AND'})
    assert "Ransomware recovery playbook" in titles(response)


def test_relevance_ranks_a_title_match_above_a_body_match(client, hub):
    f.resource(hub, title="Council platform", body="<p>Our geospatial work in brief.</p>")
    f.resource(hub, title="Geospatial strategy", body="<p>Maps and geospatial data.</p>")
    response = client.get("/resources/?q=geospatial")
    assert titles(response)[0] == "Geospatial strategy"


def test_relevance_results_paginate(client, hub):
    hub.per_page = 2
    hub.save()
    for n in range(3):
        f.resource(hub, title=f"Geospatial note {n}")
    first = titles(client.get("/resources/?q=geospatial"))
    second = titles(client.get("/resources/?q=geospatial&page=2"))
    assert len(first) == 2
    assert len(second) == 1
    assert not set(first) & set(second)


@pytest.fixture
def varied(hub):
    """Resources of several types, topics, years and collections; some match “resilience”,
    one matching draft must never count."""
    cyber, data = f.topic("cyber", "Cyber security"), f.topic("data", "Data")
    rows = [
        ("Resilience briefing", "briefing", [cyber], 2023),
        ("Resilience report", "report", [cyber, data], 2023),
        ("Resilience guidance", "guidance", [data], 2022),
        ("Data resilience case", "case-study", [], 2021),
        ("Resilience in 2022", "briefing", [cyber], 2022),
        ("Unrelated briefing", "briefing", [cyber], 2023),
    ]
    made = {}
    for title, kind, topics, year in rows:
        made[title] = f.resource(
            hub,
            title=title,
            resource_type=kind,
            topics=topics,
            published=__import__("datetime").date(year, 6, 1),
        )
    draft = f.resource(hub, title="Resilience draft", topics=[cyber])
    draft.unpublish()
    f.collection(
        hub,
        title="Resilience reading",
        slug="resilience-reading",
        items=[made["Resilience briefing"], made["Resilience guidance"]],
    )
    return made


def _expected_facets(resources, chosen):
    """Each facet's counts computed by hand: the matches that every *other* choice keeps."""
    from institute.resources.models import CollectionItem

    collections = {}
    for item in CollectionItem.objects.select_related("collection"):
        collections.setdefault(item.resource_id, set()).add(item.collection.slug)
    facts = {
        r.pk: {
            "type": {r.resource_type},
            "topic": {t.slug for t in r.topics.all()},
            "collection": collections.get(r.pk, set()),
            "year": {str(r.published.year)},
        }
        for r in resources
    }
    counts = {}
    for facet in ("type", "topic", "collection", "year"):
        kept = [
            pk
            for pk, values in facts.items()
            if all(chosen[other] in values[other] for other in chosen if other != facet)
        ]
        tally = {}
        for pk in kept:
            for value in facts[pk][facet]:
                tally[value] = tally.get(value, 0) + 1
        counts[facet] = tally
    return counts


@pytest.mark.parametrize(
    ("url", "chosen"),
    [
        ("/resources/?q=resilience", {}),
        ("/resources/?q=resilience&topic=cyber", {"topic": "cyber"}),
        ("/resources/briefing/?q=resilience&year=2023", {"type": "briefing", "year": "2023"}),
        (
            "/resources/?q=resilience&collection=resilience-reading&sort=date",
            {"collection": "resilience-reading"},
        ),
        ("/resources/?q=resilience&topic=data&year=2022", {"topic": "data", "year": "2022"}),
    ],
)
def test_search_results_and_facets_are_those_of_the_matches(client, hub, varied, url, chosen):
    matches = [r for title, r in varied.items() if "resilience" in title.lower()]
    response = client.get(url)
    results = response.context["results"]
    facets = {
        name: {o.value: o.count for o in options if o.count}
        for name, options in results.facets.items()
    }
    assert facets == _expected_facets(matches, chosen)
    expected = {
        r.title
        for r in matches
        if all(value in _expected_facets([r], {})[facet] for facet, value in chosen.items())
    }
    assert set(titles(response)) == expected
    assert results.total == len(expected)


def test_search_runs_the_full_text_match_once_per_request(client, hub, varied, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for url in (
        "/resources/?q=resilience",
        "/resources/briefing/?q=resilience&topic=cyber&year=2023",
        "/resources/?q=resilience&sort=date",
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        searches = [q for q in queries.captured_queries if "wagtailsearch_indexentry" in q["sql"]]
        assert len(searches) == 1, url
