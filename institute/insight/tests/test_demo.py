"""The demo data: every real local authority area, three synthetic years, idempotent."""

import pytest

from institute.insight import demo
from institute.insight.models import IndicatorValue, Place, PlaceOrganisation, Score, ScoreRun
from tests.factories.people import make_organisation


@pytest.mark.django_db
def test_the_demo_covers_every_area_for_three_years_and_runs_twice():
    council = make_organisation("Cardiff Council")
    demo.seed(scale="small", log=lambda message: None)
    codes = list(Place.objects.values_list("gss_code", flat=True))
    prefixes = {p: sum(c.startswith(p) for c in codes) for p in ("E06", "E07", "E08", "E09")}
    assert prefixes == {"E06": 63, "E07": 164, "E08": 36, "E09": 33}
    assert sum(c.startswith(("W06", "S12", "N09")) for c in codes) == 22 + 32 + 11
    assert Place.objects.get(gss_code="E09000001").name == "City of London"
    assert sorted(set(IndicatorValue.objects.values_list("year", flat=True))) == [2022, 2023, 2024]
    assert not IndicatorValue.objects.filter(synthetic=False).exists()
    assert ScoreRun.objects.filter(synthetic=True).count() == 6  # two versions, three years
    assert PlaceOrganisation.objects.get(organisation=council).place.name == "Cardiff"
    counts = (IndicatorValue.objects.count(), Score.objects.count())
    demo.seed(scale="small", log=lambda message: None)
    assert (IndicatorValue.objects.count(), Score.objects.count()) == counts
    # The published version's index spreads the places out.
    index = list(
        Score.objects.filter(run__version__number=1, run__year=2024, level="index").values_list(
            "score", flat=True
        )
    )
    assert len(index) == len(codes) and max(index) - min(index) > 20
