"""The demo's /review/2023/ tells the seed's story with the seed's figures, computed from
the rooms' demo data, and seeds once."""

import pytest
from django.db import transaction

from institute.academy import demo as academy_demo
from institute.benchmarking import demo as benchmarking_demo
from institute.core.demo import seed as seed_roof
from institute.events import demo as events_demo
from institute.newsletter import demo as newsletter_demo
from institute.partners import demo as partners_demo
from institute.people.demo import seed as seed_people
from institute.review import demo
from institute.review.models import ReviewPage
from institute.review.selectors import figures_computed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        quiet = {"scale": "demo", "log": lambda m: None}
        rooms = (events_demo.seed, academy_demo.seed, partners_demo.seed, newsletter_demo.seed)
        for seed in (seed_roof, seed_people, *rooms, demo.seed):
            seed(**quiet)
        benchmarking_demo.seed(**quiet, years=[2023])
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


# The society's 2023 year in review, as the seed reports it.
SEED_2023 = {
    "events.webinars": 40,
    "events.webinar_delegates": 2455,
    "events.national_conferences": 3,
    "events.charity_raised": 2629,  # for MindOut at President's Conference
    "academy.coaching_sessions": 56,
    "academy.people_paired": 37,
    "benchmarking.organisations": 14,
    "benchmarking.responses": 6240,
    "benchmarking.finding.internet-solutions": 94,
    "benchmarking.finding.training-suspicious-links": 11,
    "partners.total": 54,
    "partners.new": 16,
    "newsletter.issues_sent": 52,  # every Friday of 2023
}


def test_the_2023_figures_are_the_seeds(seeded, db):
    computed = figures_computed(year=2023, fresh=True)
    assert {key: computed[key]["value"] for key in SEED_2023} == SEED_2023
    assert computed["academy.alumni_joined"]["value"] > 600  # "more than 600"
    assert 2900 <= computed["events.attendance"]["value"] < 3000  # "nearly 3,000"


def test_the_2023_review_tells_the_story_with_figure_blocks(seeded, db, client):
    page = ReviewPage.objects.get(year=2023)
    named = {b.value["figure"] for b in page.body if b.block_type == "figure"}
    assert {"academy.coaching_sessions", "academy.people_paired", "events.charity_raised"} <= named
    text = client.get("/review/2023/").content.decode()
    for phrase in ("Learning and development", "Benchmarking", "2,455", "£2,629", "6,240", "94%"):
        assert phrase in text


def test_seeding_again_changes_nothing(seeded, db):
    before = ReviewPage.objects.count()
    demo.seed(scale="demo", log=lambda m: None)
    assert ReviewPage.objects.count() == before == 1
