"""The demo Academy tells the 2023 year in review's story, and seeds once."""

import pytest
from django.db import transaction

from institute.academy import demo
from institute.academy.models import Certificate, CohortPage, ProgrammePage
from institute.core.demo import seed as seed_roof
from institute.events import demo as events_demo
from institute.events import selectors as calendar_selectors
from institute.people.demo import seed as seed_people

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


def test_the_2023_programmes(seeded):
    titles = set(ProgrammePage.objects.values_list("title", flat=True))
    assert {
        "Top Talent",
        "Empowering Women",
        "Place-based leadership pilot",
        "Change Agent: two-day course",
        "Change Agent: five-day course",
        "Equality, Diversity & Inclusion workshops",
        "Introduction to Emotional Intelligence",
        "How to Be an Effective Coach",
        "Managing and Motivating Remote Teams",
    } <= titles
    assert CohortPage.objects.filter(
        region="northern-ireland", starts_on__year=2023, title__icontains="Northern Ireland"
    ).exists()


def test_more_than_600_new_alumni_in_2023(seeded):
    assert Certificate.objects.filter(issued_at__year=2023).count() > 600


def test_next_top_talent_cohort_is_in_essex_on_24_and_25_june(seeded, client):
    essex = CohortPage.objects.get(slug__startswith="essex-")
    assert (essex.starts_on.month, essex.starts_on.day) == (6, 24)
    assert (essex.ends_on.month, essex.ends_on.day) == (6, 25)
    session = essex.sessions.get()
    links = calendar_selectors.training_item_links(item_ids=[session.calendar_item_id])
    assert client.get(links[session.calendar_item_id]["url"]).status_code == 200


def test_academy_index_answers_at_its_menu_address(seeded, client):
    assert client.get("/academy/").status_code == 200


def test_seeding_again_adds_nothing(seeded):
    before = (CohortPage.objects.count(), Certificate.objects.count())
    demo.seed(scale="demo", log=lambda m: None)
    assert (CohortPage.objects.count(), Certificate.objects.count()) == before


def test_every_programme_has_a_picture_with_alt_text(seeded, client):
    programmes = list(ProgrammePage.objects.select_related("image"))
    assert programmes
    for programme in programmes:
        assert programme.image is not None, programme.slug
        assert programme.image_alt.strip(), programme.slug
    html = client.get("/academy/").content.decode()
    for programme in programmes:
        assert f'alt="{programme.image_alt}"' in html
