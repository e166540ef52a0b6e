"""The Leadership Academy: cohorts on set dates, certificates, coaching sessions and
mentoring pairs, built the way the demo data builds them (``programmes_demo``)."""

import datetime as dt

from institute.academy.models import (
    Certificate,
    Coach,
    CoachingSession,
    Pair,
    ProgrammePage,
    Registration,
    Round,
)
from institute.academy.programmes_demo import _cohort, ensure_index
from institute.core.demo import child_page


def programme(slug="sample-programme", title="Sample programme"):
    return child_page(
        ensure_index(),
        ProgrammePage,
        slug,
        title=title,
        summary="A sample.",
        sessions_to_complete=1,
    )


def cohort(programme_page, slug, start):
    """A cohort of one six-hour session starting at ``start``."""
    return _cohort(
        programme_page,
        slug,
        slug.replace("-", " ").title(),
        [("Day 1", start, start + dt.timedelta(hours=6))],
    )


def certificate(user, programme_page, issued_at, *, revoked_at=None):
    return Certificate.objects.create(
        user=user,
        programme=programme_page,
        recipient_name=user.get_full_name() or user.username,
        recipient_identity="sha256$test",
        salt="salt",
        issued_at=issued_at,
        revoked_at=revoked_at,
    )


def coaching_session(coach_user, participant, starts_at, *, status=CoachingSession.Status.HELD):
    coach = Coach.objects.get_or_create(user=coach_user)[0]
    return CoachingSession.objects.create(
        coach=coach, participant=participant, starts_at=starts_at, status=status
    )


def mentoring_round(slug, starts_on, *, state=Round.State.CONFIRMED):
    return Round.objects.create(
        slug=slug,
        name=slug,
        registration_closes=starts_on,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=180),
        state=state,
    )


def pair(mentoring_round_, mentor_user, mentee_user):
    common = {"seniority": 3, "region": "wales"}
    mentor = Registration.objects.get_or_create(
        round=mentoring_round_, user=mentor_user, defaults={"role": "mentor", **common}
    )[0]
    mentee = Registration.objects.get_or_create(
        round=mentoring_round_, user=mentee_user, defaults={"role": "mentee", **common}
    )[0]
    return Pair.objects.create(round=mentoring_round_, mentor=mentor, mentee=mentee)
