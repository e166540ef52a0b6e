"""Renewal reminders: e-mailed once per period to members whose membership ends soon, in a
fixed number of queries per batch, and the daily task that schedules itself."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from institute.membership import services, tasks
from institute.membership.models import RenewalReminder
from tests.factories import membership as factory
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _members(n, day, **kw):
    return [factory.make_membership(UserFactory(), day=day, **kw) for _ in range(n)]


def test_reminders_go_once_per_period():
    ending = _members(3, D(2024, 1, 10))  # ends 2025-01-09
    _members(2, D(2024, 6, 1))  # ends later: no reminder yet
    day = D(2024, 12, 15)
    assert services.renewal_reminders_send(day=day) == 3
    assert len(mail.outbox) == 3
    assert {m.to[0] for m in mail.outbox} == {m.holder.email for m in ending}
    assert "ends on 9 January 2025" in mail.outbox[0].subject
    assert "/membership/mine/" in mail.outbox[0].body
    assert services.renewal_reminders_send(day=day) == 0
    assert services.renewal_reminders_send(day=D(2024, 12, 20)) == 0
    assert len(mail.outbox) == 3
    # Renewed: the next period gets its own reminder, a year later.
    m = ending[0]
    services.membership_renew(membership_id=m.pk, seen_end_date=m.end_date, day=day)
    assert services.renewal_reminders_send(day=D(2025, 12, 15)) == 1
    assert RenewalReminder.objects.filter(membership=m).count() == 2


def test_no_reminder_for_cancelled_or_expired():
    cancelled, expired = _members(2, D(2023, 1, 10))
    services.membership_cancel(membership_id=cancelled.pk, day=D(2023, 6, 1))
    assert services.renewal_reminders_send(day=D(2024, 12, 15)) == 0


def test_queries_per_batch_are_constant():
    _members(6, D(2024, 1, 10))
    day = D(2024, 12, 15)
    with CaptureQueriesContext(connection) as two_batches:
        services.renewal_reminders_send(day=day, batch_size=3)
    RenewalReminder.objects.all().delete()
    from institute.membership.models import Tier
    from tests.factories.people import OrganisationFactory

    for _ in range(6):  # organisational ones too: the e-mail names the organisation
        factory.make_membership(
            UserFactory(),
            day=D(2024, 1, 10),
            kind=Tier.Kind.ORGANISATIONAL,
            organisation=OrganisationFactory(),
        )
    with CaptureQueriesContext(connection) as four_batches:
        services.renewal_reminders_send(day=day, batch_size=3)
    per_batch = (len(four_batches) - len(two_batches)) / 2
    assert per_batch <= 6
    assert len(four_batches) - len(two_batches) == 2 * per_batch


def test_the_daily_task_runs_and_schedules_itself(settings):
    _members(1, D(2024, 1, 10))
    result = tasks.membership_daily.call(reschedule=False)
    assert set(result) == {"status_changes", "reminders"}
    now = datetime.datetime(2024, 3, 1, 7, 0, tzinfo=datetime.UTC)
    assert tasks.next_run(now).date() == D(2024, 3, 2)
