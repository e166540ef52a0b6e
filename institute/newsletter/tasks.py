"""Background work of the newsletter: Friday's composition and sending an approved issue."""

from django_tasks import default_task_backend, task

from . import compose, sending


@task()
def compose_friday_issue() -> int | None:
    """Compose this week's issue (idempotent: one per Friday); run it every Friday morning
    (``docs/newsletter.md``: the ``newsletter_compose`` command from cron)."""
    issue = compose.issue_compose()
    return issue.pk if issue else None


@task()
def send_issue(issue_id: int) -> dict:
    """Send an approved issue's due copies in batches; when copies wait for a retry or for a
    stopped worker's claim to expire, come back then."""
    totals, next_at = sending.send_pending(issue_id=issue_id)
    if next_at is not None and default_task_backend.supports_defer:
        send_issue.using(run_after=next_at).enqueue(issue_id)
    return totals
