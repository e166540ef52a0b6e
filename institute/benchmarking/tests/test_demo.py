"""The demo data reproduces the year-in-review's 2023 benchmarking figures."""

import pytest

from institute.benchmarking import demo, selectors
from institute.benchmarking.models import Cycle, Result
from institute.people import demo as people_demo

pytestmark = pytest.mark.django_db


def _seed():
    people_demo.seed(scale="demo", log=lambda m: None)
    demo.seed(scale="demo", log=lambda m: None, years=[2023])


def test_demo_2023_reproduces_the_year_in_review(db):
    _seed()
    summary = selectors.cycle_summary(cycle=Cycle.objects.get(year=2023))
    shares = {
        key: round(Result.objects.get(cycle__year=2023, key=key, scope="sector").share * 100)
        for key in ("internet-solutions", "training-suspicious-links")
    }
    assert (len(summary["organisations"]), summary["responses"]) == (14, 6240)
    assert shares == {"internet-solutions": 94, "training-suspicious-links": 11}
    assert Cycle.objects.get(year=2024).status == Cycle.Status.OPEN


def test_seeding_again_changes_nothing(db):
    _seed()
    before = (Result.objects.count(), Cycle.objects.count())
    demo.seed(scale="demo", log=lambda m: None, years=[2023])
    assert (Result.objects.count(), Cycle.objects.count()) == before


def test_headline_questions_have_a_plausible_history(db):
    """Earlier years lead up to 2023's figures instead of the satisfaction questions' levels."""
    people_demo.seed(scale="demo", log=lambda m: None)
    demo.seed(scale="demo", log=lambda m: None, years=[2021, 2022, 2023])
    shares = {
        (year, key): round(
            Result.objects.get(cycle__year=year, key=key, scope="sector").share * 100
        )
        for year in (2021, 2022, 2023)
        for key in ("internet-solutions", "training-suspicious-links")
    }
    assert [shares[(y, "internet-solutions")] for y in (2021, 2022, 2023)] == [92, 93, 94]
    assert [shares[(y, "training-suspicious-links")] for y in (2021, 2022, 2023)] == [12, 11, 11]


def test_the_benchmarks_staff_user_may_open_the_report_it_measures(client):
    from institute.benchmarking import bench

    _seed()
    client.force_login(bench.staff())
    response = client.get(f"/benchmarking/{bench.REPORT_YEAR}/{bench.REPORT_ORGANISATION}/")
    assert response.status_code == 200
