"""Statuses over time, with a frozen clock: every transition, renewal from current, grace
and expired, the history each change leaves, and the Member role and what a person may do
following the status the moment it changes."""

import datetime

import pytest
from django.contrib.auth.models import Group
from freezegun import freeze_time

from institute.membership import selectors, services
from institute.membership.models import Membership, Status, StatusChange, Tier
from institute.membership.status import status_on
from institute.people import roles
from tests.factories import membership as factory
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _is_in_member_group(user):
    return user.groups.filter(name=roles.MEMBER).exists()


def _join(day, kind=Tier.Kind.INDIVIDUAL):
    user = UserFactory()
    with freeze_time(day):
        membership = services.membership_apply(user=user, tier=factory.tier(kind, year=2024))
    return user, Membership.objects.get(pk=membership.pk)


def _refresh(day):
    with freeze_time(day):
        return services.membership_statuses_refresh()


def test_every_transition_from_joining_to_expiry():
    user, m = _join(D(2024, 1, 10))
    assert (m.join_date, m.start_date, m.end_date, m.grace_end) == (
        D(2024, 1, 10),
        D(2024, 1, 10),
        D(2025, 1, 9),
        D(2025, 2, 9),
    )
    expected = [
        (D(2024, 1, 10), Status.NEW),
        (D(2024, 4, 9), Status.NEW),  # the last day of the first three months
        (D(2024, 4, 10), Status.CURRENT),
        (D(2025, 1, 9), Status.CURRENT),  # the end date itself
        (D(2025, 1, 10), Status.GRACE),
        (D(2025, 2, 9), Status.GRACE),  # the last day of grace
        (D(2025, 2, 10), Status.EXPIRED),
    ]
    for day, status in expected:
        assert status_on(m, day) == status, day
        _refresh(day)
        m.refresh_from_db()
        assert m.status == status, day
        assert _is_in_member_group(user) == (status != Status.EXPIRED), day
    history = list(
        StatusChange.objects.filter(membership=m).values_list("from_status", "to_status")
    )
    assert history == [
        ("", Status.PENDING),
        (Status.PENDING, Status.NEW),
        (Status.NEW, Status.CURRENT),
        (Status.CURRENT, Status.GRACE),
        (Status.GRACE, Status.EXPIRED),
    ]


def test_refreshing_twice_writes_no_second_history_row():
    _, m = _join(D(2024, 1, 10))
    assert _refresh(D(2024, 5, 1)) == 1
    assert _refresh(D(2024, 5, 1)) == 0
    assert StatusChange.objects.filter(membership=m).count() == 3


def test_renewal_from_current_follows_on_from_the_end_date():
    user, m = _join(D(2024, 1, 10))
    with freeze_time("2024-12-20"):
        assert services.membership_renew(membership_id=m.pk, seen_end_date=m.end_date)
    m.refresh_from_db()
    assert (m.start_date, m.end_date, m.join_date) == (
        D(2024, 1, 10),
        D(2026, 1, 9),
        D(2024, 1, 10),
    )
    assert status_on(m, D(2025, 6, 1)) == Status.CURRENT
    assert not m.paid and m.invoice_reference.startswith("INV-2026-")
    assert m.history.last().note.startswith("Renewed until 9 January 2026")


def test_renewal_from_grace_makes_current_again():
    user, m = _join(D(2024, 1, 10))
    _refresh(D(2025, 1, 20))
    m.refresh_from_db()
    assert m.status == Status.GRACE
    with freeze_time("2025-01-20"):
        assert services.membership_renew(membership_id=m.pk, seen_end_date=m.end_date)
    m.refresh_from_db()
    assert m.end_date == D(2026, 1, 9)
    assert m.status == Status.CURRENT
    assert _is_in_member_group(user)


def test_renewal_from_expired_starts_today_and_keeps_the_join_date():
    user, m = _join(D(2024, 1, 10))
    _refresh(D(2025, 6, 1))
    assert not _is_in_member_group(user)
    with freeze_time("2025-06-01"):
        assert services.membership_renew(membership_id=m.pk, seen_end_date=m.end_date)
    m.refresh_from_db()
    assert (m.join_date, m.start_date, m.end_date) == (
        D(2024, 1, 10),
        D(2025, 6, 1),
        D(2026, 5, 31),
    )
    # Not "new" again: new counts from the day someone first joined.
    assert m.status == Status.CURRENT
    assert _is_in_member_group(user)


def test_a_renewal_of_a_period_already_renewed_renews_nothing():
    _, m = _join(D(2024, 1, 10))
    seen = m.end_date
    with freeze_time("2024-12-20"):
        assert services.membership_renew(membership_id=m.pk, seen_end_date=seen)
        assert not services.membership_renew(membership_id=m.pk, seen_end_date=seen)
    m.refresh_from_db()
    assert m.end_date == D(2026, 1, 9)


