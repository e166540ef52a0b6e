"""Roles as Django groups, and the permissions each carries."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import GroupPagePermission

from institute.core.models import Topic
from institute.people import roles, services
from institute.people.models import OrganisationRole
from tests.factories.people import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_after_migrating():
    assert set(roles.ROLES) <= set(Group.objects.values_list("name", flat=True))


def test_syncing_roles_twice_changes_nothing():
    services.roles_sync()
    before = {g.name: g.permissions.count() for g in Group.objects.all()}
    pages = GroupPagePermission.objects.count()
    services.roles_sync()
    assert {g.name: g.permissions.count() for g in Group.objects.all()} == before
    assert GroupPagePermission.objects.count() == pages


def test_staff_editor_may_enter_the_wagtail_admin_and_edit_pages(home):
    services.roles_sync()
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=roles.STAFF_EDITOR))
    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("core.change_topic")
    assert GroupPagePermission.objects.filter(
        group__name=roles.STAFF_EDITOR, permission__codename="publish_page"
    ).exists()


def test_staff_editor_may_not_touch_people_or_their_data():
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=roles.STAFF_EDITOR))
    assert not editor.has_perm("people.change_user")
    assert not editor.has_perm("people.view_consent")
    assert not editor.has_perm("auth.change_group")


def test_staff_admin_has_every_permission():
    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=roles.STAFF_ADMIN))
    assert admin.has_perm("people.change_organisationrole")
    assert admin.has_perm("people.view_erasurerecord")
    assert admin.has_perm("auth.change_group")
    assert admin.has_perm("wagtailadmin.access_admin")


def test_member_role_gives_no_admin_access():
    member = UserFactory()
    member.groups.add(Group.objects.get(name=roles.MEMBER))
    assert member.groups.filter(name=roles.MEMBER).exists()
    assert not member.has_perm("wagtailadmin.access_admin")


def test_granting_coordinator_role_adds_the_group():
    user = UserFactory()
    services.organisation_role_grant(
        user=user, organisation=OrganisationFactory(), role=OrganisationRole.Role.COORDINATOR
    )
    assert user.groups.filter(name=roles.ORGANISATION_COORDINATOR).exists()


def test_revoking_the_last_partner_contact_role_removes_the_group():
    user = UserFactory()
    first = services.organisation_role_grant(
        user=user, organisation=OrganisationFactory(), role=OrganisationRole.Role.PARTNER_CONTACT
    )
    second = services.organisation_role_grant(
        user=user, organisation=OrganisationFactory(), role=OrganisationRole.Role.PARTNER_CONTACT
    )
    services.organisation_role_revoke(organisation_role=first)
    assert user.groups.filter(name=roles.PARTNER_CONTACT).exists()
    services.organisation_role_revoke(organisation_role=second)
    assert not user.groups.filter(name=roles.PARTNER_CONTACT).exists()


def test_permissions_of_models_added_later_are_granted_after_migrate():
    later = Permission.objects.create(
        codename="change_later_model",
        name="Can change a model a room adds later",
        content_type=ContentType.objects.get_for_model(Topic),
    )
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert Group.objects.get(name=roles.STAFF_EDITOR).permissions.filter(pk=later.pk).exists()
