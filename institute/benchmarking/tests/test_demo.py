"""The demo data reproduces the year-in-review's 2023 benchmarking figures."""

import pytest

from institute.benchmarking import demo, selectors
from institute.benchmarking.models import Cycle, Result
from institute.people import demo as people_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        people_demo.seed(scale="demo", log=lambda m: None)
        demo.seed(scale="demo", log=lambda m: None, years=[2022, 2023])
        yield
        Cycle.objects.all().delete()


def test_demo_years_are_closed_with_results_and_next_year_is_open(seeded):
    years = list(selectors.closed_cycles().values_list("year", flat=True))
    assert sorted(years) == [2022, 2023]
    assert Cycle.objects.get(year=2024).status == Cycle.Status.OPEN


def test_2023_has_fourteen_organisations_and_6240_end_user_responses(seeded):
    summary = selectors.cycle_summary(Cycle.objects.get(year=2023))
    assert (len(summary["organisations"]), summary["responses"]) == (14, 6240)


@pytest.mark.parametrize(
    ("key", "percent"), [("internet-solutions", 94), ("training-suspicious-links", 11)]
)
def test_2023_reproduces_the_user_skills_figures(seeded, key, percent):
    sector = Result.objects.get(cycle__year=2023, key=key, scope="sector")
    assert round(sector.share * 100) == percent


def test_seeding_again_changes_nothing(seeded):
    before = Result.objects.count()
    demo.seed(scale="demo", log=lambda m: None)
    assert Result.objects.count() == before
