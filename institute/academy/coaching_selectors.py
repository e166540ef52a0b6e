"""Reads of coaching."""

from django.db.models import Q

from institute.people import roles

from .models import Coach, CoachingSession


def coaching_sessions_count(*, year):
    """One-to-one coaching sessions held in ``year`` (the year in review's figure)."""
    return CoachingSession.objects.filter(
        status=CoachingSession.Status.HELD, starts_at__year=year
    ).count()


def coaches_available():
    return (
        Coach.objects.filter(active=True, user__is_active=True, user__groups__name=roles.COACH)
        .select_related("user")
        .prefetch_related("topics")
        .distinct()
    )


def sessions_for(*, user):
    """The person's sessions, as participant or as coach."""
    return (
        CoachingSession.objects.filter(Q(participant=user) | Q(coach__user=user))
        .select_related("coach__user", "participant")
        .order_by("-starts_at", "pk")
    )
