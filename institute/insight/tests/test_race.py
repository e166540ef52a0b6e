"""Simultaneous imports of one file write it once; simultaneous computations of one year
leave one run with one set of scores (PostgreSQL)."""

import pytest

from institute.insight.importer import import_values
from institute.insight.models import ImportRun, IndicatorValue, Score, ScoreRun
from institute.insight.services import scores_compute
from tests.factories.insight import make_framework, make_places, scored_society
from tests.races import all_at_once, skip_unless_postgresql

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_same_file_imported_at_once_is_written_once(tmp_path):
    skip_unless_postgresql()
    make_places()
    make_framework()
    paths = []
    for i in range(3):
        path = tmp_path / f"v{i}.csv"
        path.write_text("place,indicator,value\nE06000001,overcrowding,3\nCardiff,fuel-poverty,9\n")
        paths.append(path)
    errors = all_at_once(lambda path: import_values(path, year=2024), paths)
    assert not errors
    assert ImportRun.objects.filter(status=ImportRun.Status.WRITTEN).count() == 1
    assert ImportRun.objects.filter(status=ImportRun.Status.REFUSED).count() == 2
    assert IndicatorValue.objects.count() == 2


def test_one_year_computed_at_once_keeps_one_run():
    skip_unless_postgresql()
    version, places = scored_society(years=(2024,))
    errors = all_at_once(lambda _: scores_compute(version=version, year=2024), range(3))
    assert not errors
    run = ScoreRun.objects.get()
    assert Score.objects.filter(run=run, level="index").count() == len(places)
