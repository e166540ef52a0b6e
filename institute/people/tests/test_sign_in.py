"""Sign-in, sign-out, rate limits."""

import pytest

from tests.factories.people import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def test_member_signs_in_with_email_and_password(client):
    user = UserFactory()
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_form_is_labelled_e_mail_and_password(client):
    html = client.get(LOGIN).content.decode()
    assert '<label for="id_login">E-mail</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert 'autocomplete="current-password"' in html
    assert ">Sign in</button>" in html


def test_wrong_password_gives_an_error_and_keeps_the_email(client):
    user = UserFactory()
    response = client.post(LOGIN, {"login": user.email, "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "e-mail address or password is not right" in html
    assert f'value="{user.email}"' in html


@pytest.mark.parametrize(
    "login",
    ["", "not an address", "x" * 300 + "@example.org", "a@b@c", "💥@example.org", "' OR 1=1 --"],
)
def test_bad_login_input_gives_field_errors_not_a_server_error(client, login):
    response = client.post(LOGIN, {"login": login, "password": "whatever"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_repeated_failed_sign_ins_are_limited_with_a_clear_message(client):
    user = UserFactory()
    for _ in range(5):
        client.post(LOGIN, {"login": user.email, "password": "wrong"})
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get("/accounts/logout/")
    assert response.status_code == 200
    assert client.session.get("_auth_user_id") == str(user.pk)
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_erased_account_cannot_sign_in(client):
    from institute.people.services import account_erase

    user = UserFactory()
    email = user.email
    account_erase(user=user)
    response = client.post(LOGIN, {"login": email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_adding_a_bad_email_address_gives_a_field_error(client):
    client.force_login(UserFactory())
    response = client.post("/accounts/email/", {"action_add": "", "email": "not an address"})
    assert response.status_code == 200
    assert "name@example.org" in response.content.decode()
