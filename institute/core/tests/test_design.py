"""The design system's server side: favicon, style guide, error pages (docs/content.md,
"Design system")."""

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse

from institute import urls as project_urls
from institute.core import views

pytestmark = pytest.mark.django_db


def test_favicon_is_served_as_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO header
    assert "max-age=86400" in response["Cache-Control"]


def test_every_page_links_the_icons(client, home):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html
    assert 'type="image/svg+xml"' in html


def test_header_has_the_logo_and_disclosure_buttons_hidden_until_scripted(client, home):
    html = client.get("/").content.decode()
    assert 'class="logo__mark"' in html
    assert html.count("data-disclosure-toggle hidden") == 2
    assert 'aria-controls="site-header-menu"' in html
    assert "core-disclosure.js" in html


def test_every_page_loads_the_error_summary_script_once(client, home):
    html = client.get("/").content.decode()
    assert html.count("js/error-summary.js") == 1
    assert "people-forms.js" not in html


def _member(django_user_model, **extra):
    return django_user_model.objects.create_user(
        username="m", email="m@example.org", password="x-Passw0rd!", **extra
    )


def test_style_guide_shows_every_component_to_staff(client, django_user_model, home):
    client.force_login(_member(django_user_model, is_superuser=True))
    html = client.get(reverse("core:styleguide")).content.decode()
    for component in (
        'class="card"',
        'class="card card--plain"',
        "tag tag--green",
        "tag tag--red",
        'class="summary-list"',
        'class="table-wrap"',
        'class="error-summary"',
        "notification-banner notification-banner--success",
        "notification-banner notification-banner--warning",
        'class="pagination"',
        'class="filter-panel"',
        'class="chart-figure"',
        "chart-figure__placeholder",
        'class="breadcrumbs container"',
    ):
        assert component in html, component
    # The sample summary does not take the focus when the style guide loads.
    assert "data-error-summary" not in html


def test_style_guide_draws_the_chart_components_with_their_tables(client, django_user_model, home):
    client.force_login(_member(django_user_model, is_superuser=True))
    html = client.get(reverse("core:styleguide")).content.decode()
    for kind in ("bars", "distribution", "trend"):
        assert f'class="chart chart--{kind}"' in html, kind
    assert "chart-whisker" in html and 'fill="url(#sample-spread-' in html
    assert "chart-line chart-line--1" in html
    for table in ("sample-chart-table", "sample-spread-table", "sample-trend-table"):
        assert f'aria-labelledby="{table}-caption"' in html, table
    # The same figures as the drawing: the organisation's share and its interval.
    assert ">Your organisation 72%</text>" in html
    assert '<td class="numeric">61% to 81%</td>' in html


def test_editors_with_admin_access_see_the_style_guide(client, django_user_model, home):
    user = _member(django_user_model)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("core:styleguide")).status_code == 200


def test_members_are_refused_the_style_guide_with_the_403_page(client, django_user_model, home):
    client.force_login(_member(django_user_model))
    response = client.get(reverse("core:styleguide"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot see this page" in html
    assert "You are signed in as m@example.org" in html
    assert "mailto:hello@institute.example" in html


def test_403_page_offers_sign_in_to_visitors(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/benchmarking/manage/cycles/1/")
    request.user = AnonymousUser()
    response = views.permission_denied(request, exception=None)
    html = response.content.decode()
    assert response.status_code == 403
    assert "/accounts/login/?next=/benchmarking/manage/cycles/1/" in html
    assert "/accounts/signup/" in html


def test_404_page_says_what_to_do_next(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'action="/search/"' in html
    assert "mailto:hello@institute.example" in html
    assert 'class="site-header"' in html


def test_500_page_renders_without_database_or_request_context(django_db_blocker):
    # Any query raises here: the page must not need the database that may be what failed.
    with django_db_blocker.block():
        response = views.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with this page" in html
    assert 'class="site-header"' in html
    assert "Institute" in html
    assert "mailto:hello@institute.example" in html
    assert "/static/css/institute.css" in html


def test_project_uses_the_designed_error_handlers():
    assert project_urls.handler403 is views.permission_denied
    assert project_urls.handler404 is views.page_not_found
    assert project_urls.handler500 is views.server_error


def test_unhandled_error_gives_the_designed_500_page(client, monkeypatch, home):
    monkeypatch.setattr(views, "selectors", None)  # the search page (topics) now fails
    client.raise_request_exception = False
    response = client.get("/search/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with this page" in response.content.decode()


def test_pagination_shows_the_pages_around_the_current_one(client, django_user_model, home):
    client.force_login(_member(django_user_model, is_superuser=True))
    html = client.get(reverse("core:styleguide")).content.decode()  # page 7 of 20
    assert 'aria-current="page"><span class="visually-hidden">Page </span>7</a>' in html
    assert ">6</a>" in html and ">8</a>" in html
