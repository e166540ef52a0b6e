"""What anyone may read: the same items as the pages, problem details, ETags, CORS, limits,
and a query count that does not grow with the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

API = "/api/v1/"
pytestmark = pytest.mark.django_db


def _ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


# The calendar -----------------------------------------------------------------------------

CALENDAR_VIEWS = [
    ("", ""),
    ("", "region=london"),
    ("", "format=virtual&topic=cyber"),
    ("events/", ""),
    ("", "q=cyber+clinic"),
    ("", "when=past"),
    ("training/", "region=north-west&when=upcoming"),
]


@pytest.mark.parametrize(("path", "query"), CALENDAR_VIEWS)
def test_calendar_gives_the_calendar_pages_items(client, calendar, path, query):
    page = client.get(f"/calendar/{path}?{query}")
    assert page.status_code == 200
    expected = [o.pk for o in page.context["occurrences"]]
    kind = f"kind={path.rstrip('/')}&" if path else ""
    got = _ids(client.get(f"{API}calendar/?{kind}{query}&page_size=20"))
    assert got == expected
    assert expected or query == "when=past&region=london"


def test_calendar_lists_item_and_places(client, calendar):
    body = client.get(f"{API}calendar/?page_size=3").json()
    assert body["meta"] == {
        "count": 12,
        "page": 1,
        "page_size": 3,
        "pages": 4,
        "next": "http://testserver/api/v1/calendar/?page_size=3&page=2",
        "previous": None,
    }
    first = body["results"][0]
    assert first["places_left"] == 2 and first["item"]["title"] == "Item 0 cyber clinic"
    assert first["item"]["url"].endswith("/calendar/item-0/")
    item = client.get(f"{API}calendar/items/{first['item']['id']}/").json()
    assert item["occurrences"][0]["id"] == first["id"]
    assert "joining_link" not in item and "joining_details" not in item


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=abc",
        "page=%D9%A3",
        "page=99999999999999999999999",
        "page_size=101",
        "kind=parties",
        "sub_kind=drop-in",
        "region=atlantis",
        "when=tomorrow",
        "q=" + "x" * 300,
    ],
)
def test_bad_calendar_parameters_are_problems(client, calendar, query):
    response = client.get(f"{API}calendar/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"] == "Bad Request" and body["detail"]


def test_page_past_the_end_is_not_found(client, calendar):
    response = client.get(f"{API}calendar/?page=99")
    assert response.status_code == 404 and response.json()["status"] == 404


@pytest.mark.parametrize(
    "path",
    [
        "calendar/items/999999/",
        "calendar/items/99999999999999999999999/",
        "calendar/items/abc/",
        "resources/0/",
        "topics/no-such-topic/",
        "academy/cohorts/12345/",
        "benchmarking/summaries/1999/",
        "no/such/thing/",
    ],
)
def test_unknown_things_are_problems(client, calendar, path):
    response = client.get(API + path)
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/problem+json"


def test_wrong_method_is_a_problem_with_allow(client, calendar):
    response = client.post(f"{API}calendar/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert "GET" in response["Allow"]


def test_etag_and_not_modified(client, calendar):
    first = client.get(f"{API}calendar/")
    etag = first["ETag"]
    assert etag.startswith('"') and first["Cache-Control"] == "no-cache"
    again = client.get(f"{API}calendar/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    item = client.get(f"{API}calendar/items/{calendar[1][0].pk}/")
    assert (
        client.get(
            f"{API}calendar/items/{calendar[1][0].pk}/", HTTP_IF_NONE_MATCH=item["ETag"]
        ).status_code
        == 304
    )
    assert client.get(f"{API}calendar/", HTTP_IF_NONE_MATCH='"other"').status_code == 200
    # A booking changes places left, so the list's ETag no longer matches.
    from institute.events.services import booking_create
    from tests.factories.people import make_user

    booking_create(occurrence=calendar[1][0].occurrences.get(), user=make_user())
    assert client.get(f"{API}calendar/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_head_answers_like_get_without_a_body(client, calendar):
    response = client.head(f"{API}calendar/")
    assert response.status_code == 200 and response.content == b"" and response["ETag"]


def test_cors_on_public_reads_only(client, calendar, django_user_model):
    assert client.get(f"{API}calendar/")["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(f"{API}calendar/", HTTP_ORIGIN="https://example.com")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert not client.get(f"{API}me/bookings/").has_header("Access-Control-Allow-Origin")
    user = django_user_model.objects.create_user(username="m", email="m@example.org")
    client.force_login(user)
    personal = client.get(f"{API}me/bookings/")
    assert personal.status_code == 200
    assert not personal.has_header("Access-Control-Allow-Origin")
    assert "private" in personal["Cache-Control"] and "no-store" in personal["Cache-Control"]


def test_rate_limit_per_address_with_retry_after(client, calendar, settings):
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 2
    assert client.get(f"{API}topics/").status_code == 200
    assert client.get(f"{API}topics/").status_code == 200
    limited = client.get(f"{API}topics/")
    assert limited.status_code == 429
    assert limited["Content-Type"] == "application/problem+json"
    assert 1 <= int(limited["Retry-After"]) <= 60
    # Another address has its own count.
    assert client.get(f"{API}topics/", REMOTE_ADDR="192.0.2.9").status_code == 200
    # Guessing tokens counts against the address too.
    guess = {"REMOTE_ADDR": "192.0.2.10", "HTTP_AUTHORIZATION": "Bearer inst_guess"}
    assert [client.get(f"{API}topics/", **guess).status_code for _ in range(3)] == [401, 401, 429]


def test_rate_limit_per_token(client, calendar, settings):
    from tests.factories.api import make_token
    from tests.factories.people import make_user

    settings.API_REQUESTS_PER_MINUTE_PER_TOKEN = 2
    _, first = make_token(make_user())
    _, second = make_token(make_user())
    assert [client.get(f"{API}me/bookings/", **first).status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]
    assert client.get(f"{API}me/bookings/", **second).status_code == 200


def _queries(client, url):
    client.get(url)  # warm what is kept until content changes (topics, facets)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize(
    "path",
    [
        "calendar/",
        "calendar/?q=cyber",
        "resources/",
        "resources/?q=cloud",
        "topics/",
        "academy/programmes/",
        "benchmarking/summaries/",
    ],
)
def test_queries_do_not_grow_with_the_page_size(client, calendar, hub, path):
    joiner = "&" if "?" in path else "?"
    small = _queries(client, f"{API}{path}{joiner}page_size=2")
    large = _queries(client, f"{API}{path}{joiner}page_size=10")
    assert small == large


# The resource hub -------------------------------------------------------------------------

HUB_VIEWS = [
    ("", ""),
    ("report/", ""),
    ("", "topic=cyber"),
    ("", "year=2022"),
    ("", "q=cloud"),
    ("", "q=cloud&sort=date"),
    ("briefing/", "year=2022&topic=cyber"),
]


@pytest.mark.parametrize(("path", "query"), HUB_VIEWS)
def test_resources_give_the_hub_pages_items(client, hub, path, query):
    page = client.get(f"/resources/{path}?{query}")
    assert page.status_code == 200
    expected = [r.pk for r in page.context["results"].page.object_list]
    kind = f"type={path.rstrip('/')}&" if path else ""
    body = client.get(f"{API}resources/?{kind}{query}&page_size={hub.per_page}").json()
    assert [r["id"] for r in body["results"]] == expected
    assert body["meta"]["count"] == page.context["results"].total
    facets = {
        name: [(o.value, o.count) for o in options]
        for name, options in page.context["results"].facets.items()
    }
    assert {n: [(o["value"], o["count"]) for o in opts] for n, opts in body["facets"].items()} == {
        n: [(str(v), c) for v, c in opts] for n, opts in facets.items()
    }


@pytest.mark.parametrize("who", ["anonymous", "member", "staff"])
def test_members_only_bodies_are_never_returned(client, hub, who, django_user_model):
    from tests.factories.resources import member

    if who == "member":
        client.force_login(member(django_user_model))
    elif who == "staff":
        client.force_login(
            django_user_model.objects.create_superuser(username="s", email="s@example.org")
        )
    listing = client.get(f"{API}resources/?page_size=100&q=guide")
    assert b"SECRET" not in listing.content
    ids = [r["id"] for r in client.get(f"{API}resources/?page_size=100").json()["results"]]
    assert len(ids) == 12
    for pk in ids:
        detail = client.get(f"{API}resources/{pk}/")
        assert detail.status_code == 200
        assert b"SECRET" not in detail.content
    guides = [
        r
        for r in client.get(f"{API}resources/?page_size=100").json()["results"]
        if r["members_only"]
    ]
    assert len(guides) == 2
    assert "Public teaser" in client.get(f"{API}resources/{guides[0]['id']}/").json()["body_text"]


def test_bad_hub_parameters_are_problems(client, hub):
    for query in ("type=novel", "year=1700", "topic=nope", "sort=random", "page=-1"):
        response = client.get(f"{API}resources/?{query}")
        assert response.status_code == 400, query
        assert response["Content-Type"] == "application/problem+json"


# Topics, the Academy and benchmarking -------------------------------------------------------


def test_topics(client, calendar, hub):
    body = client.get(f"{API}topics/").json()
    assert [t["slug"] for t in body["results"]] == ["cyber", "digital-skills"]
    detail = client.get(f"{API}topics/cyber/").json()
    assert detail["name"] == "Cyber"
    assert detail["sections"] and all(s["items"] for s in detail["sections"])


def test_programmes_and_cohorts(client):
    from institute.academy.programmes_demo import sample_cohort

    cohort = sample_cohort()
    programmes = client.get(f"{API}academy/programmes/").json()["results"]
    assert [p["title"] for p in programmes] == ["Sample programme"]
    assert programmes[0]["next_cohort"]["id"] == cohort.pk
    detail = client.get(f"{API}academy/programmes/{programmes[0]['id']}/").json()
    assert [c["id"] for c in detail["cohorts"]] == [cohort.pk]
    assert detail["cohorts"][0]["places_left"] == 10
    sessions = client.get(f"{API}academy/cohorts/{cohort.pk}/").json()["sessions"]
    assert [s["title"] for s in sessions] == ["Day 1", "Day 2"]


def test_benchmarking_summary_is_the_public_page(client, reports):
    orgs, cycle = reports
    listing = client.get(f"{API}benchmarking/summaries/").json()
    assert [s["year"] for s in listing["results"]] == [2023]
    body = client.get(f"{API}benchmarking/summaries/2023/").json()
    page = client.get("/benchmarking/2023/")
    assert sorted(body["organisations"]) == sorted(page.context["organisations"])
    assert body["responses"] == page.context["responses"] == 240
    from institute.benchmarking.selectors import cycle_summary

    # What the summary page renders (views.reports._summary_body reads the same selector).
    shown = {q.key: f for q, f in cycle_summary(cycle=cycle)["figures"]}
    assert {f["key"] for f in body["figures"]} == set(shown)
    for figure in body["figures"]:
        assert figure["sector"]["share"] == shown[figure["key"]].share
        assert figure["sector"]["suppressed"] == shown[figure["key"]].suppressed
    # No organisation's own figure is in the public summary.
    assert b"participant" not in client.get(f"{API}benchmarking/summaries/2023/").content
