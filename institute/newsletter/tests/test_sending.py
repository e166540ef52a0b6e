"""Exactly once: every subscriber's copy handed to a real SMTP server (aiosmtpd) once, also
when a worker process is killed mid-send and restarted, and when two workers run at once."""

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from institute.newsletter import services
from institute.newsletter.models import Delivery, Issue, Subscriber
from institute.newsletter.sending import claim_batch, message_id, release_stale, send_pending
from tests.factories.newsletter import make_issue, make_subscriber, make_subscribers
from tests.races import all_at_once, skip_unless_postgresql

from .smtp_sink import Sink

S = Delivery.Status


def smtp(port, **extra):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        **extra,
    )


def approved_issue(n):
    make_subscribers(n)
    issue = make_issue()
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.APPROVED)
    issue.refresh_from_db()
    services.issue_queue(issue=issue)
    return issue


def assert_exactly_once(sink, issue):
    got = Counter(sink.handler.recipients())
    twice = {a: n for a, n in got.items() if n > 1}
    assert not twice, f"sent twice: {twice}"
    expected = set(
        Subscriber.objects.filter(deliveries__issue=issue).values_list("email", flat=True)
    )
    assert set(got) == expected


@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_every_copy_once_in_batches():
    issue = approved_issue(23)
    with Sink() as sink, smtp(sink.port, NEWSLETTER_BATCH_SIZE=5):
        totals, next_at = send_pending(issue_id=issue.pk)
        again, _ = send_pending(issue_id=issue.pk)
    assert totals["sent"] == 23 and next_at is None
    assert again["sent"] == 0
    assert_exactly_once(sink, issue)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    ids = set(sink.handler.message_ids())
    assert ids == {
        message_id(issue_id=issue.pk, subscriber_id=d.subscriber_id)
        for d in Delivery.objects.filter(issue=issue)
    }
    assert set(Delivery.objects.filter(issue=issue).values_list("status", flat=True)) == {S.SENT}


@pytest.mark.django_db(transaction=True)
def test_a_refusal_is_retried_with_back_off_and_a_permanent_one_fails():
    issue = approved_issue(0)
    later = make_subscriber("later@example.org")
    never = make_subscriber("never@example.org")
    services.issue_queue(issue=issue)
    refuse = {"later@example.org": (451, "Try again later"), "never@example.org": (550, "No")}
    with Sink(refuse=refuse) as sink, smtp(sink.port, NEWSLETTER_RETRY_BACKOFF=60):
        totals, next_at = send_pending(issue_id=issue.pk)
        assert totals == {"sent": 0, "retry": 1, "failed": 1, "uncertain": 0, "skipped": 0}
        retry = Delivery.objects.get(subscriber=later)
        assert retry.status == S.QUEUED and retry.attempts == 1
        assert next_at == retry.next_attempt_at
        assert Delivery.objects.get(subscriber=never).status == S.FAILED
        # Not due yet: nothing is claimed.
        assert claim_batch(issue_id=issue.pk)[1] == []
        Delivery.objects.filter(pk=retry.pk).update(next_attempt_at=None)
        sink.handler.refuse.clear()
        totals, next_at = send_pending(issue_id=issue.pk)
    assert totals["sent"] == 1 and next_at is None
    assert sink.handler.recipients() == ["later@example.org"]


@pytest.mark.django_db(transaction=True)
def test_throughput_is_limited():
    issue = approved_issue(6)
    with Sink() as sink, smtp(sink.port, NEWSLETTER_RATE=20):
        started = time.monotonic()
        send_pending(issue_id=issue.pk)
        elapsed = time.monotonic() - started
    assert len(sink.handler.recipients()) == 6
    assert elapsed >= 5 / 20


@pytest.mark.django_db(transaction=True)
def test_stale_claims_go_back_and_a_stale_send_is_held_back():
    issue = approved_issue(3)
    claim, ids = claim_batch(issue_id=issue.pk, size=3)
    Delivery.objects.filter(pk=ids[0]).update(status=S.SENDING)
    with override_settings(NEWSLETTER_CLAIM_TIMEOUT=0):
        time.sleep(0.01)
        assert release_stale(issue_id=issue.pk) == (2, 1)
    statuses = dict(Delivery.objects.values_list("pk", "status"))
    assert statuses[ids[0]] == S.UNCERTAIN
    assert statuses[ids[1]] == statuses[ids[2]] == S.QUEUED


