"""Every response carries the site's security headers; the admin gets its own script policy."""

import pytest
from django.urls import reverse

from institute.people import roles
from institute.people.services import roles_sync


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user(username="editor", email="e@example.org")
    user.groups.add(roles_sync()[roles.STAFF_EDITOR])
    client.force_login(user)
    return user


def test_public_pages_run_no_inline_script_or_style(client, home):
    found = directives(client.get(home.url))
    assert found["script-src"] == ["'self'"]
    assert found["style-src"] == ["'self'"]


def test_admin_pages_allow_the_admins_inline_scripts_and_nothing_else_more(client, home, editor):
    response = client.get("/admin/")
    assert response.status_code == 200
    found = directives(response)
    assert "'unsafe-inline'" in found["script-src"]
    assert found["default-src"] == ["'self'"]
    assert found["object-src"] == ["'none'"]
    assert found["form-action"] == ["'self'"]


def test_frame_ancestors_say_what_x_frame_options_says(client, home):
    response = client.get(home.url)
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response)["frame-ancestors"] == ["'none'"]


def test_wagtail_preview_may_be_framed_by_the_admin_under_both_rules(client, home, editor):
    response = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[home.pk]))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == ["'self'"]


def test_with_sameorigin_the_policy_follows(client, home, settings):
    settings.X_FRAME_OPTIONS = "SAMEORIGIN"
    assert directives(client.get(home.url))["frame-ancestors"] == ["'self'"]


def test_powerful_browser_features_are_switched_off(client, home):
    policy = client.get(home.url)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    assert "fullscreen=(self)" in policy


def test_admin_avatars_are_not_fetched_from_outside(client, home, editor):
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
