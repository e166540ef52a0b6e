"""A member's own bookings and applications, and an organisation's benchmarking results:
through the pages' services and rules, and never anyone else's."""

import json

import pytest
from django.test import Client

from institute.events.models import Booking
from tests.factories.api import make_token
from tests.factories.people import make_coordinator, make_user

API = "/api/v1/"
pytestmark = pytest.mark.django_db


def _post(client, path, body, headers):
    return client.post(API + path, json.dumps(body), content_type="application/json", **headers)


def test_book_list_and_cancel_with_the_capacity_rule(calendar):
    _, items = calendar
    occurrence = items[0].occurrences.get()  # capacity 2
    people = [make_user() for _ in range(3)]
    tokens = [make_token(p, "bookings")[1] for p in people]
    client = Client()
    statuses = [
        _post(client, "me/bookings/", {"occurrence": occurrence.pk}, h).json()["status"]
        for h in tokens
    ]
    assert statuses == ["confirmed", "confirmed", "waiting"]
    again = _post(client, "me/bookings/", {"occurrence": occurrence.pk}, tokens[0])
    assert again.status_code == 200 and again.json()["status"] == "confirmed"
    listing = client.get(f"{API}me/bookings/", **tokens[0]).json()
    assert [b["occurrence"] for b in listing["upcoming"]] == [occurrence.pk]
    # Cancelling frees the place for the first person waiting, as on the pages.
    assert client.delete(f"{API}me/bookings/{occurrence.pk}/", **tokens[0]).status_code == 204
    assert Booking.objects.get(user=people[2], occurrence=occurrence).status == "confirmed"
    assert client.get(f"{API}me/bookings/", **tokens[0]).json()["upcoming"] == []
    assert client.delete(f"{API}me/bookings/{occurrence.pk}/", **tokens[0]).status_code == 404


def test_bookings_of_others_are_never_returned(calendar):
    _, items = calendar
    occurrence = items[1].occurrences.get()
    owner, other = make_user(), make_user()
    owner_headers = make_token(owner)[1]
    other_headers = make_token(other)[1]
    client = Client()
    _post(client, "me/bookings/", {"occurrence": occurrence.pk}, owner_headers)
    mine = client.get(f"{API}me/bookings/", **other_headers).json()
    assert mine == {"upcoming": [], "past": []}
    # Cancelling where one has no booking does not touch the other's.
    assert client.delete(f"{API}me/bookings/{occurrence.pk}/", **other_headers).status_code == 404
    assert Booking.objects.get(user=owner).status == "confirmed"


def test_past_items_cannot_be_booked(calendar):
    _, items = calendar
    past = items[13].occurrences.get()
    response = _post(Client(), "me/bookings/", {"occurrence": past.pk}, make_token(make_user())[1])
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"


def test_bad_booking_bodies_are_problems(calendar):
    headers = make_token(make_user())[1]
    client = Client()
    for body in ({}, {"occurrence": "x"}, {"occurrence": 2**70}, {"occurrence": -1}):
        response = _post(client, "me/bookings/", body, headers)
        assert response.status_code in (400, 404), body
        assert response["Content-Type"] == "application/problem+json"
    response = client.post(
        f"{API}me/bookings/", "not json", content_type="application/json", **headers
    )
    assert response.status_code == 400


def test_apply_through_the_application_service():
    from institute.academy.models import Application
    from institute.academy.programmes_demo import sample_cohort

    cohort = sample_cohort()
    user, other = make_user(), make_user()
    headers = make_token(user, "applications")[1]
    client = Client()
    body = {
        "cohort": cohort.pk,
        "statement": "I lead a team.",
        "manager_agreed": True,
        "manager_name": "A Manager",
        "manager_email": "manager@example.org",
    }
    refused = _post(client, "me/applications/", {**body, "manager_agreed": False}, headers)
    assert refused.status_code == 400
    made = _post(client, "me/applications/", body, headers)
    assert made.status_code == 201 and made.json()["status"] == "submitted"
    assert _post(client, "me/applications/", body, headers).status_code == 409
    assert Application.objects.get().user == user
    assert [a["cohort"] for a in client.get(f"{API}me/applications/", **headers).json()] == [
        cohort.pk
    ]
    assert client.get(f"{API}me/applications/", **make_token(other)[1]).json() == []


def test_organisation_results_under_the_report_pages_rules(reports, django_user_model):
    from institute.benchmarking import selectors

    orgs, cycle = reports
    own, other = orgs[0], orgs[1]
    coordinator = make_coordinator(own)
    headers = make_token(coordinator, "benchmarking")[1]
    client = Client()
    listing = client.get(f"{API}me/benchmarking/", **headers).json()
    assert [(p["year"], p["organisation_slug"]) for p in listing] == [(2023, own.slug)]
    body = client.get(f"{API}me/benchmarking/2023/{own.slug}/", **headers)
    assert body.status_code == 200
    participant = cycle.participants.get(organisation=own)
    expected = selectors.report_figures(cycle=cycle, participant=participant)
    assert [r["key"] for r in body.json()["results"]] == [r["question"].key for r in expected]
    for got, row in zip(body.json()["results"], expected, strict=True):
        assert got["own"]["share"] == row["own"].share
    # Another organisation's results: refused, as the report page refuses them.
    assert client.get(f"{API}me/benchmarking/2023/{other.slug}/", **headers).status_code == 403
    # A member who coordinates nothing sees nothing and is refused.
    member = make_token(make_user(), "benchmarking")[1]
    assert client.get(f"{API}me/benchmarking/", **member).json() == []
    assert client.get(f"{API}me/benchmarking/2023/{own.slug}/", **member).status_code == 403
    assert Client().get(f"{API}me/benchmarking/2023/{own.slug}/").status_code == 401
    # Staff see any organisation's, as on the page.
    staff = django_user_model.objects.create_superuser(username="boss", email="b@example.org")
    assert (
        client.get(f"{API}me/benchmarking/2023/{other.slug}/", **make_token(staff)[1]).status_code
        == 200
    )
    # No other organisation's own figure leaks into a coordinator's results.
    for row in body.json()["results"]:
        for scope in ("sector", "type", "region"):
            assert row[scope] is None or "participant" not in row[scope]
