"""A membership's status, computed from its dates — CiviCRM's default status rules.

Checked in this order; the first that matches wins (docs/membership.md):

- **cancelled**: staff cancelled it, from the day of cancellation;
- **pending**: applied, not yet approved (or declined), or approved to start later;
- **new**: from the join date until the day before three months after it;
- **current**: from the start date to the end date, both included;
- **grace**: from the day after the end date to one month after it (``grace_end``);
- **expired**: after the grace month.

New, current and grace are "current member" statuses: they carry the member role.
"""

import datetime

from dateutil.relativedelta import relativedelta

from .models import Status

NEW_MONTHS = 3
GRACE_MONTHS = 1
TERM_YEARS = 1
MEMBER_STATUSES = frozenset({Status.NEW, Status.CURRENT, Status.GRACE})


def grace_end_for(end_date: datetime.date) -> datetime.date:
    return end_date + relativedelta(months=GRACE_MONTHS)


def period_end_for(start_date: datetime.date) -> datetime.date:
    """The last day of a term that starts on ``start_date``."""
    return start_date + relativedelta(years=TERM_YEARS) - datetime.timedelta(days=1)


def status_on(membership, day: datetime.date) -> str:
    """The status of ``membership`` on ``day`` (a pure function of its fields)."""
    m = membership
    if m.cancelled_on is not None and day >= m.cancelled_on:
        return Status.CANCELLED
    if m.approval != "approved" or m.start_date is None or day < m.start_date:
        return Status.PENDING
    if day <= m.end_date:
        join = m.join_date or m.start_date
        if day < join + relativedelta(months=NEW_MONTHS):
            return Status.NEW
        return Status.CURRENT
    if day <= (m.grace_end or grace_end_for(m.end_date)):
        return Status.GRACE
    return Status.EXPIRED


def is_member_status(status: str) -> bool:
    return status in MEMBER_STATUSES
