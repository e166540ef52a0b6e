"""Staff admin for bookings: list, filter, export and mark attendance in Wagtail's admin.

Bookings are made and cancelled only through ``services`` (which own the capacity rule), so
the admin cannot add one and can change only whether the person attended.
"""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Booking


class BookingPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class BookingViewSet(ModelViewSet):
    model = Booking
    icon = "date"
    menu_label = "Bookings"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["user", "occurrence", "status", "allocation", "attended", "created_at"]
    list_filter = ["status", "allocation", "attended"]
    list_export = ["user", "occurrence", "status", "allocation", "attended", "created_at"]
    export_filename = "bookings"
    form_fields = ["attended"]
    inspect_view_enabled = True


register_permission_policy(Booking, BookingPermissionPolicy(Booking), exact_class=True)


@hooks.register("register_admin_viewset")
def register_booking_viewset():
    return BookingViewSet("bookings")
