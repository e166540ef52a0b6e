"""Sending an issue: each subscriber's copy handed to the mail server once, never twice.

The one place that decides who is sent what. A worker repeats:

1. **Release stale claims** (in a transaction, rows locked): a ``claimed`` row older than
   ``NEWSLETTER_CLAIM_TIMEOUT`` goes back to ``queued`` — its worker took it but never
   started sending it; a ``sending`` row that old becomes ``uncertain`` — its worker began
   the SMTP conversation and stopped before recording the answer.
2. **Claim a batch** (in a transaction): up to ``NEWSLETTER_BATCH_SIZE`` ``queued`` rows due
   now, locked with ``select_for_update(skip_locked=True)`` on PostgreSQL so two workers take
   different rows; SQLite's immediate transactions serialise the claims. They become
   ``claimed`` with this batch's claim id.
3. **For each row**: mark it ``sending`` (a conditional update on its claim id, committed
   before anything goes out: if another worker has taken it back, skip it), hand the message
   to the server, then mark it ``sent`` (again on the claim id). A refusal by the server
   before it accepted the message (an SMTP error reply) is definite: retry later with
   back-off, or ``failed`` after ``NEWSLETTER_MAX_ATTEMPTS``. Anything else (the connection
   dropped mid-conversation) may or may not have been delivered: ``uncertain``.

**At most once.** ``uncertain`` rows are never sent again by a worker: the issue says never
twice, so the one row per worker that can be caught between the server's "250 OK" and our
``sent`` is held back rather than risked. Every copy carries a Message-ID made from its
(issue, subscriber) key, the idempotency key: the provider's delivery events (the webhook,
``delivered``) or its log settle an ``uncertain`` row as ``sent`` by that id, and only what
the provider does not show is released to the queue by staff — so every subscriber gets
the issue exactly once, and it can be checked (``docs/newsletter.md``).
"""

import contextlib
import logging
import time
import uuid
from datetime import timedelta
from smtplib import SMTPRecipientsRefused, SMTPResponseException, SMTPSenderRefused

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from .models import Delivery, Issue, Subscriber

log = logging.getLogger(__name__)
S = Delivery.Status


def _setting(name, default):
    return getattr(settings, name, default)


def message_id(*, issue_id, subscriber_id):
    """The copy's Message-ID: the same for every attempt at the same (issue, subscriber)."""
    domain = _setting("NEWSLETTER_MESSAGE_ID_DOMAIN", "newsletter.institute.example")
    return f"<issue-{issue_id}.subscriber-{subscriber_id}@{domain}>"


def release_stale(*, issue_id, now=None):
    now = now or timezone.now()
    before = now - timedelta(seconds=_setting("NEWSLETTER_CLAIM_TIMEOUT", 600))
    with transaction.atomic():
        stale = _locked(
            Delivery.objects.filter(
                issue_id=issue_id, status__in=[S.CLAIMED, S.SENDING], claimed_at__lt=before
            )
        )
        ids = {s: [] for s in (S.CLAIMED, S.SENDING)}
        for pk, status in stale.values_list("pk", "status"):
            ids[status].append(pk)
        if ids[S.CLAIMED]:
            Delivery.objects.filter(pk__in=ids[S.CLAIMED], status=S.CLAIMED).update(
                status=S.QUEUED, claim="", claimed_at=None
            )
        if ids[S.SENDING]:
            Delivery.objects.filter(pk__in=ids[S.SENDING], status=S.SENDING).update(
                status=S.UNCERTAIN
            )
    return len(ids[S.CLAIMED]), len(ids[S.SENDING])


def _locked(queryset):
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset.select_for_update()


def claim_batch(*, issue_id, size=None, now=None):
    """Claim up to ``size`` due rows of the issue for this worker: (claim id, row ids)."""
    size = size or _setting("NEWSLETTER_BATCH_SIZE", 200)
    now = now or timezone.now()
    claim = uuid.uuid4().hex
    with transaction.atomic():
        due = _locked(
            Delivery.objects.filter(issue_id=issue_id, status=S.QUEUED)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .order_by("pk")
        )
        ids = list(due.values_list("pk", flat=True)[:size])
        if ids:
            Delivery.objects.filter(pk__in=ids, status=S.QUEUED).update(
                status=S.CLAIMED, claim=claim, claimed_at=now
            )
    return claim, ids


class Throttle:
    """At most ``rate`` messages a second from this worker (0: no limit)."""

    def __init__(self, rate):
        self.interval = 1.0 / rate if rate else 0.0
        self.next_at = time.monotonic()

    def wait(self):
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


def _backoff(attempts):
    base = _setting("NEWSLETTER_RETRY_BACKOFF", 60)
    return timedelta(seconds=base * (2 ** max(attempts - 1, 0)))


