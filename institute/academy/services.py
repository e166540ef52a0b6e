"""Writes of the Leadership Academy's programmes: cohort sessions in the calendar,
applications and decisions, attendance, completion, certificates and erasure.

The capacity rule lives in ``application_decide`` alone: inside the transaction it takes a
row lock on the cohort (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite opens every
transaction with ``BEGIN IMMEDIATE``, which serialises writers the same way) and only then
counts who is accepted, so simultaneous acceptances queue behind each other and each counts
what the one before it wrote (``_accept``). An acceptance past the capacity puts the
applicant on the waiting list.
"""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from institute.core import cache as page_cache
from institute.events import services as calendar

from . import emails, selectors
from .models import Application, Attendance, Certificate, CohortPage, CohortSession

Status = Application.Status
DECISIONS = (Status.ACCEPTED, Status.WAITLISTED, Status.DECLINED)


class ApplicationError(Exception):
    """An application that cannot be made or changed; the message says why."""


# Calendar ---------------------------------------------------------------------------------


@transaction.atomic
def cohort_sessions_sync(*, cohort: CohortPage) -> None:
    """Make the calendar hold one training item per session of the cohort, saying what the
    session says; sessions gone from the cohort leave the calendar. Keeps the cohort's
    first and last dates for listings."""
    cohort = CohortPage.objects.get(pk=cohort.pk)
    programme = cohort.get_parent().specific
    sponsor_id = cohort.sponsor_id or programme.sponsor_id
    topic_ids = list(programme.topics.values_list("pk", flat=True))
    sessions = list(CohortSession.objects.filter(cohort=cohort).order_by("start", "pk"))
    summary = programme.summary or f"A session of the {programme.title} programme."
    for n, session in enumerate(sessions, start=1):
        title = f"{programme.title}: {cohort.title}"
        if len(sessions) > 1:
            title = f"{title} — {session.title}"
        item_id = calendar.training_item_sync(
            item_id=session.calendar_item_id,
            slug=f"{programme.slug}-{cohort.slug}-{n}",
            title=title[:255],
            summary=summary,
            start=session.start,
            end=session.end,
            sub_kind=programme.form,
            region=cohort.region,
            format=cohort.format,
            venue=cohort.venue,
            capacity=cohort.capacity,
            member_price=programme.member_price,
            non_member_price=programme.non_member_price,
            sponsor_id=sponsor_id,
            topic_ids=topic_ids,
        )
        if item_id != session.calendar_item_id:
            CohortSession.objects.filter(pk=session.pk).update(calendar_item_id=item_id)
    kept = {s.calendar_item_id for s in CohortSession.objects.filter(cohort=cohort)}
    for item_id in set(cohort.synced_item_ids or []) - kept:
        calendar.training_item_withdraw(item_id=item_id)
    starts = sessions[0].start.date() if sessions else None
    ends = max(s.end for s in sessions).date() if sessions else None
    CohortPage.objects.filter(pk=cohort.pk).update(
        starts_on=starts, ends_on=ends, synced_item_ids=sorted(kept - {None})
    )


@transaction.atomic
def cohort_sessions_withdraw(*, cohort: CohortPage) -> None:
    """Take every calendar item of the cohort's sessions out of the calendar (the cohort is
    unpublished or being deleted) and forget which items were synced. The sessions keep
    their items' ids, so publishing the cohort again puts the same items back; the synced
    ids are always the sessions' (``cohort_sessions_sync``)."""
    item_ids = CohortSession.objects.filter(
        cohort_id=cohort.pk, calendar_item_id__isnull=False
    ).values_list("calendar_item_id", flat=True)
    for item_id in sorted(item_ids):
        calendar.training_item_withdraw(item_id=item_id)
    CohortPage.objects.filter(pk=cohort.pk).update(synced_item_ids=[])
    cohort.synced_item_ids = []


# Applications -----------------------------------------------------------------------------


def _notify(application, notice):
    transaction.on_commit(lambda: emails.send_application_notice(application.pk, notice))


@transaction.atomic
def application_submit(
    *, cohort: CohortPage, user, statement: str, manager_name: str, manager_email: str
) -> Application:
    """A member applies to a cohort (their line manager has agreed: the form asks)."""
    cohort = CohortPage.objects.select_for_update(of=("self",)).get(pk=cohort.pk)
    if not cohort.applications_open or not cohort.live:
        raise ApplicationError("Applications to this cohort are closed.")
    if cohort.starts_on and cohort.starts_on <= timezone.localdate():
        raise ApplicationError("This cohort has already started.")
    if (
        Application.objects.filter(cohort=cohort, user=user)
        .exclude(status=Status.WITHDRAWN)
        .exists()
    ):
        raise ApplicationError("You have already applied to this cohort.")
    application = Application.objects.create(
        cohort=cohort,
        user=user,
        statement=statement,
        manager_agreed=True,
        manager_name=manager_name,
        manager_email=manager_email,
        created_at=timezone.now(),
    )
    _notify(application, "submitted")
    return application


def places_tag(*, cohort_id) -> str:
    """Page-cache tag for places left at a cohort (its page and programme page show them)."""
    return f"academy:places:{cohort_id}"


def _locked_cohort(cohort_id) -> CohortPage:
    # Lock only the cohort's own row (not the page rows joined in): this is the capacity lock.
    return CohortPage.objects.select_for_update(of=("self",)).get(pk=cohort_id)


def _accept(cohort: CohortPage) -> str:
    """Accept if the cohort has room, else wait-list; the caller holds the cohort's lock."""
    if selectors.cohort_places(cohort=cohort).left:
        return Status.ACCEPTED
    return Status.WAITLISTED


