"""Freezing a year from several requests at once on PostgreSQL: one freeze and one snapshot
row per figure, never a failure on the snapshot's unique key or a mixture of two."""

import pytest

from institute.review import services
from institute.review.models import FigureSnapshot, Freeze, ReviewPage
from tests.factories.review import review_page
from tests.races import all_at_once, skip_unless_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    skip_unless_postgresql()


def test_simultaneous_freezes_make_one_snapshot(home):
    page = review_page(2023)
    # Every figure of a year with no records: counts of 0, so there are rows to snapshot.
    errors = all_at_once(
        lambda _: services.review_freeze(page=ReviewPage.objects.get(pk=page.pk)), range(6)
    )
    assert errors == []
    assert Freeze.objects.filter(page=page).count() == 1
    keys = list(FigureSnapshot.objects.filter(page=page).values_list("key", flat=True))
    assert keys and len(keys) == len(set(keys))
