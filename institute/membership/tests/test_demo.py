"""The demo membership: tiers for 2024, members across every status (the people room's
members among them, still members), Member Voice with its drop-ins, and answered feedback;
seeding twice adds nothing."""

import pytest
from django.db import transaction

from institute.core.demo import seed as seed_roof
from institute.events import demo as events_demo
from institute.membership import demo, selectors
from institute.membership.models import Feedback, Membership, Status, Tier, VoiceSeat
from institute.people import roles
from institute.people.demo import seed as seed_people
from institute.people.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        for seed in (seed_roof, seed_people, events_demo.seed, demo.seed):
            seed(scale="demo", log=lambda m: None)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def test_tiers_of_2024(seeded):
    kinds = set(Tier.objects.filter(year=2024).values_list("kind", flat=True))
    assert kinds == set(Tier.Kind.values)


def test_members_across_every_status(seeded):
    statuses = set(Membership.objects.values_list("status", flat=True))
    assert statuses >= {s.value for s in Status}


def test_the_people_rooms_members_are_still_members(seeded):
    for user in User.objects.filter(groups__name=roles.MEMBER):
        assert selectors.member_can(user=user, action=selectors.READ_MEMBERS_CONTENT), user
    expired = User.objects.get(email="expired.member@demo.institute.example")
    assert not expired.groups.filter(name=roles.MEMBER).exists()


def test_member_voice_and_you_said_we_did(seeded):
    assert VoiceSeat.objects.count() >= 5
    assert selectors.voice_drop_in_id() is not None
    titles = [f.title for f in selectors.feedback_board()]
    assert "The December alumni event turned virtual" in titles
    assert Feedback.objects.filter(state=Feedback.State.SUBMITTED).exists()
    assert [f.title for f in selectors.feedback_acted_on(year=2023)][0].startswith("Webinar")


def test_seeding_again_adds_nothing(seeded):
    before = (Membership.objects.count(), Feedback.objects.count(), Tier.objects.count())
    demo.seed(scale="demo", log=lambda m: None)
    assert (Membership.objects.count(), Feedback.objects.count(), Tier.objects.count()) == before


def test_large_scale_members_with_five_years_of_history(monkeypatch):
    from django.utils import timezone

    from institute.membership.models import StatusChange

    monkeypatch.setattr(demo, "LARGE_MEMBERS", 300)
    today = timezone.localdate()
    tiers = demo._seed_tiers(today)
    demo._seed_large(tiers, today, log=lambda m: None)
    demo._seed_large(tiers, today, log=lambda m: None)  # idempotent
    large = Membership.objects.filter(holder__email__endswith=f"@{demo.LARGE_DOMAIN}")
    assert large.count() == 300
    joined = large.order_by("join_date").values_list("join_date", flat=True)
    assert (today - joined[0]).days > 4 * 365
    statuses = set(large.values_list("status", flat=True))
    assert {Status.CURRENT, Status.EXPIRED, Status.CANCELLED} <= statuses
    assert StatusChange.objects.filter(membership__in=large, note="Renewed").count() > 300
    members = User.objects.filter(groups__name=roles.MEMBER, email__endswith=demo.LARGE_DOMAIN)
    active = [m for m in large if m.status in (Status.NEW, Status.CURRENT, Status.GRACE)]
    assert members.count() == len(active)
