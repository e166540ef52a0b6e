"""The demo calendar tells the same story as the 2023 year in review, and seeds once."""

import pytest
from django.db import transaction
from django.db.models import Count

from institute.core.demo import seed as seed_roof
from institute.events import demo
from institute.events.models import Booking, CalendarItemPage
from institute.people.demo import seed as seed_people

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    # Seeding takes a while, so it is done once for the module inside a transaction that is
    # rolled back afterwards: the other test modules never see the demo data.
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        seed_roof(scale="demo", log=lambda m: None)
        seed_people(scale="demo", log=lambda m: None)
        demo.seed(scale="demo", log=lambda m: None)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _attended_2023(kind):
    return Booking.objects.filter(
        occurrence__start__year=2023, occurrence__item__kind=kind, attended=True
    ).count()


def test_forty_webinars_in_2023_with_2455_delegates(seeded):
    assert CalendarItemPage.objects.filter(kind="webinars", start__year=2023).count() == 40
    assert _attended_2023("webinars") == 2455


def test_nearly_3000_people_at_events_and_conferences_in_2023(seeded):
    assert 2900 <= _attended_2023("events") < 3000


def test_presidents_conference_raised_2629_for_mindout(seeded):
    conference = CalendarItemPage.objects.get(slug="presidents-conference-2023")
    assert (conference.charity, conference.amount_raised) == ("MindOut", 2629)
    assert conference.venue == "Brighton"


def test_three_national_conferences_in_2023(seeded):
    national = CalendarItemPage.objects.filter(
        start__year=2023, sub_kind__in=["conference", "alumni"]
    ).exclude(slug="presidents-conference-2023")
    assert national.count() == 3
    assert national.get(sub_kind="alumni").format == "virtual"


def test_an_alumni_event_is_coming_up(seeded):
    from institute.events.selectors import alumni_events

    upcoming = alumni_events(limit=6)
    assert upcoming and upcoming[0]["title"].startswith("Alumni event ")
    assert CalendarItemPage.objects.get(title=upcoming[0]["title"]).format == "virtual"


def test_next_presidents_conference_is_in_birmingham(seeded):
    assert CalendarItemPage.objects.filter(
        slug__startswith="presidents-conference-", venue="Birmingham"
    ).exists()


def test_no_occurrence_is_overbooked(seeded):
    over = (
        Booking.objects.filter(status="confirmed")
        .values("occurrence", "occurrence__item__capacity")
        .annotate(n=Count("pk"))
    )
    assert all(row["n"] <= row["occurrence__item__capacity"] for row in over)


def test_seeding_again_adds_nothing(seeded):
    before = (CalendarItemPage.objects.count(), Booking.objects.count())
    demo.seed(scale="demo", log=lambda m: None)
    assert (CalendarItemPage.objects.count(), Booking.objects.count()) == before


def test_large_seeding_leaves_the_calendar_with_planner_statistics(seeded):
    """After the bulk inserts the database knows the calendar's tables (PostgreSQL keeps no
    statistics of its own until asked), so it reads the listing through its indexes."""
    from django.db import connection

    from institute.core.demo import analyse
    from institute.events.demo_large import ANALYSED
    from institute.events.models import Occurrence

    analyse(ANALYSED)
    table = Occurrence._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            assert cursor.fetchone()[0] == Occurrence.objects.count()
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
            rows = [row[0] for row in cursor.fetchall()]
            assert rows and all(r.split()[0] == str(Occurrence.objects.count()) for r in rows)


def test_flagship_items_have_programmes_with_portraits_and_sponsor_logos(seeded):
    brighton = CalendarItemPage.objects.get(slug="presidents-conference-2023")
    speakers = list(brighton.speakers.all())
    assert 3 <= len(speakers) <= 6
    assert all(s.photo and s.photo.description.startswith("Placeholder portrait") for s in speakers)
    assert brighton.agenda.filter(day=2).exists()
    assert "BN1 2GR" in brighton.address
    assert brighton.sponsor.name == "Microsoft"
    assert brighton.sponsor_logo.description == "Microsoft logo"
    assert brighton.sponsor_logo.width <= 480
    dressed = CalendarItemPage.objects.filter(agenda__isnull=False).distinct()
    assert dressed.filter(sub_kind="conference").count() >= 4
    assert dressed.filter(kind="webinars").count() >= 3


def test_programmes_are_given_once(seeded):
    from institute.events.demo_programme import seed_programmes

    sessions = CalendarItemPage.objects.get(slug="presidents-conference-2023").agenda.count()
    messages = []
    seed_programmes(messages.append)
    assert messages == ["programmes: 0 items given agendas, speakers and sponsors"]
    assert (
        CalendarItemPage.objects.get(slug="presidents-conference-2023").agenda.count() == sessions
    )
