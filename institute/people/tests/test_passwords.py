"""Password reset and change."""

import re

import pytest
from django.core import mail

from tests.factories.people import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
RESET = "/accounts/password/reset/"
NEW_PASSWORD = "Place-based-leadership-24"


def _reset_path(message):
    link = re.search(r"https?://testserver(/accounts/password/reset/key/[^\s]+/)", message.body)
    return link.group(1)


def test_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory()
    client.post(RESET, {"email": user.email})
    response = client.get(_reset_path(mail.outbox[0]))  # allauth moves the key to the session
    response = client.post(
        response["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_reset_for_an_unknown_address_looks_the_same(client):
    response = client.post(RESET, {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter your e-mail address"),
        ("nope", "name@example.org"),
        ("a" * 300 + "@x.org", "at most 254"),
    ],
)
def test_bad_reset_input_gives_field_errors_and_keeps_it(client, value, message):
    response = client.post(RESET, {"email": value})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["email"])
    assert f'value="{value}"' in response.content.decode() or not value


def test_reset_with_mismatched_passwords_gives_an_error(client):
    user = UserFactory()
    client.post(RESET, {"email": user.email})
    response = client.get(_reset_path(mail.outbox[0]))
    response = client.post(
        response["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]


def test_reset_link_with_a_bad_key_says_so(client):
    user = UserFactory()
    response = client.get(f"/accounts/password/reset/key/{user.pk}-not-a-key/", follow=True)
    assert response.status_code == 200
    assert "not valid any more" in response.content.decode()


def test_member_changes_their_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_change_with_wrong_current_password_gives_an_error(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["oldpassword"]


def test_repeated_reset_requests_are_limited_without_a_server_error(client):
    user = UserFactory()
    for _ in range(5):  # allauth's limit: five reset e-mails a minute per address
        client.post(RESET, {"email": user.email})
    limited = client.post(RESET, {"email": user.email})
    assert limited.status_code == 429
    assert "Too many attempts" in limited.content.decode()
    assert len(mail.outbox) == 5
