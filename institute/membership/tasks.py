"""Background work of membership: the daily run that records the statuses time brought and
e-mails renewal reminders. It schedules its own next run (``run_after``), so one enqueue —
``manage.py membership_daily`` or the first deploy — keeps it going; a second enqueue only
means a run finds nothing left to do (reminders are once per period)."""

import datetime

from django.utils import timezone
from django_tasks import task

from . import services

RUN_AT = datetime.time(6, 0)


def next_run(now=None) -> datetime.datetime:
    now = timezone.localtime(now)
    run = now.replace(hour=RUN_AT.hour, minute=RUN_AT.minute, second=0, microsecond=0)
    return run if run > now else run + datetime.timedelta(days=1)


@task()
def membership_daily(reschedule: bool = True) -> dict:
    """Refresh statuses (history and the Member role), then send the reminders due."""
    changed = services.membership_statuses_refresh()
    sent = services.renewal_reminders_send()
    if reschedule:
        membership_daily.using(run_after=next_run()).enqueue(reschedule=True)
    return {"status_changes": changed, "reminders": sent}
