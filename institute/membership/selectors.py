"""Reads about membership and Member Voice; keyword-only, and never a write."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from institute.people.selectors import is_staff_member

from .models import CoveredPerson, Feedback, Membership, Status, StatusChange, Tier, VoiceSeat
from .status import MEMBER_STATUSES, status_on

# What each status may do: the one rule the rooms ask through ``member_can``.
READ_MEMBERS_CONTENT = "read_members_content"
MEMBER_PRICE = "member_price"
MEMBERS_PLACE = "members_place"
ALUMNI_DIRECTORY = "alumni_directory"
MEMBER_VOICE = "member_voice"
RENEW = "renew"
ACTIONS = {
    READ_MEMBERS_CONTENT: MEMBER_STATUSES,
    MEMBER_PRICE: MEMBER_STATUSES,
    MEMBERS_PLACE: MEMBER_STATUSES,
    ALUMNI_DIRECTORY: MEMBER_STATUSES,
    MEMBER_VOICE: MEMBER_STATUSES,
    RENEW: frozenset({Status.NEW, Status.CURRENT, Status.GRACE, Status.EXPIRED}),
}


def _today(day=None) -> datetime.date:
    return day or timezone.localdate()


def active_on(*, day=None):
    """A Q for memberships whose status on ``day`` is new, current or grace (from dates)."""
    day = _today(day)
    return Q(approval=Membership.Approval.APPROVED, start_date__lte=day, grace_end__gte=day) & (
        Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=day)
    )


def memberships_covering(*, user):
    """Every membership that covers ``user``: held by them, or naming them."""
    return (
        Membership.objects.filter(Q(holder=user) | Q(people__user=user))
        .select_related("tier", "organisation")
        .distinct()
    )


def membership_status(*, membership, day=None) -> str:
    """The status of ``membership`` on ``day`` (today), computed from its dates."""
    return status_on(membership, _today(day))


def member_status(*, user, day=None) -> str | None:
    """The best status any membership gives ``user`` on ``day`` (None: never a member)."""
    if not getattr(user, "is_authenticated", False):
        return None
    day = _today(day)
    found = [status_on(m, day) for m in memberships_covering(user=user)]
    for status in (Status.NEW, Status.CURRENT, Status.GRACE, Status.EXPIRED):
        if status in found:
            return status
    return found[0] if found else None


def member_can(*, user, action: str, day=None) -> bool:
    """Whether ``user`` may do ``action`` (one of ``ACTIONS``) on ``day``: the one rule for
    members-only resources, member prices and places, the alumni directory and Member Voice.

    Staff may always; everyone else by the status their membership has on that day, computed
    from its dates, so a change of status changes what they may do at once."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if action != RENEW and is_staff_member(user=user):
        return True
    allowed = ACTIONS[action]
    if allowed == MEMBER_STATUSES:
        day = _today(day)
        return (
            Membership.objects.filter(active_on(day=day))
            .filter(Q(holder=user) | Q(people__user=user))
            .exists()
        )
    return member_status(user=user, day=day) in allowed


def member_user_ids(*, user_ids, day=None) -> set[int]:
    """Of ``user_ids``, those who are members on ``day`` (two queries)."""
    day = _today(day)
    ids = list(user_ids)
    active = Membership.objects.filter(active_on(day=day))
    held = set(active.filter(holder_id__in=ids).values_list("holder_id", flat=True))
    named = set(
        CoveredPerson.objects.filter(membership__in=active, user_id__in=ids).values_list(
            "user_id", flat=True
        )
    )
    return held | named


def tier_years() -> list[int]:
    """The years that have tiers, oldest first."""
    return sorted(set(Tier.objects.values_list("year", flat=True)))


def tiers_for_year(*, year: int):
    return Tier.objects.filter(year=year)


def offered_year(*, day=None) -> int:
    """The year whose tiers people join now: the coming year from October, else this one."""
    day = _today(day)
    year = day.year + 1 if day.month >= 10 else day.year
    if Tier.objects.filter(year=year).exists():
        return year
    latest = Tier.objects.order_by("-year").values_list("year", flat=True).first()
    return latest or year


