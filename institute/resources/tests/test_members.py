"""The members-only body is never sent to anyone who may not read it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from institute.core.demo import child_page
from institute.core.models import StandardPage
from institute.people import roles
from institute.people.services import roles_sync
from tests.factories import resources as f

from ..selectors import can_read_members_content

pytestmark = pytest.mark.django_db

SECRET = "Confidential model policy wording for members"


@pytest.fixture
def policy(hub):
    return f.resource(
        hub,
        title="AI policy and guidance",
        summary="A policy framework you can adapt.",
        body="<p>Public teaser about responsible AI.</p>",
        members_body=f"<p>{SECRET}.</p>",
        resource_type="guidance",
    )


def test_anonymous_visitor_sees_the_teaser_not_the_members_body(client, policy):
    body = client.get(policy.url).content.decode()
    assert "Public teaser about responsible AI" in body
    assert SECRET not in body


def test_anonymous_visitor_is_offered_sign_in_and_joining(client, policy, home):
    join = child_page(home, StandardPage, "how-to-join", title="How to join")
    body = client.get(policy.url).content.decode()
    assert f'href="{reverse("account_login")}?next={policy.url}"' in body
    assert f'href="{join.url}">How to join</a>' in body


def test_no_joining_link_leads_nowhere_without_the_page(client, policy):
    body = client.get(policy.url).content.decode()
    assert "How to join" not in body


def test_signed_in_non_member_does_not_see_the_members_body(client, policy, django_user_model):
    client.force_login(f.non_member(django_user_model))
    body = client.get(policy.url).content.decode()
    assert SECRET not in body
    assert "not a member account" in body


def test_member_reads_the_members_body(client, policy, django_user_model):
    client.force_login(f.member(django_user_model))
    assert SECRET in client.get(policy.url).content.decode()


@pytest.mark.parametrize("role", [roles.STAFF_EDITOR, roles.STAFF_ADMIN])
def test_staff_read_the_members_body(client, policy, django_user_model, role):
    staff = django_user_model.objects.create_user(username="staff")
    staff.groups.add(roles_sync()[role])
    client.force_login(staff)
    assert SECRET in client.get(policy.url).content.decode()


def test_the_is_staff_flag_alone_does_not_open_the_members_body(client, policy, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="flag", is_staff=True))
    assert SECRET not in client.get(policy.url).content.decode()


def test_anonymous_visitor_after_a_member_still_gets_the_teaser(client, policy, django_user_model):
    member_client = Client()
    member_client.force_login(f.member(django_user_model))
    assert SECRET in member_client.get(policy.url).content.decode()
    assert SECRET not in client.get(policy.url).content.decode()
    assert SECRET not in client.get(policy.url).content.decode()  # now from the page cache


def test_members_body_is_not_searchable(client, policy):
    response = client.get("/resources/?q=confidential")
    assert response.context["results"].total == 0
    assert SECRET not in response.content.decode()


def test_members_body_never_appears_in_search_snippets(client, policy, django_user_model):
    client.force_login(f.member(django_user_model))
    body = client.get("/resources/?q=responsible").content.decode()
    assert "AI policy and guidance" in body
    assert "Confidential" not in body


def test_members_body_is_not_in_the_atom_feed(client, policy):
    body = client.get("/resources/feed/").content.decode()
    assert "AI policy and guidance" in body
    assert SECRET not in body


def test_members_body_is_not_in_the_podcast_feed(client, hub):
    series = f.series(hub)
    f.episode(series, title="Members episode", members_body=f"<p>{SECRET}</p>")
    body = client.get(f"{series.url}feed/").content.decode()
    assert "Members episode" in body
    assert SECRET not in body


def test_members_body_is_not_in_the_structured_data(client, policy):
    body = client.get(policy.url).content.decode()
    assert '"isAccessibleForFree": false' in body
    assert SECRET not in body


def test_anonymous_user_cannot_read_members_content():
    assert can_read_members_content(user=AnonymousUser()) is False


def test_member_group_can_read_members_content(django_user_model):
    assert can_read_members_content(user=f.member(django_user_model)) is True


def test_user_outside_the_member_group_cannot_read_members_content(django_user_model):
    assert can_read_members_content(user=f.non_member(django_user_model)) is False


def test_members_body_is_not_exposed_to_the_page_api():
    from ..models import PodcastEpisodePage, ResourcePage

    for model in (ResourcePage, PodcastEpisodePage):
        assert "members_body" not in [field.name for field in model.api_fields]
