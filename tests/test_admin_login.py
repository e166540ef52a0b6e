"""Both admins sign people in through the site's one login form (with its rate limits)."""

import pytest


@pytest.mark.django_db
def test_wagtail_admin_sends_anonymous_visitors_to_the_site_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_wagtail_admin_login_url_redirects_to_the_site_login_keeping_next(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


@pytest.mark.django_db
def test_django_admin_login_redirects_to_the_site_login(client):
    response = client.get("/django-admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_django_admin_refuses_signed_in_non_staff(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="m", email="m@example.org", password="x-Passw0rd!"
    )
    client.force_login(user)
    assert client.get("/django-admin/login/").status_code == 403