def membership_for(*, user):
    """The membership ``user`` holds (the newest), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.filter(holder=user)
        .select_related("tier", "organisation")
        .order_by("-applied_at", "-pk")
        .first()
    )


def membership_history(*, membership):
    return StatusChange.objects.filter(membership=membership).order_by("-on", "-pk")


def covered_people(*, membership):
    return CoveredPerson.objects.filter(membership=membership).select_related("user")


def memberships_for_staff(*, status="", tier_id=None, paid=None, q=""):
    qs = Membership.objects.select_related("tier", "holder", "organisation").order_by(
        "-applied_at", "-pk"
    )
    if status:
        qs = qs.filter(status=status)
    if tier_id:
        qs = qs.filter(tier_id=tier_id)
    if paid is not None:
        qs = qs.filter(paid=paid)
    if q:
        qs = qs.filter(
            Q(holder__email__icontains=q)
            | Q(holder__last_name__icontains=q)
            | Q(organisation__name__icontains=q)
            | Q(invoice_reference__icontains=q)
        )
    return qs


def applications_waiting():
    return Membership.objects.filter(approval=Membership.Approval.PENDING).select_related(
        "tier", "holder", "organisation"
    )


def members_count_by_status(*, day: datetime.date) -> dict[str, int]:
    """How many memberships had each status on ``day``, computed from their dates (one query
    per status, whatever the number of memberships)."""
    base = Membership.objects.filter(applied_at__date__lte=day)
    cancelled = Q(cancelled_on__isnull=False, cancelled_on__lte=day)
    not_cancelled = ~cancelled
    approved = Q(approval=Membership.Approval.APPROVED, start_date__lte=day)
    counts = base.aggregate(
        cancelled=Count("pk", filter=cancelled),
        pending=Count("pk", filter=not_cancelled & ~approved),
        running=Count("pk", filter=not_cancelled & approved & Q(end_date__gte=day)),
        grace=Count(
            "pk", filter=not_cancelled & approved & Q(end_date__lt=day, grace_end__gte=day)
        ),
        expired=Count("pk", filter=not_cancelled & approved & Q(grace_end__lt=day)),
    )
    # New: joined less than three months before ``day`` (CiviCRM's rule).
    from dateutil.relativedelta import relativedelta

    from .status import NEW_MONTHS

    joined_after = day - relativedelta(months=NEW_MONTHS)
    new = base.filter(
        not_cancelled, approved, end_date__gte=day, join_date__gt=joined_after
    ).count()
    return {
        Status.PENDING: counts["pending"],
        Status.NEW: new,
        Status.CURRENT: counts["running"] - new,
        Status.GRACE: counts["grace"],
        Status.EXPIRED: counts["expired"],
        Status.CANCELLED: counts["cancelled"],
    }


def feedback_board():
    """Published feedback, newest first, with its topic (one query)."""
    return Feedback.objects.filter(state=Feedback.State.PUBLISHED).select_related("topic")


def feedback_published(*, feedback_id):
    return feedback_board().filter(pk=feedback_id).first()


def feedback_acted_on(*, year: int):
    """Published feedback the society acted on in ``year`` (by the date it acted)."""
    return feedback_board().filter(acted_on__year=year).order_by("acted_on", "pk")


def feedback_answered_between(*, since, until) -> list[dict]:
    """ "You said, we did" answers published from ``since`` up to (not including) ``until``,
    for digests such as the newsletter: title, address, what was done, topic slug (one
    query)."""
    answered = (
        feedback_board()
        .filter(published_at__date__gte=since, published_at__date__lt=until)
        .order_by("published_at", "pk")
    )
    return [
        {
            "title": f.title or f.text[:80],
            "url": f.get_absolute_url(),
            "summary": f.response,
            "meta": f"Done {f.acted_on:%-d %B %Y}" if f.acted_on else "",
            "topics": [f.topic.slug] if f.topic_id else [],
        }
        for f in answered
    ]


def feedback_waiting():
    return (
        Feedback.objects.filter(state=Feedback.State.SUBMITTED)
        .select_related("topic", "author")
        .order_by("submitted_at", "pk")
    )


def feedback_of(*, user):
    return Feedback.objects.filter(author=user).select_related("topic").order_by("-submitted_at")


def voice_members():
    """The Member Voice group as listed on its page (one query)."""
    return VoiceSeat.objects.filter(listed=True).select_related("user", "user__organisation")


def voice_drop_in_id():
    from .models import VoiceSettings

    row = VoiceSettings.objects.first()
    return row.drop_in_item_id if row else None


def reminders_due(*, day, days_before: int):
    """Memberships ending within ``days_before`` days of ``day`` that still carry the member
    role, are not cancelled and have had no reminder for this period."""
    from django.db.models import Exists, OuterRef

    from .models import RenewalReminder

    sent = RenewalReminder.objects.filter(
        membership=OuterRef("pk"), period_end=OuterRef("end_date")
    )
    return (
        Membership.objects.filter(
            active_on(day=day),
            end_date__gte=day,
            end_date__lte=day + datetime.timedelta(days=days_before),
            holder__isnull=False,
            holder__is_active=True,
        )
        .annotate(reminded=Exists(sent))
        .filter(reminded=False)
        .order_by("pk")
    )
