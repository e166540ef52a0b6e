"""Membership's benchmark pages (the membership page, Member Voice, the feedback board and
an item) and ``run(ctx)``: the renewal-reminder run over every member of the bench database
(20,000 at ``--scale large``) — its time, peak memory and queries per batch, which must be
the same for every batch. The run writes inside a transaction it rolls back and sends
through Django's dummy e-mail backend, so the bench database is left as it was."""

import time
import tracemalloc

PAGES = [
    ("Membership page", "/membership/"),
    ("Member Voice", "/membership/member-voice/"),
    ("You said, we did", "/membership/you-said-we-did/"),
    ("You said, we did: feed", "/membership/you-said-we-did/feed/"),
]


class _Rollback(Exception):
    pass


def run(ctx):

    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from . import services
    from .models import Membership

    members = Membership.objects.count()
    if not members:
        ctx.log("membership: no memberships in the bench database")
        return []
    batch_size = services.BATCH_SIZE
    ctx.log(f"membership: renewal reminders for {members:,} memberships")
    result = {}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        try:
            with transaction.atomic():
                tracemalloc.start()
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    # Everyone with a member status is due within a year and a half.
                    result["sent"] = services.renewal_reminders_send(
                        day=timezone.localdate(), days_before=550, batch_size=batch_size
                    )
                result["seconds"] = time.perf_counter() - started
                result["peak"] = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                # Statements, not the savepoints around each batch.
                result["queries"] = sum(
                    1
                    for q in queries.captured_queries
                    if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))
                )
                raise _Rollback
        except _Rollback:
            pass
    batches = -(-result["sent"] // batch_size) if result["sent"] else 0
    per_batch = (result["queries"] - 1) / batches if batches else 0
    return [
        {
            "name": f"renewal reminders ({result['sent']:,} of {members:,} memberships)",
            "value": round(result["seconds"], 2),
            "unit": "s",
            "target": "< 60 s",
            "note": "services.renewal_reminders_send, dummy e-mail backend, rolled back",
        },
        {
            "name": "renewal reminders: peak memory",
            "value": round(result["peak"] / 1_000_000, 1),
            "unit": "MB",
            "target": "< 100 MB",
            "note": f"tracemalloc peak, batches of {batch_size}",
        },
        {
            "name": "renewal reminders: queries per batch",
            "value": round(per_batch, 2),
            "unit": "queries",
            "target": "constant",
            "note": f"{result['queries']} queries for {batches} batches (+1 to find none left)",
        },
    ]
