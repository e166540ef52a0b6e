"""Writes of coaching: a member requests a session, the coach confirms, holds and records it."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Coach, CoachingSession

COUNTED = (
    CoachingSession.Status.REQUESTED,
    CoachingSession.Status.BOOKED,
    CoachingSession.Status.HELD,
)


def coach_has_room(*, coach, starts_at):
    """Whether the coach's monthly and yearly capacity leave room for a session then."""
    sessions = coach.sessions.filter(status__in=COUNTED, starts_at__year=starts_at.year)
    in_month = sessions.filter(starts_at__month=starts_at.month).count()
    return in_month < coach.sessions_per_month and sessions.count() < coach.sessions_per_year


@transaction.atomic
def session_request(*, coach, participant, starts_at, minutes=60, request=""):
    coach = Coach.objects.select_for_update().get(pk=coach.pk)
    if not coach.active:
        raise ValidationError("This coach is not taking sessions.")
    if coach.user_id == participant.pk:
        raise ValidationError("A coach does not coach themselves.")
    if CoachingSession.objects.filter(
        coach=coach, participant=participant, starts_at=starts_at, status__in=COUNTED
    ).exists():  # a second click on "Request", or the same request sent again
        raise ValidationError("You have already asked this coach for a session at that time.")
    if not coach_has_room(coach=coach, starts_at=starts_at):
        raise ValidationError("This coach has no sessions left that month; choose another.")
    session = CoachingSession.objects.create(
        coach=coach,
        participant=participant,
        starts_at=starts_at,
        minutes=minutes,
        request=request,
    )
    _notify(session, "requested")
    return session


def _notify(session, notice):
    from . import emails

    transaction.on_commit(lambda: emails.send_coaching_notice(session.pk, notice))


TRANSITIONS = {
    CoachingSession.Status.REQUESTED: {
        CoachingSession.Status.BOOKED,
        CoachingSession.Status.CANCELLED,
    },
    CoachingSession.Status.BOOKED: {CoachingSession.Status.HELD, CoachingSession.Status.CANCELLED},
}


@transaction.atomic
def session_update(*, session, user, status=None, notes=None):
    """The coach changes the status; the coach or the participant write the notes.

    The session's row is locked and read afresh, so two changes sent at once (say "held" and
    "cancelled" from two tabs) are checked one after the other against the stored status."""
    session = CoachingSession.objects.select_for_update().select_related("coach").get(pk=session.pk)
    if not session.is_party(user):
        raise ValidationError("Only the coach and the participant change this session.")
    fields = []
    if status and status != session.status:
        if user.pk != session.coach.user_id:
            raise ValidationError("Only the coach confirms, records or cancels a session.")
        if status not in TRANSITIONS.get(session.status, ()):
            raise ValidationError("A session cannot move to that status from its current one.")
        session.status = status
        fields.append("status")
        if status in (CoachingSession.Status.BOOKED, CoachingSession.Status.CANCELLED):
            _notify(session, status)
    if notes is not None:
        session.notes = notes
        fields.append("notes")
    if fields:
        session.save(update_fields=fields)
    return session
