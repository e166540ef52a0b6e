"""Mentoring's and coaching's entries in the personal-data registry (``people/privacy.py``).

The download lists a person's mentoring registrations, pairs, meetings and feedback, and
their coaching sessions with the notes (as coach or as participant). An erasure deletes the
registrations (with their pairs, meetings and feedback: a pair means nothing without both
people) and the feedback the person gave; coaching sessions are kept for the yearly count
but lose the participant and their notes and request. A coach's own profile goes; sessions
they gave keep their count (the coach's profile is then inactive and unnamed).
"""

from django.db import transaction
from django.db.models import Q

from institute.people import privacy

from .models import Coach, CoachingSession, Feedback, Meeting, Pair, Registration


def _export_mentoring(user):
    registrations = Registration.objects.filter(user=user).select_related("round")
    pairs = Pair.objects.filter(Q(mentor__user=user) | Q(mentee__user=user)).select_related(
        "round", "mentor__user", "mentee__user"
    )
    return {
        "registrations": [
            {
                "round": r.round.name,
                "role": r.role,
                "topics": [t.name for t in r.topics.all()],
                "seniority": r.get_seniority_display(),
                "region": r.region,
                "format": r.format,
                "available": r.available,
                "capacity": r.capacity,
                "goals": r.goals,
                "not_with": list(r.not_with.values_list("email", flat=True)),
                "registered_at": r.created_at.isoformat(),
            }
            for r in registrations.prefetch_related("topics")
        ],
        "pairs": [
            {
                "round": p.round.name,
                "mentor": p.mentor.user.get_full_name(),
                "mentee": p.mentee.user.get_full_name(),
                "meetings": [
                    {"held_on": m.held_on.isoformat(), "minutes": m.minutes, "summary": m.summary}
                    for m in p.meetings.all()
                ],
            }
            for p in pairs.prefetch_related("meetings")
        ],
        "feedback": [
            {"round": f.pair.round.name, "rating": f.rating, "comment": f.comment}
            for f in Feedback.objects.filter(author=user).select_related("pair__round")
        ],
    }


@transaction.atomic
def _erase_mentoring(user):
    Feedback.objects.filter(author=user).delete()
    Meeting.objects.filter(recorded_by=user).update(recorded_by=None)
    Registration.objects.filter(user=user).delete()  # pairs, meetings and feedback go too
    for registration in Registration.objects.filter(not_with=user):
        registration.not_with.remove(user)


def _export_coaching(user):
    sessions = CoachingSession.objects.filter(
        Q(participant=user) | Q(coach__user=user)
    ).select_related("coach__user", "participant")
    return [
        {
            "coach": s.coach.user.get_full_name(),
            "participant": s.participant.get_full_name() if s.participant else None,
            "starts_at": s.starts_at.isoformat(),
            "status": s.status,
            "request": s.request,
            "notes": s.notes,
        }
        for s in sessions
    ]


@transaction.atomic
def _erase_coaching(user):
    CoachingSession.objects.filter(participant=user).update(participant=None, notes="", request="")
    coach = Coach.objects.filter(user=user).first()
    if coach is not None:
        coach.sessions.update(notes="", request="")
        coach.topics.clear()
        Coach.objects.filter(pk=coach.pk).update(active=False, about="")


def register_with_roof():
    privacy.register(
        privacy.PersonalData(
            key="academy.mentoring",
            title="Mentoring scheme",
            export=_export_mentoring,
            erase=_erase_mentoring,
        )
    )
    privacy.register(
        privacy.PersonalData(
            key="academy.coaching",
            title="Coaching sessions and notes",
            export=_export_coaching,
            erase=_erase_coaching,
        )
    )
