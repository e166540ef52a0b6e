"""Staff manage organisations and organisation roles, and see erasure history, in Wagtail."""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail import hooks
from wagtail.actions.create import CreateAction
from wagtail.actions.delete import DeleteAction
from wagtail.actions.edit import EditAction
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import services
from .models import ErasureRecord, Organisation, OrganisationRole


# Giving someone a role starts from the person (Users) or the organisation (Organisations):
# their "Add a coordinator" / "Give an organisation role" buttons open the role form with
# that side already filled in (docs/people.md, organisations and roles).
def role_add_url(**initial):
    query = {"role": OrganisationRole.Role.COORDINATOR, **initial}
    return f"{reverse('organisationrole:add')}?{urlencode(query)}"


def may_add_roles(user):
    return user.has_perm("people.add_organisationrole")


class OrganisationIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if may_add_roles(self.request.user):
            buttons.append(
                MenuItem(
                    "Add a coordinator",
                    url=role_add_url(organisation=instance.pk),
                    icon_name="user",
                    priority=15,
                )
            )
        return buttons


class OrganisationEditView(generic.EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if may_add_roles(self.request.user):
            buttons.append(
                Button(
                    "Add a coordinator",
                    url=role_add_url(organisation=self.object.pk),
                    icon_name="user",
                    priority=5,
                )
            )
        return buttons


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    index_view_class = OrganisationIndexView
    edit_view_class = OrganisationEditView
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


class OrganisationRoleCreateView(generic.CreateView):
    """The role form, with the person, organisation and role the link that opened it named."""

    def get_initial(self):
        initial = super().get_initial()
        for name in ("user", "organisation"):
            value = self.request.GET.get(name, "")
            if value.isascii() and value.isdigit():
                initial[name] = int(value)
        if self.request.GET.get("role") in OrganisationRole.Role.values:
            initial["role"] = self.request.GET["role"]
        return initial


class OrganisationRoleViewSet(ModelViewSet):
    """Coordinators and partner contacts of organisations."""

    model = OrganisationRole
    add_view_class = OrganisationRoleCreateView
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


@hooks.register("register_user_listing_buttons")
def user_role_button(user, request_user):
    if not may_add_roles(request_user):
        return []
    return [
        MenuItem(
            "Give an organisation role",
            url=role_add_url(user=user.pk),
            icon_name="site",
            priority=15,
        )
    ]
