"""Fixtures of the API's tests; every room's data is built through ``tests/factories``."""

import datetime as dt

import pytest
from django.utils import timezone

from institute.benchmarking.definitions import normalise
from institute.benchmarking.models import Cycle
from institute.benchmarking.results import compute_results
from institute.benchmarking.services import module_load
from tests.factories import events as calendar_build
from tests.factories import resources as hub_build
from tests.factories.benchmarking import SMALL_MODULE, add_responses, make_cycle
from tests.factories.people import make_organisation


@pytest.fixture
def calendar(home):
    """A calendar of twelve upcoming items (two topics, three regions, two formats) and
    three past ones."""
    cal = calendar_build.ensure_calendar(home)
    cyber, skills = hub_build.topic("cyber"), hub_build.topic("digital-skills")
    now = timezone.now().replace(microsecond=0)
    items = []
    for i in range(15):
        start = now + dt.timedelta(days=i + 1 if i < 12 else -(i + 1))
        items.append(
            calendar_build.add_item(
                cal,
                title=f"Item {i} {'cyber clinic' if i % 3 == 0 else 'meet-up'}",
                slug=f"item-{i}",
                kind=("events", "training", "webinars")[i % 3],
                region=("london", "north-west", "national")[i % 3],
                format=("virtual", "in-person")[i % 2],
                start=start,
                end=start + dt.timedelta(hours=2),
                capacity=2,
                topics=[(cyber, skills)[i % 2]],
            )
        )
    return cal, items


@pytest.fixture
def hub(home):
    """A hub of ten public resources and two members-only ones."""
    hub = hub_build.hub_page(home)
    cyber = hub_build.topic("cyber")
    for i in range(10):
        hub_build.resource(
            hub,
            title=f"Briefing {i} on cloud",
            topics=[cyber] if i % 2 else [],
            published=dt.date(2022 + i % 2, 3, i + 1),
            resource_type=("briefing", "report")[i % 2],
        )
    for i in range(2):
        hub_build.resource(
            hub,
            title=f"Members' guide {i}",
            body="<p>Public teaser.</p>",
            members_body="<p>SECRET MEMBERS TEXT</p>",
        )
    return hub


@pytest.fixture
def reports(db):
    """Six councils benchmarked in 2023, closed with computed results."""
    version = module_load(definition=normalise(SMALL_MODULE))[0]
    orgs = [make_organisation(f"Council {i}") for i in range(6)]
    cycle = make_cycle(version, year=2023, organisations=orgs, status=Cycle.Status.CLOSED)
    for participant in cycle.participants.order_by("organisation__name"):
        yes = 38 if participant.organisation == orgs[0] else 24
        add_responses(
            participant,
            version,
            {
                "internet-solutions": [5] * yes + [2] * (40 - yes),
                "training-suspicious-links": [1] * 4 + [0] * 36,
            },
        )
    compute_results([cycle.pk])
    return orgs, Cycle.objects.get(pk=cycle.pk)
