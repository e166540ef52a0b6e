"""Writes of the mentoring scheme: registration, matching, staff review, confirmation, pairs."""

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from institute.core.canonical import absolute_url

from . import matching, mentoring_selectors
from .models import Feedback, Meeting, Pair, Registration, Round

NEXT_STATE = {
    Round.State.OPEN: Round.State.MATCHING,
    Round.State.MATCHING: Round.State.CONFIRMED,
    Round.State.CONFIRMED: Round.State.CLOSED,
}


def registration_save(
    *,
    round,
    user,
    role,
    topics,
    seniority,
    region,
    format,
    available=True,
    capacity=1,
    goals="",
    not_with=(),
):
    """Register (or update the registration of) ``user`` for an open round."""
    if round.state != Round.State.OPEN:
        raise ValidationError("Registration for this round has closed.")
    capacity = capacity if role == Registration.Role.MENTOR else 1
    registration, _ = Registration.objects.update_or_create(
        round=round,
        user=user,
        defaults={
            "role": role,
            "seniority": seniority,
            "region": region,
            "format": format,
            "available": available,
            "capacity": capacity,
            "goals": goals,
        },
    )
    registration.topics.set(topics)
    registration.not_with.set([u for u in not_with if u.pk != user.pk])
    return registration


def round_instance(*, round):
    """The round as matching sees it: mentors, mentees, locked pairs and "not with" requests.

    Read as plain values in four queries (no model instances): a round of thousands."""
    rows = list(
        round.registrations.values_list(
            "pk",
            "user_id",
            "user__organisation_id",
            "role",
            "seniority",
            "region",
            "format",
            "available",
            "capacity",
        ).order_by("pk")
    )
    topics = {}
    for registration_id, topic_id in Registration.topics.through.objects.filter(
        registration__round=round
    ).values_list("registration_id", "topic_id"):
        topics.setdefault(registration_id, set()).add(topic_id)
    by_user = {row[1]: row[0] for row in rows}
    not_with = set()
    for registration_id, user_id in Registration.not_with.through.objects.filter(
        registration__round=round
    ).values_list("registration_id", "user_id"):
        if user_id in by_user:
            not_with.add((registration_id, by_user[user_id]))
    people = {Registration.Role.MENTOR: [], Registration.Role.MENTEE: []}
    for pk, _, organisation, role, seniority, region, format_, available, capacity in rows:
        people[role].append(
            matching.Person(
                id=pk,
                organisation=organisation,
                topics=frozenset(topics.get(pk, ())),
                seniority=seniority,
                region=region,
                format=format_,
                available=available,
                capacity=capacity,
            )
        )
    locked = list(round.pairs.filter(locked=True).values_list("mentor_id", "mentee_id"))
    return {
        "mentors": people[Registration.Role.MENTOR],
        "mentees": people[Registration.Role.MENTEE],
        "locked": locked,
        "not_with": not_with,
    }


@transaction.atomic
def round_match(*, round):
    """Compute the optimal pairing around the locked pairs and store it (unlocked pairs go).

    Who is left without a pair, and why, is stored on their registrations in the same
    transaction; everyone else's reason is cleared.
    """
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.state != Round.State.MATCHING:
        raise ValidationError("Pairs are computed only while the round is being matched.")
    result = matching.match(**round_instance(round=round))
    round.pairs.filter(locked=False).delete()
    Pair.objects.bulk_create(
        [
            Pair(round=round, mentor_id=p.mentor, mentee_id=p.mentee, score=p.score, parts=p.parts)
            for p in result.pairs
            if not p.locked
        ]
    )
    round.registrations.exclude(unmatched_reason="").update(unmatched_reason="")
    by_reason = {}
    for pk, why in (*result.unmatched_mentees, *result.unmatched_mentors):
        by_reason.setdefault(why, []).append(pk)
    for why, pks in by_reason.items():  # a handful of reasons: one UPDATE each
        round.registrations.filter(pk__in=pks).update(unmatched_reason=why)
    return result


def pair_lock(*, pair, locked):
    if pair.round.state != Round.State.MATCHING:
        raise ValidationError("Pairs can be changed only while the round is being matched.")
    pair.locked = locked
    pair.save(update_fields=["locked"])


