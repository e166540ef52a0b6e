"""Wrong passwords are counted per address and account together (docs/people.md)."""

from unittest import mock

import pytest

from institute.people import signin
from tests.factories.people import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
START = 1_800_000_000  # the start of a quarter-hour, an hour and a day alike


@pytest.fixture(autouse=True)
def _frozen_windows():
    # The counters count in fixed windows; a test must not straddle two.
    with mock.patch("institute.core.ratelimit.time.time", return_value=START):
        yield


def _sign_in(client, user, password, address):
    client.cookies.clear()
    client.post(LOGIN, {"login": user.email, "password": password}, REMOTE_ADDR=address)
    return client.session.get("_auth_user_id") == str(user.pk)


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out_elsewhere(client):
    user = UserFactory()
    for _ in range(6):
        assert not _sign_in(client, user, "wrong", "198.51.100.1")
    assert _sign_in(client, user, PASSWORD, "203.0.113.5")


def test_wrong_passwords_from_one_address_stop_that_address_for_that_account(client):
    user = UserFactory()
    for _ in range(5):
        _sign_in(client, user, "wrong", "198.51.100.1")
    response = client.post(
        LOGIN, {"login": user.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.1"
    )
    assert "Too many failed attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_same_address_can_still_sign_in_to_another_account(client):
    target, other = UserFactory(), UserFactory()
    for _ in range(5):
        _sign_in(client, target, "wrong", "198.51.100.1")
    assert _sign_in(client, other, PASSWORD, "198.51.100.1")


def test_a_right_password_is_not_counted(client):
    user = UserFactory()
    for _ in range(8):
        assert _sign_in(client, user, PASSWORD, "198.51.100.1")


def test_the_wait_grows_with_each_round_of_wrong_passwords(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "100/m/ip"}
    user = UserFactory()
    address = "198.51.100.1"
    start = START
    with mock.patch("institute.core.ratelimit.time.time", return_value=start):
        for _ in range(5):
            _sign_in(client, user, "wrong", address)
        assert not _sign_in(client, user, PASSWORD, address)
    # A quarter of an hour later the first wait is over: five more tries.
    with mock.patch("institute.core.ratelimit.time.time", return_value=start + 15 * 60):
        for _ in range(5):
            _sign_in(client, user, "wrong", address)
        assert not _sign_in(client, user, PASSWORD, address)
    # Another quarter later the hour's limit (10) still holds.
    with mock.patch("institute.core.ratelimit.time.time", return_value=start + 30 * 60):
        assert not _sign_in(client, user, PASSWORD, address)
    with mock.patch("institute.core.ratelimit.time.time", return_value=start + 60 * 60):
        assert _sign_in(client, user, PASSWORD, address)


@pytest.fixture
def low_account_limit(monkeypatch):
    monkeypatch.setattr(signin, "ACCOUNT_LIMIT", (12, 60 * 60))


def test_guesses_from_many_addresses_stop_new_addresses_but_not_known_ones(
    client, low_account_limit
):
    user = UserFactory()
    assert _sign_in(client, user, PASSWORD, "203.0.113.5")  # the owner's usual address
    for n in range(12):
        _sign_in(client, user, "wrong", f"198.51.100.{n + 1}")
    assert not _sign_in(client, user, PASSWORD, "198.51.100.200")
    assert _sign_in(client, user, PASSWORD, "203.0.113.5")


def test_the_erasure_form_counts_wrong_passwords_like_signing_in(client):
    user = UserFactory()
    client.force_login(user)
    for _ in range(5):
        response = client.post(
            "/account/delete/", {"password": "wrong"}, REMOTE_ADDR="198.51.100.1"
        )
        assert "That is not your password" in response.content.decode()
    response = client.post("/account/delete/", {"password": PASSWORD}, REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 200
    assert "Too many wrong passwords" in response.content.decode()
    user.refresh_from_db()
    assert user.is_active


# --- Behind a load balancer (docs/deploy.md) -------------------------------------------------


def _via_proxy(client, user, password, client_address):
    client.cookies.clear()
    client.post(
        LOGIN,
        {"login": user.email, "password": password},
        REMOTE_ADDR="10.0.0.2",
        headers={"X-Forwarded-For": client_address},
    )
    return client.session.get("_auth_user_id") == str(user.pk)


def test_behind_a_proxy_one_clients_wrong_passwords_do_not_stop_everyone(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    guesser, members = UserFactory(), [UserFactory() for _ in range(3)]
    for n in range(11):  # over allauth's ten a minute per address
        _via_proxy(client, guesser, "wrong", "198.51.100.1" if n % 2 else "198.51.100.2")
    for n, member in enumerate(members):
        assert _via_proxy(client, member, PASSWORD, f"203.0.113.{n + 1}")


def test_behind_a_proxy_a_guesser_is_still_limited_by_their_own_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    users = [UserFactory() for _ in range(11)]
    for user in users[:10]:
        _via_proxy(client, user, "wrong", "198.51.100.1")
    response = client.post(
        LOGIN,
        {"login": users[10].email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        headers={"X-Forwarded-For": "198.51.100.1"},
    )
    assert "Too many failed attempts to sign in" in response.content.decode()


def test_without_a_proxy_a_made_up_forwarded_for_does_not_escape_the_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    users = [UserFactory() for _ in range(11)]
    for n, user in enumerate(users[:10]):
        _via_proxy(client, user, "wrong", f"198.51.100.{n + 1}")
    response = client.post(
        LOGIN,
        {"login": users[10].email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        headers={"X-Forwarded-For": "198.51.100.99"},
    )
    assert "Too many failed attempts to sign in" in response.content.decode()
