"""Reads of the mentoring scheme."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from . import matching
from .models import Pair, Registration, Round


def rounds_open():
    return Round.objects.filter(state=Round.State.OPEN).order_by("registration_closes", "pk")


def registrations_for(*, user):
    return (
        Registration.objects.filter(user=user)
        .select_related("round")
        .prefetch_related("topics")
        .order_by("-round__starts_on", "pk")
    )


def pairs_for(*, user):
    """The person's pairs (as mentor or mentee) in rounds whose pairs are confirmed."""
    return (
        Pair.objects.filter(Q(mentor__user=user) | Q(mentee__user=user))
        .filter(round__state__in=[Round.State.CONFIRMED, Round.State.CLOSED])
        .select_related("round", "mentor__user", "mentee__user")
        .prefetch_related("meetings", "feedback")
        .order_by("-round__starts_on", "pk")
    )


def feedback_open(*, round, today: dt.date | None = None) -> bool:
    """Whether a round's pairs may give feedback: at the end of the round, once staff have
    closed it or, with its pairs confirmed, from the day after it ends."""
    if round.state == Round.State.CLOSED:
        return True
    today = today or timezone.localdate()
    return round.state == Round.State.CONFIRMED and today > round.ends_on


def feedback_refusal(*, round) -> str:
    """What a pair is told while feedback is not open yet."""
    return f"Feedback opens at the end of the round, after {round.ends_on:%-d %B %Y}."


def pair_explained(*, pair):
    """A pair's score as labelled parts, in the order of ``matching.PARTS``."""
    return [
        {"label": matching.PART_LABELS[part], "points": pair.parts.get(part, 0)}
        for part in matching.PARTS
    ]


def round_summary(*, round):
    counts = round.registrations.aggregate(
        mentors=Count("pk", filter=Q(role=Registration.Role.MENTOR)),
        mentees=Count("pk", filter=Q(role=Registration.Role.MENTEE)),
    )
    return {
        **counts,
        "pairs": round.pairs.count(),
        "locked": round.pairs.filter(locked=True).count(),
    }


def people_paired_count(*, year):
    """How many people (mentors and mentees, each once) were in a confirmed pair that year."""
    pairs = Pair.objects.filter(
        round__starts_on__year=year, round__state__in=[Round.State.CONFIRMED, Round.State.CLOSED]
    )
    people = set(pairs.values_list("mentor__user_id", flat=True))
    people |= set(pairs.values_list("mentee__user_id", flat=True))
    return len(people)


def registrations_unmatched(*, round):
    """Who the round's last matching left without a pair, and why, as stored with it.

    Mentees first, then mentors; each by name."""
    return list(
        round.registrations.exclude(unmatched_reason="")
        .select_related("user", "user__organisation")
        .order_by("role", "user__last_name", "user__first_name", "pk")
    )
