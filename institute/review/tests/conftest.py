"""A small society with a known year: every figure of 2023 can be counted by hand.

2023 in the calendar: the President's Conference (4 came, £150 raised), a national
conference (2), the alumni event (1), a networking meeting (none came, £50 raised), two
webinars held (3 and 2 delegates, and one who booked but did not come) and one cancelled;
2022: one webinar (1 delegate). The Academy: three cohorts of two programmes in 2023 (one
more in 2022), three coaching sessions held (one cancelled; one in 2022), three people in two
confirmed pairs (a pair of an open round does not count), two people joining the alumni (one
already was; one certificate revoked). The hub: two resources in HTML and one as PDF in 2023.
Benchmarking: six councils of 40 end-users each in 2022 and 2023, through the benchmarking
tests' own module."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection

from institute.benchmarking.definitions import normalise
from institute.benchmarking.models import Cycle
from institute.benchmarking.results import compute_results
from institute.benchmarking.services import module_load
from institute.core.demo import child_page, ensure_home
from institute.core.models import NewsIndexPage, NewsPage
from institute.events.models import Booking
from tests.factories import academy as academy_factories
from tests.factories import resources as resource_factories
from tests.factories.benchmarking import SMALL_MODULE, add_responses, make_cycle
from tests.factories.events import add_item, ensure_calendar
from tests.factories.people import UserFactory, make_organisation

LONDON = ZoneInfo("Europe/London")


def at(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, tzinfo=LONDON)


def book(item, users, *, came):
    """Confirmed places for ``users`` at the item's occurrence, the first ``came`` attended."""
    occurrence = item.occurrences.get()
    Booking.objects.bulk_create(
        Booking(
            occurrence=occurrence,
            user=user,
            status=Booking.Status.CONFIRMED,
            allocation=Booking.Allocation.MEMBER,
            attended=n < came,
            created_at=occurrence.start - dt.timedelta(days=7),
            confirmed_at=occurrence.start - dt.timedelta(days=7),
        )
        for n, user in enumerate(users)
    )


def event(calendar, slug, start, **fields):
    fields.setdefault("kind", "events")
    fields.setdefault("title", slug.replace("-", " ").title())
    return add_item(calendar, slug=slug, start=start, end=start + dt.timedelta(hours=2), **fields)


@pytest.fixture(scope="module")
def society(django_db_setup, django_db_blocker):
    """Built once for a module's tests, in a transaction rolled back after them; each test's
    own writes are rolled back after it (``db``)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_society()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def small_society(society, db):
    return society


def build_society():
    home = ensure_home()
    people = [UserFactory() for _ in range(8)]
    calendar = ensure_calendar(home)
    conference = event(
        calendar,
        "presidents-conference",
        at(2023, 6, 14),
        title="President's Conference 2023",
        sub_kind="conference",
        charity="MindOut",
        amount_raised=150,
    )
    book(conference, people[:4], came=4)
    book(event(calendar, "national", at(2023, 3, 22), sub_kind="conference"), people[:2], came=2)
    book(event(calendar, "alumni", at(2023, 12, 6), sub_kind="alumni"), people[:1], came=1)
    event(calendar, "network", at(2023, 4, 18), sub_kind="networking", amount_raised=50)
    webinar = {"kind": "webinars", "format": "virtual"}
    book(event(calendar, "webinar-a", at(2023, 3, 1), **webinar), people[:4], came=3)
    book(event(calendar, "webinar-b", at(2023, 5, 1), **webinar), people[:2], came=2)
    cancelled = event(calendar, "webinar-c", at(2023, 7, 1), status="cancelled", **webinar)
    book(cancelled, people[:1], came=1)
    book(event(calendar, "webinar-2022", at(2022, 6, 1), **webinar), people[:1], came=1)

    first = academy_factories.programme("first", "First programme")
    second = academy_factories.programme("second", "Second programme")
    academy_factories.cohort(first, "first-2023-a", at(2023, 2, 1))
    academy_factories.cohort(first, "first-2023-b", at(2023, 9, 1))
    academy_factories.cohort(second, "second-2023", at(2023, 5, 1))
    academy_factories.cohort(second, "second-2022", at(2022, 5, 1))
    coach = people[7]
    for month in (1, 2, 3):
        academy_factories.coaching_session(coach, people[0], at(2023, month, 10))
    academy_factories.coaching_session(coach, people[1], at(2023, 4, 10), status="cancelled")
    academy_factories.coaching_session(coach, people[1], at(2022, 4, 10))
    confirmed = academy_factories.mentoring_round("round-2023", dt.date(2023, 3, 1))
    academy_factories.pair(confirmed, people[0], people[1])
    academy_factories.pair(confirmed, people[0], people[2])
    still_open = academy_factories.mentoring_round("open-2023", dt.date(2023, 9, 1), state="open")
    academy_factories.pair(still_open, people[3], people[4])
    academy_factories.certificate(people[0], first, at(2022, 7, 1))
    academy_factories.certificate(people[0], second, at(2023, 7, 1))
    academy_factories.certificate(people[1], first, at(2023, 7, 1))
    academy_factories.certificate(people[2], first, at(2023, 7, 1))
    academy_factories.certificate(people[2], second, at(2023, 8, 1))
    academy_factories.certificate(people[3], first, at(2023, 7, 1), revoked_at=timezone.now())

    hub = resource_factories.hub_page(home)
    resource_factories.resource(hub, published=dt.date(2023, 2, 1))
    resource_factories.resource(hub, published=dt.date(2023, 3, 1))
    resource_factories.resource(hub, published=dt.date(2022, 3, 1))
    if not Collection.get_first_root_node():  # a transactional test's flush removes it
        Collection.add_root(name="Root")
    document = Document.objects.create(
        title="Annual report", file=ContentFile(b"%PDF-1.4\n", name="report.pdf")
    )
    as_pdf = resource_factories.resource(hub, published=dt.date(2023, 4, 1), body=None)
    as_pdf.body = [("download", {"document": document, "label": ""})]
    as_pdf.save()

    news = child_page(home, NewsIndexPage, "news", title="News")
    for n, year in enumerate((2023, 2023, 2022)):
        news.add_child(instance=NewsPage(title=f"Post {n}", date=dt.date(year, 3, 1)))

    version = module_load(definition=normalise(SMALL_MODULE))[0]
    orgs = [make_organisation(f"Council {i}") for i in range(6)]
    shares = {2022: [0.6] * 6, 2023: [0.95, 0.6, 0.6, 0.6, 0.6, 0.6]}
    for year, year_shares in shares.items():
        cycle = make_cycle(version, year=year, organisations=orgs, status=Cycle.Status.CLOSED)
        for participant in cycle.participants.order_by("organisation__name"):
            yes = round(40 * year_shares[orgs.index(participant.organisation)])
            add_responses(
                participant,
                version,
                {
                    "internet-solutions": [5] * yes + [2] * (40 - yes),
                    "training-suspicious-links": [1] * 4 + [0] * 36,
                },
            )
        compute_results([cycle.pk])
    return {"calendar": calendar, "webinar": webinar, "people": people}
