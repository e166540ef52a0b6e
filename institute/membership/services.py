"""Writes about membership and Member Voice; keyword-only. Every change of a membership's
status goes through ``_record``, which writes its history and moves the Member role."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from institute.core import cache as page_cache
from institute.people import privacy, roles

from . import selectors
from .models import (
    CoveredPerson,
    Feedback,
    Membership,
    RenewalReminder,
    Status,
    StatusChange,
    Tier,
    VoiceSeat,
    VoiceSettings,
)
from .status import grace_end_for, period_end_for, status_on

User = get_user_model()
REMINDER_DAYS = 30
BATCH_SIZE = 500


class MembershipError(Exception):
    """A request the rules refuse, with a sentence for the person."""


def _today(day=None):
    return day or timezone.localdate()


# The Member role ---------------------------------------------------------------------------


def member_role_sync(*, user_ids, day=None) -> None:
    """Give the Member group to exactly those of ``user_ids`` whose membership makes them a
    member on ``day``: the group follows the status, and nothing else sets it."""
    ids = set(user_ids) - {None}
    if not ids:
        return
    group, _ = Group.objects.get_or_create(name=roles.MEMBER)
    members = selectors.member_user_ids(user_ids=ids, day=day)
    through = User.groups.through
    through.objects.filter(group=group, user_id__in=ids - members).delete()
    have = set(
        through.objects.filter(group=group, user_id__in=members).values_list("user_id", flat=True)
    )
    through.objects.bulk_create(
        [through(user_id=pk, group_id=group.pk) for pk in members - have], ignore_conflicts=True
    )


def _people_of(membership) -> set:
    ids = set(CoveredPerson.objects.filter(membership=membership).values_list("user_id", flat=True))
    return ids | {membership.holder_id}


def _record(membership, *, day, note="", always=False, people=None) -> None:
    """Write a history row when the status on ``day`` differs from the one recorded (or
    ``always``), keep the recorded status, and move the Member role of everyone covered."""
    new = status_on(membership, day)
    if new != membership.status or always:
        StatusChange.objects.create(
            membership=membership,
            from_status=membership.status,
            to_status=new,
            on=day,
            recorded_at=timezone.now(),
            note=note[:200],
        )
        membership.status = new
        Membership.objects.filter(pk=membership.pk).update(status=new)
    member_role_sync(user_ids=people if people is not None else _people_of(membership), day=day)


def _locked(membership_id) -> Membership:
    return Membership.objects.select_for_update().select_related("tier").get(pk=membership_id)


def _invoice_reference(membership) -> str:
    return f"INV-{membership.end_date or membership.applied_at.date():%Y}-{membership.pk:06d}"


def _start(membership, day) -> None:
    membership.approval = Membership.Approval.APPROVED
    membership.decided_at = timezone.now()
    membership.join_date = membership.join_date or day
    membership.start_date = day
    membership.end_date = period_end_for(day)
    membership.grace_end = grace_end_for(membership.end_date)
    membership.invoice_reference = _invoice_reference(membership)
    membership.save()


# Joining -----------------------------------------------------------------------------------


@transaction.atomic
def membership_apply(*, user, tier: Tier, organisation=None, statement: str = "", day=None):
    """Apply for ``tier``. A tier without approval starts at once (unpaid, with an invoice
    reference); one that needs approval waits for staff. One open membership per person."""
    day = _today(day)
    User.objects.select_for_update().filter(pk=user.pk).first()  # one application at a time
    open_ = Membership.objects.filter(holder=user).exclude(approval=Membership.Approval.DECLINED)
    for existing in open_:
        if status_on(existing, day) not in (Status.EXPIRED, Status.CANCELLED):
            raise MembershipError("You already have a membership: renew it instead.")
    if tier.is_organisational and organisation is None:
        raise MembershipError("Choose the organisation the membership is for.")
    membership = Membership.objects.create(
        tier=tier,
        holder=user,
        organisation=organisation if tier.is_organisational else None,
        statement=statement,
        applied_at=timezone.now(),
    )
    StatusChange.objects.create(
        membership=membership,
        to_status=Status.PENDING,
        on=day,
        recorded_at=timezone.now(),
        note="Applied",
    )
    if not tier.needs_approval:
        _start(membership, day)
        _record(membership, day=day, note="Joined")
    return membership


@transaction.atomic
def membership_approve(*, membership_id: int, day=None) -> bool:
    """Approve a waiting application; it starts on ``day``. False when it was no longer
    waiting (approved or declined by someone else meanwhile): an application starts once."""
    day = _today(day)
    membership = _locked(membership_id)
    if membership.approval != Membership.Approval.PENDING:
        return False
    _start(membership, day)
    _record(membership, day=day, note="Approved")
    return True


@transaction.atomic
def membership_decline(*, membership_id: int) -> bool:
    membership = _locked(membership_id)
    if membership.approval != Membership.Approval.PENDING:
        return False
    membership.approval = Membership.Approval.DECLINED
    membership.decided_at = timezone.now()
    membership.save(update_fields=["approval", "decided_at"])
    return True


@transaction.atomic
def membership_renew(*, membership_id: int, seen_end_date, day=None) -> bool:
    """Renew for another term. From new, current or grace the term follows on from the end
    date; from expired it starts on ``day`` (the join date is kept). ``seen_end_date`` is the
    end date the renewer saw: if it has moved, someone renewed meanwhile and nothing happens,
    so two renewals of the same period give one. Returns whether it renewed."""
    day = _today(day)
    membership = _locked(membership_id)
    status = status_on(membership, day)
    if status not in selectors.ACTIONS[selectors.RENEW]:
        raise MembershipError("This membership cannot be renewed.")
    if membership.end_date != seen_end_date:
        return False
    if status == Status.EXPIRED:
        membership.start_date = day
        membership.end_date = period_end_for(day)
    else:
        membership.end_date = period_end_for(membership.end_date + datetime.timedelta(days=1))
    membership.grace_end = grace_end_for(membership.end_date)
    membership.paid, membership.paid_on = False, None
    membership.invoice_reference = _invoice_reference(membership)
    membership.save()
    _record(membership, day=day, note=f"Renewed until {membership.end_date:%-d %B %Y}", always=True)
    return True


@transaction.atomic
def memberships_renew(*, membership_ids, day=None) -> int:
    """Renew each of ``membership_ids`` once (staff's bulk renewal); how many renewed."""
    renewed = 0
    for membership in Membership.objects.filter(pk__in=list(membership_ids)).only("end_date"):
        try:
            renewed += membership_renew(
                membership_id=membership.pk, seen_end_date=membership.end_date, day=day
            )
        except MembershipError:
            continue
    return renewed


@transaction.atomic
def membership_mark_paid(*, membership_id: int, paid: bool, paid_on=None) -> None:
    membership = _locked(membership_id)
    membership.paid = paid
    membership.paid_on = (paid_on or timezone.localdate()) if paid else None
    membership.save(update_fields=["paid", "paid_on"])


@transaction.atomic
def membership_cancel(*, membership_id: int, day=None) -> None:
    day = _today(day)
    membership = _locked(membership_id)
    if membership.cancelled_on is None:
        membership.cancelled_on = day
        membership.save(update_fields=["cancelled_on"])
    _record(membership, day=day, note="Cancelled")


def membership_statuses_refresh(*, day=None, batch_size: int = BATCH_SIZE) -> int:
    """Record the status changes that time brought (new → current → grace → expired) and move
    the Member role with them; run daily. Returns how many memberships changed status."""
    day = _today(day)
    changed = 0
    last = 0
    while True:
        batch = list(
            Membership.objects.filter(pk__gt=last)
            .exclude(status__in=[Status.CANCELLED])
            .order_by("pk")
            .only(
                "pk",
                "status",
                "approval",
                "start_date",
                "end_date",
                "join_date",
                "grace_end",
                "cancelled_on",
                "holder_id",
            )[:batch_size]
        )
        if not batch:
            return changed
        last = batch[-1].pk
        moved = [(m, status_on(m, day)) for m in batch]
        moved = [(m, s) for m, s in moved if s != m.status]
        if not moved:
            continue
        with transaction.atomic():
            now = timezone.now()
            StatusChange.objects.bulk_create(
                [
                    StatusChange(
                        membership=m, from_status=m.status, to_status=s, on=day, recorded_at=now
                    )
                    for m, s in moved
                ]
            )
            for status in {s for _, s in moved}:
                Membership.objects.filter(pk__in=[m.pk for m, s in moved if s == status]).update(
                    status=status
                )
            ids = {m.holder_id for m, _ in moved}
            ids |= set(
                CoveredPerson.objects.filter(membership__in=[m.pk for m, _ in moved]).values_list(
                    "user_id", flat=True
                )
            )
            member_role_sync(user_ids=ids, day=day)
        changed += len(moved)


# Organisational memberships ----------------------------------------------------------------


@transaction.atomic
def covered_person_add(*, membership_id: int, email: str, day=None) -> CoveredPerson:
    """Name a person (by the e-mail address of their account) on an organisational
    membership, within the number of people its tier includes."""
    membership = _locked(membership_id)
    if not membership.tier.is_organisational:
        raise MembershipError("Only an organisational membership covers named people.")
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise MembershipError("Nobody has an account with that e-mail address yet.")
    if CoveredPerson.objects.filter(membership=membership, user=user).exists():
        raise MembershipError("That person is already covered.")
    if CoveredPerson.objects.filter(membership=membership).count() >= (
        membership.tier.people_included
    ):
        raise MembershipError(
            f"The membership covers {membership.tier.people_included} people: remove someone first."
        )
    person = CoveredPerson.objects.create(membership=membership, user=user, added_at=timezone.now())
    member_role_sync(user_ids=[user.pk], day=day)
    return person


@transaction.atomic
def covered_person_remove(*, membership_id: int, user_id: int, day=None) -> bool:
    membership = _locked(membership_id)
    removed, _ = CoveredPerson.objects.filter(membership=membership, user_id=user_id).delete()
    member_role_sync(user_ids=[user_id], day=day)
    return bool(removed)


# Renewal reminders -------------------------------------------------------------------------


def renewal_reminders_send(
    *, day=None, days_before: int = REMINDER_DAYS, batch_size: int = BATCH_SIZE
) -> int:
    """E-mail every member whose membership ends within ``days_before`` days, once per
    period: a reminder row is written (unique per membership and end date) in the same
    transaction that claims the batch, and the e-mails go after it commits. A fixed number of
    queries per batch. Returns how many were sent."""
    day = _today(day)
    sent = 0
    connection = get_connection()
    while True:
        with transaction.atomic():
            # Rows another run holds are skipped (PostgreSQL), not waited for.
            batch = list(
                selectors.reminders_due(day=day, days_before=days_before)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("holder", "tier", "organisation")[:batch_size]
            )
            if not batch:
                return sent
            stamp = timezone.now()
            RenewalReminder.objects.bulk_create(
                [
                    RenewalReminder(membership=m, period_end=m.end_date, sent_at=stamp)
                    for m in batch
                ],
                ignore_conflicts=True,
            )
            # Only the reminders this run wrote: one that another run wrote first is its own.
            ours = set(
                RenewalReminder.objects.filter(
                    membership__in=[m.pk for m in batch], sent_at=stamp
                ).values_list("membership_id", "period_end")
            )
            batch = [m for m in batch if (m.pk, m.end_date) in ours]
        sent += connection.send_messages([_reminder_message(m) for m in batch]) or 0


def _reminder_message(membership) -> EmailMessage:
    from django.urls import reverse

    from institute.core.canonical import absolute_url

    context = {
        "membership": membership,
        "renew_url": absolute_url(reverse("membership:mine")),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    return EmailMessage(
        subject=f"Your {membership.tier.name} membership ends on {membership.end_date:%-d %B %Y}",
        body=render_to_string("membership/emails/renewal_reminder.txt", context),
        to=[membership.holder.email],
    )


# Member Voice ------------------------------------------------------------------------------


@transaction.atomic
def feedback_submit(*, user, topic, text: str) -> Feedback:
    """A member's feedback, kept as typed and shown only once staff publish it."""
    return Feedback.objects.create(
        author=user, topic=topic, text=text.strip(), submitted_at=timezone.now()
    )


@transaction.atomic
def feedback_publish(*, feedback_id: int, title: str, response: str, acted_on) -> Feedback:
    feedback = Feedback.objects.select_for_update().get(pk=feedback_id)
    feedback.title = title
    feedback.response = response
    feedback.acted_on = acted_on
    feedback.state = Feedback.State.PUBLISHED
    feedback.published_at = feedback.published_at or timezone.now()
    feedback.save()
    page_cache.invalidate()
    return feedback


@transaction.atomic
def feedback_reject(*, feedback_id: int) -> None:
    Feedback.objects.filter(pk=feedback_id).update(state=Feedback.State.REJECTED)
    page_cache.invalidate()


@transaction.atomic
def voice_seat_add(*, user, focus: str = "", day=None) -> VoiceSeat:
    seat, _ = VoiceSeat.objects.get_or_create(
        user=user, defaults={"focus": focus, "joined_on": _today(day)}
    )
    page_cache.invalidate()
    return seat


@transaction.atomic
def voice_seat_remove(*, user) -> None:
    VoiceSeat.objects.filter(user=user).delete()
    page_cache.invalidate()


@transaction.atomic
def voice_drop_ins_sync(*, start, end, recurrence: str) -> int:
    """Keep the Member Voice drop-ins as a recurring item of the calendar (through the
    calendar's public service); returns the calendar item's id."""
    from institute.events import services as calendar

    settings_row = (
        VoiceSettings.objects.select_for_update().first() or VoiceSettings.objects.create()
    )
    item_id = calendar.training_item_sync(
        item_id=settings_row.drop_in_item_id,
        slug="member-voice-drop-in",
        title="Member Voice monthly drop-in",
        summary="An hour online with the society's team: tell us what works and what does "
        "not. Open to every member.",
        start=start,
        end=end,
        kind="events",
        sub_kind="drop-in",
        format="virtual",
        capacity=100,
        members_only=True,
        recurrence=recurrence,
    )
    if item_id != settings_row.drop_in_item_id:
        settings_row.drop_in_item_id = item_id
        settings_row.save(update_fields=["drop_in_item_id"])
    return item_id


# Personal data -----------------------------------------------------------------------------


@transaction.atomic
def membership_erase(*, user) -> None:
    """Erase what membership holds about ``user``: memberships keep their dates and tier
    (the society's counts) without the person; feedback keeps its published answer without
    its author and with their name taken out of the text; waiting feedback goes."""
    held = list(Membership.objects.filter(holder=user).values_list("pk", flat=True))
    Membership.objects.filter(pk__in=held).update(holder=None, statement="")
    CoveredPerson.objects.filter(user=user).delete()
    VoiceSeat.objects.filter(user=user).delete()
    Feedback.objects.filter(author=user).exclude(state=Feedback.State.PUBLISHED).delete()
    for feedback in Feedback.objects.filter(author=user) | Feedback.objects.filter(
        privacy.mentioning(user, "text", "response", "title")
    ):
        feedback.text = privacy.redact(feedback.text, user)
        feedback.response = privacy.redact(feedback.response, user)
        feedback.title = privacy.redact(feedback.title, user)[:160]
        if feedback.author_id == user.pk:
            feedback.author = None
        feedback.save()
    member_role_sync(user_ids=[user.pk])
