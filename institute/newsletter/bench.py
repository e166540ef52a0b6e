"""The newsletter's benchmark: the archive pages over HTTP, and ``run(ctx)``:

* **Compose and queue** one Friday issue for every subscriber (50,000 at ``--scale large``):
  the time, and the peak Python memory (``tracemalloc``) of queuing all of them next to
  queuing a fifth of them — queuing is one ``INSERT … SELECT`` in the database, so the two
  peaks must be about equal (memory does not grow with the list).
* **Sending throughput** to a local SMTP sink (aiosmtpd, in this process): copies sent a
  second by ``send_pending`` (claim, render each subscriber's copy, mark before and after),
  as a ratio to what the same sink takes from ``smtplib`` sending pre-rendered messages.

The bench issues it makes (Fridays in 2099) are deleted afterwards.
"""

import datetime as dt
import os
import smtplib
import time
import tracemalloc

PAGES = [
    ("Newsletter archive", "/newsletter/"),
    ("Newsletter issue", "/newsletter/2023-06-02/"),
]
SEND_SAMPLE = int(os.environ.get("NEWSLETTER_BENCH_SEND", "400"))


def _peak(fn):
    tracemalloc.start()
    tracemalloc.reset_peak()
    started = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, elapsed, peak


def _issue(friday):
    from .compose import issue_compose
    from .models import Issue

    Issue.objects.filter(friday=friday).delete()
    issue = issue_compose(friday=friday, empty="send")
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.APPROVED)
    issue.refresh_from_db()
    return issue


def queue_rows(ctx):
    from .models import Issue, Subscriber
    from .services import issue_queue, recipients

    total = Subscriber.objects.filter(status="active").count()
    ctx.log(f"newsletter: compose and queue for {total:,} subscribers")
    friday = dt.date(2099, 1, 2)
    (issue, composed, _) = _peak(lambda: _issue(friday))
    queued, seconds, peak_all = _peak(lambda: issue_queue(issue=issue))
    fifth = dt.date(2099, 1, 9)
    small = _issue(fifth)
    ids = recipients(issue=small)[: max(total // 5, 1)]
    small_queued, _, peak_fifth = _peak(lambda: issue_queue(issue=small, recipient_ids=ids))
    Issue.objects.filter(friday__in=[friday, fifth]).delete()
    return [
        {
            "name": f"newsletter: compose and queue one issue ({queued:,} copies)",
            "value": round(composed + seconds, 2),
            "unit": "s",
            "target": "< 30 s",
            "note": f"compose {composed:.2f} s, queue {seconds:.2f} s",
        },
        {
            "name": "newsletter: queuing peak memory, all / a fifth of the subscribers",
            "value": round(peak_all / max(peak_fifth, 1), 2),
            "unit": "ratio",
            "target": "≈ 1 (one batch)",
            "note": f"{peak_all / 1e3:.0f} kB for {queued:,}; {peak_fifth / 1e3:.0f} kB for "
            f"{small_queued:,}",
        },
    ]


def send_rows(ctx):
    from django.test.utils import override_settings

    from .emails import issue_message
    from .models import Issue, Subscriber
    from .sending import send_pending
    from .services import issue_queue, recipients
    from .tests.smtp_sink import Sink

    friday = dt.date(2099, 1, 16)
    issue = _issue(friday)
    ids = recipients(issue=issue)[:SEND_SAMPLE]
    n = issue_queue(issue=issue, recipient_ids=ids)
    ctx.log(f"newsletter: sending {n} copies to a local SMTP sink")
    sample = list(Subscriber.objects.filter(pk__in=list(ids))[:n])
    if not sample:  # a bench database seeded without the newsletter room
        Issue.objects.filter(friday=friday).delete()
        ctx.log("newsletter: no subscribers here, sending not measured")
        return []
    raw = [
        issue_message(issue=issue, subscriber=s).message().as_bytes(linesep="\r\n") for s in sample
    ]
    with Sink(parse=False) as sink:
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", sink.port) as smtp:
            for s, data in zip(sample, raw, strict=True):
                smtp.sendmail("bench@institute.example", [s.email], data)
        sink_rate = len(raw) / (time.perf_counter() - started)
        smtp_settings = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": sink.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "NEWSLETTER_RATE": 0,
        }
        with override_settings(**smtp_settings):
            started = time.perf_counter()
            totals, _ = send_pending(issue_id=issue.pk)
            ours = totals["sent"] / (time.perf_counter() - started)
    Issue.objects.filter(friday=friday).delete()
    return [
        {
            "name": "newsletter: sending throughput / sink's for pre-rendered messages",
            "value": round(ours / sink_rate, 3),
            "unit": "ratio",
            "target": "",
            "note": f"{ours:.0f} copies/s (render, claim, mark twice) vs {sink_rate:.0f}/s "
            f"(smtplib, pre-rendered), {totals['sent']} copies, one worker",
        },
    ]


def run(ctx):
    return queue_rows(ctx) + send_rows(ctx)
