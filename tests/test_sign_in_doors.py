"""One door: no URL of the site signs anyone in or resets a password except allauth's forms.

The walk posts an account's credentials, in every field name a sign-in or reset form uses,
to every URL the resolver knows (arguments filled with sample values), and looks at what
happened: who is signed in afterwards, and which e-mails went out. docs/people.md, "One door".
"""

import re
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import Resolver404, get_resolver, resolve
from django.urls.converters import IntConverter, UUIDConverter

from tests.factories.people import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ALLAUTH_ACCOUNT_VIEWS = "allauth.account."


def _sample(converter) -> str:
    if isinstance(converter, IntConverter):
        return "1"
    if isinstance(converter, UUIDConverter):
        return str(uuid.UUID(int=1))
    return "1"


def _paths(resolver, prefix: str):
    for key in list(resolver.reverse_dict.keys()):
        for possibilities, _pattern, _defaults, converters in resolver.reverse_dict.getlist(key):
            for template, params in possibilities:
                values = {param: _sample(converters.get(param)) for param in params}
                yield prefix + template % values
    for namespace_prefix, namespaced in resolver.namespace_dict.values():
        # A namespace's prefix is kept as a regular expression: "django\-admin/".
        yield from _paths(namespaced, prefix + re.sub(r"\\(.)", r"\1", namespace_prefix))


def every_url() -> list[str]:
    """One concrete path for every pattern in the resolver, named or not, in any namespace."""
    return sorted(set(_paths(get_resolver(), "/")))


def _view_module(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    func = getattr(match.func, "view_class", match.func)
    return func.__module__


def _credentials(email: str) -> dict:
    return {
        "username": email,
        "login": email,
        "email": email,
        "password": PASSWORD,
        "old_password": PASSWORD,
        "oldpassword": PASSWORD,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "new_password1": "Another-long-passw0rd",
        "new_password2": "Another-long-passw0rd",
        "first_name": "Ada",
        "last_name": "Lovelace",
    }


def _walk(email: str):
    """Post ``email``'s credentials everywhere; the paths that signed in, and that sent mail."""
    signed_in, mailed = [], []
    for path in every_url():
        client = Client(raise_request_exception=False)
        mail.outbox = []
        client.post(path, _credentials(email))
        if "_auth_user_id" in client.session:
            signed_in.append(path)
        if mail.outbox:
            mailed.append(path)
    return signed_in, mailed


def test_the_walk_reaches_the_doors_other_apps_would_open():
    paths = every_url()
    for door in [
        "/_util/login/",
        "/admin/login/",
        "/admin/password_reset/",
        "/django-admin/login/",
    ]:
        assert door in paths
    assert "/accounts/login/" in paths
    assert len(paths) > 200  # Wagtail's admin alone has hundreds


def test_an_unconfirmed_account_cannot_sign_in_at_any_url():
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    signed_in, mailed = _walk(user.email)

    assert signed_in == []
    # Only allauth's forms send anything: its confirmation, "already exists" and reset mails,
    # each under its own rate limit.
    assert mailed
    assert [
        path for path in mailed if not _view_module(path).startswith(ALLAUTH_ACCOUNT_VIEWS)
    ] == []


def test_a_confirmed_account_signs_in_and_resets_only_through_allauth():
    user = UserFactory(is_staff=True, is_superuser=True)

    signed_in, mailed = _walk(user.email)

    assert signed_in == ["/accounts/login/"]
    assert [
        path for path in mailed if not _view_module(path).startswith(ALLAUTH_ACCOUNT_VIEWS)
    ] == []


def test_a_username_is_not_a_way_in():
    # Django's own backend would take the username through any form that calls
    # authenticate(); only the e-mail address signs in.
    from django.contrib.auth import authenticate

    user = UserFactory(username="admin")
    assert authenticate(username="admin", password=PASSWORD) is None
    assert authenticate(email=user.email, password=PASSWORD) == user


@pytest.mark.parametrize(
    ("door", "target"),
    [
        ("/_util/login/?next=/members/", "/accounts/login/?next=/members/"),
        ("/admin/password_reset/", "/accounts/password/reset/"),
    ],
)
def test_other_doors_lead_to_the_one_door(client, door, target):
    response = client.get(door)
    assert response.status_code == 302
    assert response["Location"] == target


def test_wagtail_admin_password_reset_steps_are_closed(client):
    assert client.get("/admin/password_reset/done/").status_code == 404
    assert client.get("/admin/password_reset/confirm/MQ/set-password/").status_code == 404


def test_a_private_page_sends_visitors_to_the_one_door(client, home):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(home.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_staff_change_password_and_e_mail_through_allauth_not_the_admin(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    html = client.get("/admin/account/").content.decode()
    assert 'name="password-new_password1"' not in html
    assert 'name="name_email-email"' not in html


def test_a_pages_shared_password_cannot_be_guessed_without_limit(client, home):
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.PASSWORD, password="shared-secret"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{home.pk}/"
    for _ in range(10):
        assert client.post(url, {"password": "guess", "return_url": "/"}).status_code == 200
    response = client.post(url, {"password": "shared-secret", "return_url": "/"})
    assert response.status_code == 429
    other_address = client.post(
        url, {"password": "shared-secret", "return_url": "/"}, REMOTE_ADDR="203.0.113.5"
    )
    assert other_address.status_code == 302
