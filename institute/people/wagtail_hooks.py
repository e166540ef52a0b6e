"""Staff manage organisations and organisation roles, and see erasure history, in Wagtail."""

from wagtail import hooks
from wagtail.actions.create import CreateAction
from wagtail.actions.delete import DeleteAction
from wagtail.actions.edit import EditAction
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import services
from .models import ErasureRecord, Organisation, OrganisationRole


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "site"
    menu_label = "Organisations"
    list_display = ["name", "type", "region"]
    list_filter = ["type", "region"]
    search_fields = ["name"]
    form_fields = ["name", "slug", "type", "region", "website"]
    inspect_view_enabled = True
    copy_view_enabled = False


class OrganisationRoleCreateAction(CreateAction):
    def _save_instance(self):
        # Saves the form's own instance, which the view goes on to show.
        services.organisation_role_save(organisation_role=self.instance)


class OrganisationRoleEditAction(EditAction):
    def _save_instance(self):
        previous = OrganisationRole.objects.select_related("user").get(pk=self.instance.pk).user
        services.organisation_role_save(organisation_role=self.instance, previous_user=previous)


class OrganisationRoleDeleteAction(DeleteAction):
    def _delete(self):
        log(instance=self.instance, action="wagtail.delete", user=self.user, deleted=True)
        services.organisation_role_revoke(organisation_role=self.instance)


@hooks.register("register_actions")
def register_organisation_role_actions(registry):
    # Wagtail's own views, but saving goes through ``services`` so that the person's
    # groups follow their roles.
    registry.register(OrganisationRole, OrganisationRoleCreateAction)
    registry.register(OrganisationRole, OrganisationRoleEditAction)
    registry.register(OrganisationRole, OrganisationRoleDeleteAction)


class OrganisationRoleViewSet(ModelViewSet):
    """Coordinators and partner contacts of organisations."""

    model = OrganisationRole
    icon = "user"
    menu_label = "Organisation roles"
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation__type"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "organisation__name"]
    form_fields = ["user", "organisation", "role"]
    copy_view_enabled = False


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Records of what happened: viewable by those allowed, never added or altered by hand."""

    WRITES = {"add", "change", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.WRITES and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a not in self.WRITES])


register_permission_policy(ErasureRecord, ReadOnlyPermissionPolicy(ErasureRecord))


class ErasureRecordViewSet(ModelViewSet):
    model = ErasureRecord
    icon = "bin"
    menu_label = "Erasure history"
    list_display = ["erased_at", "requested_by", "sections"]
    list_filter = ["requested_by"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["requested_by"]


class PeopleViewSetGroup(ModelViewSetGroup):
    menu_label = "People"
    menu_icon = "group"
    menu_order = 250
    items = (OrganisationViewSet, OrganisationRoleViewSet, ErasureRecordViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return PeopleViewSetGroup()
