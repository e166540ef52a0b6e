"""Editing in the admin is predictable: a new page is made only when the editor saves it."""

import pytest
from django.urls import reverse

from institute.core.models import StandardPage
from institute.people import roles
from institute.people.services import roles_sync


@pytest.fixture
def editor(client, django_user_model, home):
    user = django_user_model.objects.create_user(username="editor", email="e@example.org")
    user.groups.add(roles_sync()[roles.STAFF_EDITOR])
    client.force_login(user)
    return user


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["core", "standardpage", parent.pk])


def test_the_add_page_form_does_not_autosave(client, editor, home):
    response = client.get(add_url(home))
    assert response.status_code == 200
    assert response.context["autosave_enabled"] is False
    html = response.content.decode()
    assert "w-unsaved w-autosave" not in html  # the form's own autosave controller
    assert "data-w-autosave-interval-value" not in html


def test_the_edit_form_of_an_existing_page_still_autosaves(client, editor, home):
    page = home.add_child(instance=StandardPage(title="About", slug="about"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert response.context["autosave_enabled"] is True


def test_saving_the_add_form_still_makes_a_draft(client, editor, home):
    response = client.post(
        add_url(home), {"title": "Contact", "slug": "contact", "body-count": "0"}
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="contact")
    assert not page.live