def test_cancelled_cannot_be_renewed_and_loses_the_role_at_once():
    user, m = _join(D(2024, 1, 10))
    with freeze_time("2024-06-01"):
        assert selectors.member_can(user=user, action=selectors.READ_MEMBERS_CONTENT)
        services.membership_cancel(membership_id=m.pk)
        assert not selectors.member_can(user=user, action=selectors.READ_MEMBERS_CONTENT)
        with pytest.raises(services.MembershipError):
            services.membership_renew(membership_id=m.pk, seen_end_date=m.end_date)
    m.refresh_from_db()
    assert m.status == Status.CANCELLED
    assert not _is_in_member_group(user)


def test_a_tier_that_needs_approval_waits_then_starts_on_approval():
    user, m = _join(D(2024, 3, 1), kind=Tier.Kind.ASSOCIATE)
    assert m.status == Status.PENDING and m.start_date is None
    assert not _is_in_member_group(user)
    with freeze_time("2024-03-05"):
        assert not selectors.member_can(user=user, action=selectors.MEMBER_VOICE)
        assert services.membership_approve(membership_id=m.pk)
        assert not services.membership_approve(membership_id=m.pk)  # decided once
        assert selectors.member_can(user=user, action=selectors.MEMBER_VOICE)
    m.refresh_from_db()
    assert (m.start_date, m.status) == (D(2024, 3, 5), Status.NEW)
    assert _is_in_member_group(user)


def test_permissions_follow_the_dates_the_moment_they_pass():
    """No refresh needed: what a person may do is computed from the dates at the time."""
    user, m = _join(D(2024, 1, 10))
    for day, allowed in [
        ("2025-01-09", True),
        ("2025-02-09", True),
        ("2025-02-10", False),
    ]:
        with freeze_time(day):
            for action in (
                selectors.READ_MEMBERS_CONTENT,
                selectors.MEMBER_PRICE,
                selectors.ALUMNI_DIRECTORY,
                selectors.MEMBER_VOICE,
            ):
                assert selectors.member_can(user=user, action=action) is allowed, (day, action)
    with freeze_time("2025-02-10"):
        services.membership_renew(membership_id=m.pk, seen_end_date=m.end_date)
        assert selectors.member_can(user=user, action=selectors.READ_MEMBERS_CONTENT)


def test_one_open_membership_per_person():
    user, _ = _join(D(2024, 1, 10))
    with freeze_time("2024-02-01"), pytest.raises(services.MembershipError):
        services.membership_apply(user=user, tier=factory.tier(year=2024))


def test_paid_and_the_paid_date_are_recorded():
    _, m = _join(D(2024, 1, 10))
    services.membership_mark_paid(membership_id=m.pk, paid=True, paid_on=D(2024, 1, 20))
    m.refresh_from_db()
    assert (m.paid, m.paid_on) == (True, D(2024, 1, 20))
    services.membership_mark_paid(membership_id=m.pk, paid=False)
    m.refresh_from_db()
    assert (m.paid, m.paid_on) == (False, None)


def test_members_count_by_status_at_a_date():
    _join(D(2024, 1, 10))  # on 2024-02-01: new
    _join(D(2023, 1, 10))  # current until 2024-01-09, grace to 2024-02-09
    _join(D(2022, 1, 10))  # expired
    user, cancelled = _join(D(2023, 6, 1))
    services.membership_cancel(membership_id=cancelled.pk, day=D(2023, 12, 1))
    _, current = _join(D(2023, 6, 1))
    _join(D(2024, 1, 20), kind=Tier.Kind.ASSOCIATE)  # pending
    counts = selectors.members_count_by_status(day=D(2024, 2, 1))
    assert counts == {
        Status.PENDING: 1,
        Status.NEW: 1,
        Status.CURRENT: 1,
        Status.GRACE: 1,
        Status.EXPIRED: 1,
        Status.CANCELLED: 1,
    }


def test_the_member_group_is_owned_by_membership_alone():
    """A hand-set Member group is taken away by the next status refresh of that person."""
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=roles.MEMBER)[0])
    services.member_role_sync(user_ids=[user.pk])
    assert not _is_in_member_group(user)


def test_the_year_in_review_counts_members_at_the_end_of_the_year():
    from institute.core import figures

    for day in ("2023-06-01", "2023-11-20", "2022-12-20", "2021-03-01"):
        # current, new, grace and expired on 31 December 2023
        with freeze_time(day):
            factory.make_membership(UserFactory(), day=datetime.date.fromisoformat(day))
    members = figures.get("membership.members")
    assert members.value(year=2023) == 3
    assert members.value(year=2020) == 0
