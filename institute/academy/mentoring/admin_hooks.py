"""Mentoring and coaching in the Wagtail admin: rounds, their matching screen, and coaches.

Rounds are created and edited here; their stage changes only on the round's own screen
(``admin_views.round_detail``) through the services. Coaches' capacity and topics are edited
here; coaching sessions are listed for staff without their notes.
"""

from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from ..models import Coach, CoachingSession, Round
from . import admin_urls


def _round_link(round):
    url = reverse("academy_mentoring_admin:round", args=[round.pk])
    return format_html('<a href="{}">Registrations, matching and pairs of {}</a>', url, round)


class RoundViewSet(ModelViewSet):
    model = Round
    name = "academy_rounds"
    url_prefix = "academy/mentoring/rounds"
    icon = "group"
    form_fields = ["name", "slug", "registration_closes", "starts_on", "ends_on"]
    list_display = [
        "name",
        "state",
        "starts_on",
        Column("manage", label="Manage", accessor=_round_link),
    ]


class CoachViewSet(ModelViewSet):
    model = Coach
    name = "academy_coaches"
    url_prefix = "academy/coaching/coaches"
    icon = "user"
    form_fields = ["user", "sessions_per_month", "sessions_per_year", "topics", "about", "active"]
    list_display = ["__str__", "sessions_per_month", "sessions_per_year", "active"]


class CoachingSessionViewSet(ModelViewSet):
    """Staff see when and with whom; the notes are the coach's and the participant's only."""

    model = CoachingSession
    name = "academy_coaching_sessions"
    url_prefix = "academy/coaching/sessions"
    icon = "date"
    form_fields = ["coach", "participant", "starts_at", "minutes", "status"]
    list_display = ["starts_at", "coach", "participant", "status"]
    list_filter = ["status", "coach"]
    inspect_view_enabled = False


class MentoringGroup(ModelViewSetGroup):
    menu_label = "Mentoring & coaching"
    menu_icon = "group"
    items = (RoundViewSet, CoachViewSet, CoachingSessionViewSet)


@hooks.register("register_admin_viewset")
def register_viewset():
    return MentoringGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("academy/mentoring/manage/", include(admin_urls, namespace="academy_mentoring_admin"))
    ]