@transaction.atomic
def application_decide(*, application_id: int, decision: str, message: str = "") -> Application:
    """Staff accept, wait-list or decline an application, with a message for the applicant.

    Accepting when the cohort is full puts the applicant on the waiting list instead (the
    e-mail says so). Deciding the same again changes nothing and sends nothing."""
    if decision not in DECISIONS:
        raise ApplicationError("Choose accept, waiting list or decline.")
    application = Application.objects.get(pk=application_id)
    # Lock the cohort first, then re-read the application under the lock.
    cohort = _locked_cohort(application.cohort_id)
    application = Application.objects.get(pk=application_id)
    if application.status == Status.WITHDRAWN:
        raise ApplicationError("This application was withdrawn.")
    status = decision
    if decision == Status.ACCEPTED and application.status != Status.ACCEPTED:
        status = _accept(cohort)
    if status == application.status and message == application.message:
        return application
    places_changed = Status.ACCEPTED in (status, application.status)
    application.status = status
    application.message = message
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "message", "decided_at"])
    if places_changed:
        page_cache.changed(places_tag(cohort_id=application.cohort_id))
    _notify(application, status)
    return application


def applications_decide(*, application_ids, decision: str, message: str = "") -> dict:
    """The same decision for many applications, each in its own transaction (in the order
    they applied, so the earliest take the places). Returns how many got each status."""
    counts = {}
    ordered = Application.objects.filter(pk__in=list(application_ids)).order_by("created_at", "pk")
    for pk in ordered.values_list("pk", flat=True):
        try:
            done = application_decide(application_id=pk, decision=decision, message=message)
        except ApplicationError:
            counts["unchanged"] = counts.get("unchanged", 0) + 1
            continue
        counts[done.status] = counts.get(done.status, 0) + 1
    return counts


@transaction.atomic
def application_withdraw(*, application: Application) -> Application:
    """The applicant withdraws (before the cohort starts)."""
    _locked_cohort(application.cohort_id)
    application = Application.objects.get(pk=application.pk)
    if application.status != Status.WITHDRAWN:
        if application.status == Status.ACCEPTED:
            page_cache.changed(places_tag(cohort_id=application.cohort_id))
        application.status = Status.WITHDRAWN
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at"])
        _notify(application, "withdrawn")
    return application


# Attendance, completion, certificates -----------------------------------------------------


@transaction.atomic
def attendance_record(*, session: CohortSession, application_ids) -> int:
    """Who came to a session: accepted participants in ``application_ids`` did, the others
    did not. Returns how many came."""
    accepted = set(
        Application.objects.filter(cohort_id=session.cohort_id)
        .accepted()
        .values_list("pk", flat=True)
    )
    came = {int(pk) for pk in application_ids} & accepted
    Attendance.objects.filter(session=session).exclude(application_id__in=came).delete()
    present = set(
        Attendance.objects.filter(session=session).values_list("application_id", flat=True)
    )
    Attendance.objects.bulk_create(
        [Attendance(session=session, application_id=pk) for pk in sorted(came - present)]
    )
    return len(came)


def recipient_identity(*, email: str, salt: str) -> str:
    """Open Badges 2.0 hashed identity: ``sha256$`` and the hex digest of e-mail + salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def _display_name(user) -> str:
    return user.get_full_name().strip() or user.email or user.username


def certificate_issue(*, application: Application, now=None) -> Certificate:
    """The participant's certificate for the cohort (once: a second call returns it)."""
    existing = Certificate.objects.filter(application=application).first()
    if existing is not None:
        return existing
    user = application.user
    cohort = application.cohort
    salt = secrets.token_hex(8)
    now = now or timezone.now()
    certificate = Certificate.objects.create(
        user=user,
        application=application,
        programme_id=cohort.get_parent().pk,
        cohort=cohort,
        recipient_name=_display_name(user),
        recipient_identity=recipient_identity(email=user.email, salt=salt),
        salt=salt,
        region=cohort.region,
        issued_at=now,
    )
    Application.objects.filter(pk=application.pk).update(completed_at=now)
    transaction.on_commit(lambda: emails.send_certificate_notice(certificate.pk))
    return certificate


@transaction.atomic
def cohort_complete(*, cohort: CohortPage) -> list[Certificate]:
    """Apply the programme's completion rule: every accepted participant who attended at
    least its ``sessions_to_complete`` becomes an alumnus and gets a certificate."""
    from django.db.models import Count

    programme = cohort.get_parent().specific
    done = (
        Application.objects.filter(cohort=cohort, user__isnull=False, certificate__isnull=True)
        .accepted()
        .annotate(came=Count("attendances"))
        .filter(came__gte=programme.sessions_to_complete)
        .select_related("user", "cohort")
    )
    return [certificate_issue(application=a) for a in done]


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str) -> Certificate:
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.revocation_reason = reason[:200] or "Revoked by the Institute."
        certificate.save(update_fields=["revoked_at", "revocation_reason"])
        # The certificate's page and badge may be in the anonymous page cache.
        transaction.on_commit(page_cache.invalidate)
    return certificate


# Personal data ----------------------------------------------------------------------------


@transaction.atomic
def academy_erase(*, user) -> None:
    """Erasure: applications lose their statement, manager's details and person; the
    directory entry goes; certificates stay (name removed, no account) so that a
    programme's numbers and a badge already shared still verify."""
    from institute.people.privacy import REDACTED

    from .models import AlumniProfile

    Application.objects.filter(user=user).update(
        user=None, statement=REDACTED, manager_name=REDACTED, manager_email="", message=""
    )
    Certificate.objects.filter(user=user).update(user=None, recipient_name=REDACTED)
    AlumniProfile.objects.filter(user=user).delete()