@transaction.atomic
def pairs_swap(*, first, second):
    """Swap the mentees of two pairs, if the hard rules allow both new pairs; both are locked."""
    if first.round_id != second.round_id or first.pk == second.pk:
        raise ValidationError("Choose two different pairs of the same round.")
    if first.round.state != Round.State.MATCHING:
        raise ValidationError("Pairs can be changed only while the round is being matched.")
    instance = round_instance(round=first.round)
    people = {p.id: p for p in (*instance["mentors"], *instance["mentees"])}
    new = [(first.mentor_id, second.mentee_id), (second.mentor_id, first.mentee_id)]
    for mentor_id, mentee_id in new:
        mentor, mentee = people[mentor_id], people[mentee_id]
        ok = matching.allowed([mentor], [mentee], frozenset(instance["not_with"]))
        if not ok[0, 0]:
            raise ValidationError(
                "That swap would break a rule (organisation, availability or a “not with” request)."
            )
    Pair.objects.filter(pk__in=[first.pk, second.pk]).delete()
    created = []
    for mentor_id, mentee_id in new:
        parts = matching.score_parts([people[mentor_id]], [people[mentee_id]])
        points = {part: int(parts[part][0, 0]) for part in matching.PARTS}
        created.append(
            Pair.objects.create(
                round_id=first.round_id,
                mentor_id=mentor_id,
                mentee_id=mentee_id,
                score=sum(points.values()),
                parts=points,
                locked=True,
            )
        )
    return created


@transaction.atomic
def round_advance(*, round):
    """Move a round to its next state; confirming e-mails both sides of every pair."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.state not in NEXT_STATE:
        raise ValidationError("This round is closed.")
    round.state = NEXT_STATE[round.state]
    if round.state == Round.State.CONFIRMED:
        round.confirmed_at = timezone.now()
        pairs = list(round.pairs.select_related("mentor__user", "mentee__user"))
        left = list(round.registrations.exclude(unmatched_reason="").select_related("user"))
        transaction.on_commit(lambda: [pair_notify(pair=p) for p in pairs])
        transaction.on_commit(lambda: [registration_unmatched_notify(registration=r) for r in left])
    round.save(update_fields=["state", "confirmed_at"])
    return round


def pair_notify(*, pair):
    """Tell the mentor and the mentee whom they are paired with (plain-text e-mails)."""
    url = absolute_url(reverse("academy:mentoring_pair", args=[pair.pk]))
    for me, other, role in (
        (pair.mentor.user, pair.mentee.user, "mentor"),
        (pair.mentee.user, pair.mentor.user, "mentee"),
    ):
        if not me.email:
            continue
        context = {"pair": pair, "me": me, "other": other, "role": role, "url": url}
        send_mail(
            subject=f"Your mentoring pair for {pair.round.name}",
            message=render_to_string("academy/mentoring/emails/pair_confirmed.txt", context),
            from_email=None,
            recipient_list=[me.email],
        )


def registration_unmatched_notify(*, registration):
    """Tell someone the round's matching left without a pair, and why (plain text)."""
    user = registration.user
    if not user.email:
        return
    context = {
        "registration": registration,
        "round": registration.round,
        "me": user,
        "url": absolute_url(reverse("academy:mentoring")),
    }
    send_mail(
        subject=f"Mentoring: {registration.round.name}",
        message=render_to_string("academy/mentoring/emails/unmatched.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def _check_member(pair, user):
    if not pair.has_member(user):
        raise ValidationError("Only the mentor and the mentee record this pair's meetings.")
    if pair.round.state not in (Round.State.CONFIRMED, Round.State.CLOSED):
        raise ValidationError("Meetings are recorded once the pairs are confirmed.")


def meeting_record(*, pair, user, held_on, minutes=60, summary=""):
    _check_member(pair, user)
    return Meeting.objects.create(
        pair=pair, held_on=held_on, minutes=minutes, summary=summary, recorded_by=user
    )


def feedback_give(*, pair, user, rating, comment=""):
    """Each side of a pair rates the round and comments, once per person (giving it again
    changes it), at the end of the round: once it is closed or its last day has passed."""
    _check_member(pair, user)
    if not mentoring_selectors.feedback_open(round=pair.round):
        raise ValidationError(mentoring_selectors.feedback_refusal(round=pair.round))
    feedback, _ = Feedback.objects.update_or_create(
        pair=pair, author=user, defaults={"rating": rating, "comment": comment}
    )
    return feedback
