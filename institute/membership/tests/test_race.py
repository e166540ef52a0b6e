"""On PostgreSQL: two approvals, two renewals of the same period or two coordinators'
additions at once never give more than one (or more than the places)."""

import pytest

from institute.membership import services
from institute.membership.models import CoveredPerson, Membership, StatusChange, Tier
from tests.factories import membership as factory
from tests.factories.people import OrganisationFactory, UserFactory
from tests.races import all_at_once, skip_unless_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    skip_unless_postgresql()


def test_simultaneous_renewals_of_one_period_renew_once():
    m = factory.make_membership(UserFactory())
    seen = m.end_date
    errors = all_at_once(
        lambda _: services.membership_renew(membership_id=m.pk, seen_end_date=seen), range(6)
    )
    assert not errors
    m.refresh_from_db()
    assert m.end_date.year == seen.year + 1
    assert StatusChange.objects.filter(membership=m, note__startswith="Renewed").count() == 1


def test_simultaneous_approvals_start_once():
    user = UserFactory()
    m = services.membership_apply(user=user, tier=factory.tier(Tier.Kind.ASSOCIATE))
    results = []
    errors = all_at_once(
        lambda _: results.append(services.membership_approve(membership_id=m.pk)), range(6)
    )
    assert not errors
    assert results.count(True) == 1
    assert StatusChange.objects.filter(membership=m, note="Approved").count() == 1


def test_simultaneous_additions_never_pass_the_places():
    coordinator = UserFactory()
    m = factory.make_membership(
        coordinator, kind=Tier.Kind.ORGANISATIONAL, organisation=OrganisationFactory()
    )
    people = [UserFactory() for _ in range(8)]
    all_at_once(lambda u: services.covered_person_add(membership_id=m.pk, email=u.email), people)
    assert CoveredPerson.objects.filter(membership=m).count() == m.tier.people_included
    assert Membership.objects.count() == 1


def test_simultaneous_reminder_runs_send_each_reminder_once():
    import datetime

    from django.core import mail

    from institute.membership.models import RenewalReminder

    day = datetime.date(2024, 1, 10)
    for _ in range(12):
        factory.make_membership(UserFactory(), day=day)
    mail.outbox = []
    errors = all_at_once(
        lambda _: services.renewal_reminders_send(day=datetime.date(2024, 12, 20), batch_size=3),
        range(4),
    )
    assert not errors
    assert RenewalReminder.objects.count() == 12
    assert len(mail.outbox) == 12
    assert len({m.to[0] for m in mail.outbox}) == 12
