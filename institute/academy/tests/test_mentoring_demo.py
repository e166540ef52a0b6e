"""The demo mentoring scheme and coaching tell the 2023 year in review's figures, once."""

import pytest

from institute.academy import mentoring_demo
from institute.academy.coaching_selectors import coaching_sessions_count
from institute.academy.matching import NOT_AVAILABLE, PLACES_FILLED
from institute.academy.mentoring_selectors import people_paired_count
from institute.academy.models import Pair, Round
from institute.core.demo import seed as seed_roof
from institute.people.demo import seed as seed_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    quiet = lambda m: None  # noqa: E731
    seed_roof(scale="demo", log=quiet)
    seed_people(scale="demo", log=quiet)
    mentoring_demo.seed(scale="demo", log=quiet)


def test_2023_figures(seeded):
    assert people_paired_count(year=2023) == 37
    assert coaching_sessions_count(year=2023) == 56
    round = Round.objects.get(slug=mentoring_demo.ROUND_2023)
    assert round.state == Round.State.CLOSED
    pairs = Pair.objects.filter(round=round).select_related("mentor__user", "mentee__user")
    assert pairs.count() == 23
    assert all(p.mentor.user.organisation_id != p.mentee.user.organisation_id for p in pairs)


def test_seeding_twice_adds_nothing(seeded):
    pairs, sessions = Pair.objects.count(), coaching_sessions_count(year=2023)
    mentoring_demo.seed(scale="demo", log=lambda m: None)
    assert (Pair.objects.count(), coaching_sessions_count(year=2023)) == (pairs, sessions)


def test_the_two_left_out_are_explained(seeded):
    from institute.academy import matching, mentoring_services

    round = Round.objects.get(slug=mentoring_demo.ROUND_2023)
    instance = mentoring_services.round_instance(round=round)
    result = matching.match(**instance)
    assert result.total == sum(round.pairs.values_list("score", flat=True))
    assert sorted(why for _, why in result.unmatched_mentees) == sorted(
        [NOT_AVAILABLE, PLACES_FILLED]
    )