def send_batch(*, issue, claim, ids, mail_connection, throttle):
    """Send the claimed rows; returns a count per outcome."""
    from .emails import issue_message

    outcome = {"sent": 0, "retry": 0, "failed": 0, "uncertain": 0, "skipped": 0}
    rows = (
        Delivery.objects.filter(pk__in=ids, claim=claim, status=S.CLAIMED)
        .select_related("subscriber")
        .prefetch_related("subscriber__topics")
        .order_by("pk")
    )
    for row in rows:
        subscriber = row.subscriber
        if subscriber.status != Subscriber.Status.ACTIVE:
            Delivery.objects.filter(pk=row.pk, claim=claim).update(
                status=S.FAILED, error="Not subscribed any more"
            )
            outcome["skipped"] += 1
            continue
        mid = message_id(issue_id=issue.pk, subscriber_id=subscriber.pk)
        message = issue_message(issue=issue, subscriber=subscriber, message_id=mid)
        throttle.wait()
        # Committed before the server hears anything: from here on, a crash leaves the
        # row ``sending`` (→ ``uncertain``), never ``queued``.
        started = Delivery.objects.filter(pk=row.pk, claim=claim, status=S.CLAIMED).update(
            status=S.SENDING, message_id=mid, attempts=row.attempts + 1, claimed_at=timezone.now()
        )
        if not started:
            outcome["skipped"] += 1
            continue
        try:
            mail_connection.send_messages([message])
        except (SMTPRecipientsRefused, SMTPSenderRefused, SMTPResponseException) as exc:
            _refused(row, claim, exc, outcome)
            continue
        except Exception as exc:  # noqa: BLE001 — the server may have the message
            log.warning("newsletter: delivery %s uncertain: %s", row.pk, exc)
            Delivery.objects.filter(pk=row.pk, claim=claim).update(
                status=S.UNCERTAIN, error=str(exc)[:300]
            )
            outcome["uncertain"] += 1
            _reopen(mail_connection)
            continue
        Delivery.objects.filter(pk=row.pk, claim=claim, status__in=[S.SENDING, S.UNCERTAIN]).update(
            status=S.SENT, sent_at=timezone.now(), error=""
        )
        outcome["sent"] += 1
    return outcome


def _reopen(mail_connection):
    with contextlib.suppress(Exception):  # a broken connection is closed anyway
        mail_connection.close()
    try:
        mail_connection.open()
    except Exception as exc:  # noqa: BLE001
        log.warning("newsletter: could not reopen the mail connection: %s", exc)


def _refused(row, claim, exc, outcome):
    code = getattr(exc, "smtp_code", None)
    if code is None and isinstance(exc, SMTPRecipientsRefused):
        code = next(iter(exc.recipients.values()), (None,))[0]
    permanent = code is not None and 500 <= code < 600
    attempts = row.attempts + 1
    if permanent or attempts >= _setting("NEWSLETTER_MAX_ATTEMPTS", 5):
        Delivery.objects.filter(pk=row.pk, claim=claim).update(
            status=S.FAILED, error=f"{code}: {exc}"[:300]
        )
        outcome["failed"] += 1
    else:
        Delivery.objects.filter(pk=row.pk, claim=claim).update(
            status=S.QUEUED,
            claim="",
            claimed_at=None,
            next_attempt_at=timezone.now() + _backoff(attempts),
            error=f"{code}: {exc}"[:300],
        )
        outcome["retry"] += 1


def send_pending(*, issue_id, max_batches=None, rate=None, batch_size=None):
    """Send what is due of an approved issue until nothing is (or ``max_batches``). Returns
    the totals and when the next retry is due (``None`` when nothing waits)."""
    issue = Issue.objects.filter(pk=issue_id).first()
    totals = {"sent": 0, "retry": 0, "failed": 0, "uncertain": 0, "skipped": 0}
    if issue is None or issue.status == Issue.Status.DRAFT:
        return totals, None
    throttle = Throttle(_setting("NEWSLETTER_RATE", 0) if rate is None else rate)
    release_stale(issue_id=issue.pk)
    batches = 0
    with get_connection(fail_silently=False) as mail_connection:
        while max_batches is None or batches < max_batches:
            claim, ids = claim_batch(issue_id=issue.pk, size=batch_size)
            if not ids:
                break
            batches += 1
            for key, n in send_batch(
                issue=issue,
                claim=claim,
                ids=ids,
                mail_connection=mail_connection,
                throttle=throttle,
            ).items():
                totals[key] += n
    waiting = Delivery.objects.filter(issue=issue, status__in=[S.QUEUED, S.CLAIMED, S.SENDING])
    if not waiting.exists():
        Issue.objects.filter(pk=issue.pk, status=Issue.Status.APPROVED).update(
            status=Issue.Status.SENT, sent_at=timezone.now()
        )
        return totals, None
    next_at = (
        waiting.filter(status=S.QUEUED, next_attempt_at__isnull=False)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    return totals, next_at or timezone.now() + timedelta(
        seconds=_setting("NEWSLETTER_CLAIM_TIMEOUT", 600)
    )
