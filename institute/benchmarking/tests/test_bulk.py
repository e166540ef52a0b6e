"""The bulk paths used by the import and the large demo data."""

import polars as pl
import pytest
from django.db import IntegrityError, connection, transaction

from institute.benchmarking import bulk
from institute.benchmarking.definitions import normalise
from institute.benchmarking.models import Answer
from institute.benchmarking.services import module_load
from tests.factories.benchmarking import SMALL_MODULE, add_responses, make_cycle
from tests.factories.people import make_organisation

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


# The answers table has no database foreign keys: its writers check every reference.


def _frame(rows):
    return pl.DataFrame(
        rows,
        schema={
            "response_id": pl.Int64,
            "participant_id": pl.Int64,
            "question_id": pl.Int64,
            "value": pl.Float64,
        },
        orient="row",
    )


@pytest.fixture
def written(module_version):
    """One participant of 2023 with one response, and a participant of another cycle."""
    org = make_organisation("Essex")
    cycle = make_cycle(module_version, organisations=[org, make_organisation("Kent")])
    participant, other = cycle.participants.order_by("organisation__name")
    (response,) = add_responses(participant, module_version, {"internet-solutions": [4]})
    question = module_version.questions.get(key="internet-solutions")
    return response, participant, other, question


def test_answers_that_refer_to_what_exists_are_written(written):
    response, participant, _, question = written
    with transaction.atomic():
        bulk.write_answers(_frame([(response.pk, participant.pk, question.pk, 5.0)]))
    assert sorted(response.answers.values_list("value", flat=True)) == [4.0, 5.0]


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda r, p, o, q: (r.pk + 1000, p.pk, q.pk), "1 answers refer to no response"),
        (
            lambda r, p, o, q: (r.pk, o.pk, q.pk),
            "1 answers name another participant than their response's",
        ),
        (lambda r, p, o, q: (r.pk, p.pk, q.pk + 1000), "1 answers refer to no question"),
    ],
    ids=["missing response", "another participant", "missing question"],
)
def test_a_bulk_write_with_a_broken_reference_writes_nothing(written, break_it, message):
    response, participant, other, question = written
    good = (response.pk, participant.pk, question.pk, 3.0)
    bad = (*break_it(response, participant, other, question), 3.0)
    with pytest.raises(IntegrityError, match=message), transaction.atomic():
        bulk.write_answers(_frame([good, bad, good]))
    assert Answer.objects.count() == 1  # the response's own answer from the fixture


def test_an_answer_to_another_versions_question_is_refused(written):
    response, participant, _, _ = written
    other_version = module_load(definition=normalise({**SMALL_MODULE, "version": 2}))[0]
    foreign = other_version.questions.get(key="internet-solutions")
    row = (response.pk, participant.pk, foreign.pk, 3.0)
    with pytest.raises(IntegrityError, match="another module version"), transaction.atomic():
        bulk.write_answers(_frame([row]))
    assert Answer.objects.count() == 1


def test_deleting_a_response_or_a_participant_still_deletes_its_answers(written, module_version):
    response, participant, other, question = written
    (second,) = add_responses(other, module_version, {"internet-solutions": [2]})
    response.delete()
    assert list(Answer.objects.values_list("response_id", flat=True)) == [second.pk]
    other.delete()
    assert Answer.objects.count() == 0
