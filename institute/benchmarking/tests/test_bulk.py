"""The bulk paths used by the import and the large demo data."""

import pytest
from django.db import connection, transaction

from institute.benchmarking import bulk

pytestmark = pytest.mark.django_db


def _indexes(table):
    with connection.cursor() as cursor:
        return {
            i
            for i, info in connection.introspection.get_constraints(cursor, table).items()
            if info["index"] and not info["primary_key"] and not info["unique"]
        }


def test_deferred_indexes_are_dropped_during_the_load_and_rebuilt_after():
    before = _indexes(bulk.ANSWER)
    with transaction.atomic(), bulk.indexes_deferred(bulk.ANSWER):
        during = _indexes(bulk.ANSWER)
    assert "answer_tally_idx" in before
    assert during == set()
    assert _indexes(bulk.ANSWER) == before