@pytest.mark.django_db(transaction=True)
def test_an_unapproved_issue_is_never_sent():
    make_subscribers(3)
    issue = make_issue()
    services.issue_queue(issue=issue)  # even with rows queued by mistake
    with Sink() as sink, smtp(sink.port):
        send_pending(issue_id=issue.pk)
    assert sink.handler.recipients() == []


# --- A worker killed mid-send, and restarted -----------------------------------------------


class Database:
    """The test database as a separate process sees it: PostgreSQL's test database itself;
    SQLite's in-memory one copied to a file and back (sqlite3's backup API)."""

    def __enter__(self):
        db = settings.DATABASES["default"]
        self.tmp = None
        if connection.vendor == "sqlite":
            self.tmp = Path(tempfile.mkdtemp()) / "worker.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(self.tmp)
            connection.connection.backup(target)
            target.close()
            self.url = f"sqlite:///{self.tmp}"
        else:
            user = db["USER"]
            password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
            self.url = f"postgres://{user}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
        return self

    def worker(self, issue_id, port, **env):
        return subprocess.Popen(  # noqa: S603 — our own module, our own arguments
            [sys.executable, "-m", "institute.newsletter.tests.worker", str(issue_id), str(port)],
            env={**os.environ, "DATABASE_URL": self.url, **{k: str(v) for k, v in env.items()}},
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def __exit__(self, *exc):
        if self.tmp is not None:
            source = sqlite3.connect(self.tmp)
            source.backup(connection.connection)
            source.close()


@pytest.mark.parametrize("server_kept_it", [True, False])
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_and_restarted_sends_nobody_twice(server_kept_it):
    """The worker is SIGKILLed while the server holds the 8th message, before it answers:
    the 7 before are ``sent``, the 8th ``sending``, the rest of its batch ``claimed``. The
    restarted worker sends everyone else once, holds the 8th back (``uncertain``); the
    provider's record of Message-IDs then settles it — sent, or released and sent once."""
    issue = approved_issue(18)
    with Sink(hold_at=8, record_before_hold=server_kept_it) as sink, Database() as db:
        first = db.worker(issue.pk, sink.port, NEWSLETTER_BATCH_SIZE=5)
        assert sink.handler.held.wait(60), first.communicate(timeout=5)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
        sink.handler.release.set()
        time.sleep(1.2)  # the claims of the killed worker are now older than the timeout
        second = db.worker(issue.pk, sink.port, NEWSLETTER_BATCH_SIZE=5)
        out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err.decode()[-2000:]
    statuses = Counter(Delivery.objects.filter(issue=issue).values_list("status", flat=True))
    assert statuses == {S.SENT: 17, S.UNCERTAIN: 1}
    held = Delivery.objects.get(issue=issue, status=S.UNCERTAIN)
    got = Counter(sink.handler.recipients())
    assert max(got.values()) == 1
    assert got[held.subscriber.email] == (1 if server_kept_it else 0)
    # The provider's delivery events (or its log) settle the held copy by its Message-ID.
    services.delivery_confirm(message_ids=sink.handler.message_ids())
    if not server_kept_it:
        assert services.deliveries_release_uncertain(issue=issue) == 1
        with smtp(sink.port):
            with Sink() as second_sink, smtp(second_sink.port):
                send_pending(issue_id=issue.pk)
            assert second_sink.handler.recipients() == [held.subscriber.email]
    else:
        assert services.deliveries_release_uncertain(issue=issue) == 0
    assert set(Delivery.objects.filter(issue=issue).values_list("status", flat=True)) == {S.SENT}


# --- Two workers at once (PostgreSQL) -------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_copy_once():
    skip_unless_postgresql()
    issue = approved_issue(60)
    with Sink() as sink, smtp(sink.port, NEWSLETTER_BATCH_SIZE=7):
        errors = all_at_once(lambda _: send_pending(issue_id=issue.pk), [1, 2, 3])
    assert errors == []
    assert_exactly_once(sink, issue)
    assert Delivery.objects.filter(issue=issue, status=S.SENT).count() == 60
    assert Delivery.objects.filter(issue=issue).values("claim").distinct().count() > 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_at_once_send_each_copy_once():
    skip_unless_postgresql()
    issue = approved_issue(40)
    with Sink() as sink, Database() as db:
        workers = [db.worker(issue.pk, sink.port, NEWSLETTER_BATCH_SIZE=3) for _ in range(2)]
        for w in workers:
            _, err = w.communicate(timeout=120)
            assert w.returncode == 0, err.decode()[-2000:]
    assert_exactly_once(sink, issue)
    assert Delivery.objects.filter(issue=issue, status=S.SENT).count() == 40
