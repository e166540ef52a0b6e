"""Personal access tokens: made and revoked on the profile page, hashed at rest, shown once,
and never able to do more than their scope."""

import json

import pytest
from django.test import Client

from institute.api.models import AccessToken
from tests.factories.api import make_token
from tests.factories.people import make_user

API = "/api/v1/"
pytestmark = pytest.mark.django_db


def test_made_on_the_profile_page_shown_once_and_hashed(client):
    user = make_user()
    client.force_login(user)
    profile = client.get("/account/")
    assert (
        b"Access tokens for the API" in profile.content and b"You have no tokens" in profile.content
    )
    made = client.post(
        "/account/api-tokens/", {"name": "Dashboard", "scopes": ["read", "bookings"]}
    )
    assert made.status_code == 200
    secret = made.context["secret"]
    assert secret.startswith("inst_") and secret.encode() in made.content
    assert "no-store" in made["Cache-Control"]
    token = AccessToken.objects.get(user=user)
    assert token.scopes == ["bookings", "read"] and token.last_used_on is None
    # Only the digest is kept: the secret is nowhere in the database row.
    assert secret not in json.dumps(list(AccessToken.objects.values()), default=str)
    profile = client.get("/account/")
    assert b"Dashboard" in profile.content and secret.encode() not in profile.content
    # It works, and its use is dated.
    anonymous = Client()
    assert (
        anonymous.get(f"{API}me/bookings/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code
        == 200
    )
    token.refresh_from_db()
    assert token.last_used_on is not None


def test_form_errors_and_no_scope(client):
    client.force_login(make_user())
    response = client.post("/account/api-tokens/", {"name": "", "scopes": ["everything"]})
    assert response.status_code == 400 and not AccessToken.objects.exists()


def test_revoked_on_the_profile_page_and_refused_after(client):
    user = make_user()
    token, headers = make_token(user)
    client.force_login(user)
    confirm = client.get(f"/account/api-tokens/{token.pk}/revoke/")
    assert confirm.status_code == 200 and b"Revoke the token" in confirm.content
    assert client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 302
    response = Client().get(f"{API}me/bookings/", **headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert "Bearer" in response["WWW-Authenticate"]


def test_no_one_revokes_another_persons_token(client):
    token, headers = make_token(make_user())
    client.force_login(make_user())
    assert client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 404
    assert Client().get(f"{API}me/bookings/", **headers).status_code == 200


@pytest.mark.parametrize(
    "header",
    ["Bearer nope", "Bearer inst_" + "x" * 43, "Basic dXNlcjpwYXNz", "Bearer " + "inst_" * 500],
)
def test_bad_tokens_are_refused_even_on_public_reads(header):
    response = Client().get(f"{API}topics/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_personal_endpoints_need_a_token_or_session():
    response = Client().get(f"{API}me/bookings/")
    assert response.status_code == 401
    assert response.json()["status"] == 401


def test_session_writes_need_the_csrf_token():
    user = make_user()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(
        f"{API}me/bookings/", json.dumps({"occurrence": 1}), content_type="application/json"
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


# What each scope allows: (method, path, body, scope needed). Bodies point at nothing, so an
# allowed request ends in 404 or 400 rather than changing anything.
OPERATIONS = [
    ("get", "me/bookings/", None, "read"),
    ("post", "me/bookings/", {"occurrence": 999999}, "bookings"),
    ("delete", "me/bookings/999999/", None, "bookings"),
    ("get", "me/applications/", None, "read"),
    (
        "post",
        "me/applications/",
        {
            "cohort": 999999,
            "statement": "x",
            "manager_agreed": True,
            "manager_name": "M",
            "manager_email": "m@example.org",
        },
        "applications",
    ),
    ("get", "me/benchmarking/", None, "benchmarking"),
    ("get", "me/benchmarking/2023/no-such-org/", None, "benchmarking"),
    ("get", "me/subscriptions/", None, "read"),
    ("patch", "me/subscriptions/", {"frequency": "monthly"}, "subscriptions"),
    ("delete", "me/subscriptions/", None, "subscriptions"),
    ("get", "me/membership/", None, "read"),
]
IMPLIED = {"bookings": {"read"}, "applications": {"read"}, "subscriptions": {"read"}}


@pytest.mark.parametrize(
    "scope", ["read", "bookings", "applications", "benchmarking", "subscriptions"]
)
@pytest.mark.parametrize(("method", "path", "body", "needed"), OPERATIONS)
def test_a_token_cannot_do_more_than_its_scope(scope, method, path, body, needed):
    _, headers = make_token(make_user(), scope)
    client = Client()
    kwargs = {"content_type": "application/json", "data": json.dumps(body)} if body else {}
    response = getattr(client, method)(API + path, **kwargs, **headers)
    allowed = needed == scope or needed in IMPLIED.get(scope, ())
    if allowed:
        assert response.status_code in (200, 201, 204, 400, 404), response.content
    else:
        assert response.status_code == 403, (scope, path, response.content)
        assert response.json()["scope"] == needed


def test_tokens_are_in_the_data_download_and_go_with_the_account():
    from institute.people.selectors import personal_data_export
    from institute.people.services import account_erase

    user = make_user()
    make_token(user, "read", name="Dashboard")
    exported = json.dumps(personal_data_export(user=user), default=str)
    assert "Dashboard" in exported and "digest" not in exported
    account_erase(user=user)
    assert not AccessToken.objects.exists()
