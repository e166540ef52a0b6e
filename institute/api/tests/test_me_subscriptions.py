"""A member's own newsletter subscription and memberships: read, changed through the
preferences page's form and service, ended as one-click unsubscribe ends it; never anyone
else's."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from institute.membership import services as membership_services
from institute.membership.models import Tier
from institute.newsletter import services
from institute.newsletter.models import Delivery, Subscriber
from tests.factories.api import make_token
from tests.factories.membership import make_membership
from tests.factories.newsletter import make_issue
from tests.factories.people import make_organisation, make_user
from tests.factories.resources import topic

API = "/api/v1/"
MINE = f"{API}me/subscriptions/"
pytestmark = pytest.mark.django_db


def _patch(client, body, headers):
    return client.patch(MINE, json.dumps(body), content_type="application/json", **headers)


def _subscribed(user, topics=(), frequency="weekly"):
    """``user`` subscribed at their account address, confirmed: the consent is recorded."""
    subscriber = services.subscription_request(
        email=user.email, topics=list(topics), frequency=frequency, user=user
    )
    return services.subscription_confirm(subscriber=subscriber)


def test_anonymous_visitors_are_answered_401():
    client = Client()
    for method in ("get", "patch", "delete"):
        response = getattr(client, method)(MINE)
        assert response.status_code == 401, method
        assert response["Content-Type"] == "application/problem+json"
    assert client.get(f"{API}me/membership/").status_code == 401


def test_a_token_without_the_scope_is_refused():
    user = make_user()
    _subscribed(user)
    client = Client()
    other_scope = make_token(user, "benchmarking")[1]
    refused = client.get(MINE, **other_scope)
    assert refused.status_code == 403 and refused.json()["scope"] == "read"
    assert client.get(f"{API}me/membership/", **other_scope).status_code == 403
    read_only = make_token(user, "read")[1]
    assert client.get(MINE, **read_only).status_code == 200
    for response in (_patch(client, {"frequency": "monthly"}, read_only),):
        assert response.status_code == 403 and response.json()["scope"] == "subscriptions"
    assert client.delete(MINE, **read_only).status_code == 403
    assert Subscriber.objects.get().status == Subscriber.Status.ACTIVE
    assert Subscriber.objects.get().frequency == "weekly"


def test_my_subscription_with_its_topics_and_consent():
    user = make_user()
    cyber, skills = topic("cyber"), topic("digital-skills")
    _subscribed(user, topics=[skills, cyber], frequency="monthly")
    body = Client().get(MINE, **make_token(user, "read")[1]).json()
    assert body["email"] == user.email
    assert body["status"] == "active"
    assert body["topics"] == ["cyber", "digital-skills"]
    assert body["frequency"] == "monthly"
    assert body["consent"]["given"] is True
    assert body["consent"]["wording_version"]
    assert body["consent"]["recorded_at"]


def test_no_subscription_is_a_404_problem():
    response = Client().get(MINE, **make_token(make_user(), "read")[1])
    assert response.status_code == 404
    assert response.json()["detail"] == "You have no newsletter subscription."


def test_another_persons_subscription_is_never_read_changed_or_ended():
    owner, other = make_user(), make_user()
    _subscribed(owner, topics=[topic("cyber")])
    headers = make_token(other, "subscriptions")[1]
    client = Client()
    assert client.get(MINE, **headers).status_code == 404
    assert _patch(client, {"frequency": "monthly", "topics": []}, headers).status_code == 404
    assert client.delete(MINE, **headers).status_code == 404
    subscriber = Subscriber.objects.get(email=owner.email)
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.frequency == "weekly"
    assert [t.slug for t in subscriber.topics.all()] == ["cyber"]
    # Each sees only their own once both subscribe.
    _subscribed(other)
    assert client.get(MINE, **headers).json()["email"] == other.email


def test_change_topics_and_frequency_as_on_the_preferences_page():
    user = make_user()
    cyber, skills = topic("cyber"), topic("digital-skills")
    _subscribed(user, topics=[cyber])
    headers = make_token(user, "subscriptions")[1]
    client = Client()
    changed = _patch(client, {"topics": ["digital-skills"], "frequency": "monthly"}, headers)
    assert changed.status_code == 200
    assert changed.json()["topics"] == ["digital-skills"]
    subscriber = Subscriber.objects.get()
    assert subscriber.frequency == "monthly" and list(subscriber.topics.all()) == [skills]
    # What is left out stays as it is; an empty list means no topics.
    assert _patch(client, {"frequency": "weekly"}, headers).json()["topics"] == ["digital-skills"]
    cleared = _patch(client, {"topics": []}, headers).json()
    assert cleared["topics"] == [] and cleared["frequency"] == "weekly"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"frequency": "daily"}, "frequency"),
        ({"frequency": ""}, "frequency"),
        ({"frequency": "weekly\x00"}, "frequency"),
        ({"topics": ["no-such-topic"]}, "topics"),
        ({"topics": ["cyber", "x" * 500]}, "topics"),
    ],
)
def test_invalid_preferences_are_400_problems_with_errors(body, field):
    user = make_user()
    _subscribed(user, topics=[topic("cyber")])
    response = _patch(Client(), body, make_token(user, "subscriptions")[1])
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [e["loc"] for e in response.json()["errors"]] == [["body", field]]
    subscriber = Subscriber.objects.get()
    assert subscriber.frequency == "weekly"
    assert [t.slug for t in subscriber.topics.all()] == ["cyber"]


def test_badly_shaped_bodies_are_400_problems():
    user = make_user()
    _subscribed(user)
    headers = make_token(user, "subscriptions")[1]
    client = Client()
    for body in ({"topics": "cyber"}, {"topics": [1, {}]}, {"frequency": 7}):
        response = _patch(client, body, headers)
        assert response.status_code == 400, body
        assert response["Content-Type"] == "application/problem+json"
    response = client.patch(MINE, "not json", content_type="application/json", **headers)
    assert response.status_code == 400
    # JSON that is not an object is refused too, never read as "no change".
    subscriber = Subscriber.objects.get(email=user.email)
    for raw in ("[]", '[{"frequency": "monthly"}]', '"monthly"', "null", "42"):
        response = client.patch(MINE, raw, content_type="application/json", **headers)
        assert response.status_code == 400, raw
        assert response["Content-Type"] == "application/problem+json"
    assert Subscriber.objects.get(pk=subscriber.pk).frequency == subscriber.frequency


def test_delete_unsubscribes_and_drops_queued_copies():
    user = make_user()
    subscriber = _subscribed(user)
    issue = make_issue()
    services.issue_queue(issue=issue)
    headers = make_token(user, "subscriptions")[1]
    client = Client()
    response = client.delete(MINE, **headers)
    assert response.status_code == 204 and response.content == b""
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    withdrawal = subscriber.consents.first()
    assert withdrawal.given is False and withdrawal.source == "api"
    assert Delivery.objects.get(subscriber=subscriber).status == Delivery.Status.FAILED
    # The record still answers, showing the withdrawal; unsubscribing again changes nothing.
    body = client.get(MINE, **headers).json()
    assert body["status"] == "unsubscribed" and body["consent"]["given"] is False
    assert client.delete(MINE, **headers).status_code == 204
    assert subscriber.consents.count() == 2


# Membership -------------------------------------------------------------------------------


def test_my_membership_with_its_status_today():
    user, other = make_user(), make_user()
    membership = make_membership(user)
    client = Client()
    body = client.get(f"{API}me/membership/", **make_token(user, "read")[1]).json()
    assert body == [
        {
            "id": membership.pk,
            "tier": membership.tier.name,
            "kind": "individual",
            "year": membership.tier.year,
            "holder": True,
            "organisation": None,
            "start_date": membership.start_date.isoformat(),
            "end_date": membership.end_date.isoformat(),
            "status": "current",
            "paid": False,
        }
    ]
    assert client.get(f"{API}me/membership/", **make_token(other, "read")[1]).json() == []


def test_an_organisations_membership_covers_the_people_it_names():
    coordinator, named = make_user(), make_user()
    organisation = make_organisation()
    membership = make_membership(
        coordinator, kind=Tier.Kind.ORGANISATIONAL, organisation=organisation
    )
    membership_services.covered_person_add(membership_id=membership.pk, email=named.email)
    membership_services.membership_mark_paid(membership_id=membership.pk, paid=True)
    body = Client().get(f"{API}me/membership/", **make_token(named, "read")[1]).json()
    assert [(m["id"], m["holder"], m["organisation"], m["paid"]) for m in body] == [
        (membership.pk, False, organisation.name, True)
    ]


def test_membership_queries_do_not_grow_with_memberships():
    user = make_user()
    headers = make_token(user, "read")[1]
    client = Client()
    make_membership(user)
    client.get(f"{API}me/membership/", **headers)  # the token's first use of the day: a write

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{API}me/membership/", **headers).status_code == 200
        return len(captured)

    one = queries()
    for _ in range(3):
        organisation = make_organisation()
        other = make_membership(
            make_user(), kind=Tier.Kind.ORGANISATIONAL, organisation=organisation
        )
        membership_services.covered_person_add(membership_id=other.pk, email=user.email)
    assert len(client.get(f"{API}me/membership/", **headers).json()) == 4
    assert queries() == one
