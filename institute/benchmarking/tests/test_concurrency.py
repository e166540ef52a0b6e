"""On PostgreSQL, concurrent submissions to one link are each stored exactly once.

Each thread posts the survey's last section through Django's test client — the whole view,
form and service, with its own database connection — and all start together at a barrier,
as simultaneous requests to several workers would. The once-only guard is the unique
constraint on the submission token; the last tests take it away and show that the same
requests then store duplicates, so these tests can fail.
"""

import threading
import time
import uuid

import polars as pl
import pytest
from django.core.cache import cache
from django.db import (
    IntegrityError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django.test import Client

from institute.benchmarking import bulk
from institute.benchmarking.forms import field_name
from institute.benchmarking.models import Answer, Response
from tests.factories.benchmarking import make_cycle
from tests.factories.people import make_organisation

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (DATABASE_URL=postgres://…): SQLite serialises writers, so "
            "there is no race to test"
        )
    cache.clear()  # the link's rate limits count attempts


@pytest.fixture
def link(module_version):
    cycle = make_cycle(module_version, organisations=[make_organisation("Essex")])
    return cycle.participants.get().links.select_related("participant__cycle").get()


def _last_section(link, token):
    """The POST of the survey's last section with every answer, as the browser sends it."""
    questions = {q.key: q for q in link.module_version.questions.all()}
    return {
        "submission_token": str(token),
        "step": "1",
        "action": "submit",
        field_name(questions["internet-solutions"]): "4",
        field_name(questions["training-suspicious-links"]): "1",
        field_name(questions["learning-topics"]): ["3"],
    }


THREADS = 25  # connections at once: a shared PostgreSQL server allows only so many


def _post_all_at_once(link, tokens):
    """``THREADS`` threads post the tokens in rounds, every round starting together.

    Returns the response status codes, and any exceptions raised.
    """
    width = min(len(tokens), THREADS)
    rounds = [tokens[i : i + width] for i in range(0, len(tokens), width)]
    barrier = threading.Barrier(width)
    statuses, errors = [], []
    url = link.get_absolute_url()

    def submit(index):
        # Each thread is an end-user of its own: the link's limit per address allows a few.
        client = Client(raise_request_exception=False, REMOTE_ADDR=f"192.0.2.{index + 1}")
        try:
            for batch in rounds:
                barrier.wait()
                if index < len(batch):
                    statuses.append(client.post(url, _last_section(link, batch[index])).status_code)
        except Exception as exc:  # noqa: BLE001 — reported by the callers' assertions
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(width)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses, errors


def test_hundred_concurrent_submissions_are_all_stored_once(link):
    tokens = [uuid.uuid4() for _ in range(100)]
    statuses, errors = _post_all_at_once(link, tokens)
    assert errors == [] and statuses == [302] * 100
    assert Response.objects.count() == 100
    assert set(Response.objects.values_list("submission_token", flat=True)) == set(tokens)
    assert Answer.objects.count() == 300  # three answers each


def test_concurrent_retries_of_one_submission_store_it_once(link):
    # Every submission sent four times at once: the copies of a token are in the same round.
    unique = [uuid.uuid4() for _ in range(25)]
    tokens = [t for t in unique for _copy in range(4)]
    statuses, errors = _post_all_at_once(link, tokens)
    assert errors == [] and statuses == [302] * 100
    assert Response.objects.count() == 25
    assert Answer.objects.count() == 75


def test_one_token_sent_by_many_threads_makes_exactly_one_response(link):
    token = uuid.uuid4()
    statuses, errors = _post_all_at_once(link, [token] * 20)
    assert errors == [] and statuses == [302] * 20  # every retry lands on the thank-you page
    assert list(Response.objects.values_list("submission_token", flat=True)) == [token]
    assert Answer.objects.count() == 3


@pytest.fixture
def without_the_guard():
    """The unique constraint on the token dropped for one test, and put back afterwards."""
    table, column = Response._meta.db_table, "submission_token"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT con.conname FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid "
            "WHERE rel.relname = %s AND con.contype = 'u'",
            [table],
        )
        names = [name for (name,) in cursor.fetchall()]
        for name in names:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    yield
    Answer.objects.all().delete()
    Response.objects.all().delete()
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" UNIQUE ("{column}")')


def test_without_the_unique_constraint_retries_store_duplicates(link, without_the_guard):
    unique = [uuid.uuid4() for _ in range(25)]
    tokens = [t for t in unique for _copy in range(4)]
    statuses, errors = _post_all_at_once(link, tokens)
    assert errors == []
    assert Response.objects.count() > 25


def test_a_check_before_inserting_does_not_replace_the_constraint(
    link, without_the_guard, monkeypatch
):
    """Looking for the token first and inserting after lets simultaneous retries overtake."""
    insert = Response.objects.create

    def look_then_insert(**fields):
        if Response.objects.filter(submission_token=fields["submission_token"]).exists():
            raise IntegrityError("already stored")
        time.sleep(0.05)  # widen the gap between looking and inserting
        return insert(**fields)

    monkeypatch.setattr(Response.objects, "create", look_then_insert)
    token = uuid.uuid4()
    _post_all_at_once(link, [token] * 20)  # some fail: the service finds two responses
    assert Response.objects.filter(submission_token=token).count() > 1


def test_responses_checked_by_an_answer_write_cannot_be_deleted_until_it_ends(link):
    """The answers have no database foreign keys: the writers' check locks their parents.

    While one transaction has checked answers for a response, another cannot delete that
    response (it waits, here until its lock timeout); a response nobody checked is deleted
    at once, so the lock is what stops it.
    """
    checked, unchecked = Response.objects.bulk_create(
        [
            Response(link=link, participant=link.participant, module_version=link.module_version)
            for _ in range(2)
        ]
    )
    question = link.module_version.questions.order_by("position").first()
    answers = pl.DataFrame(
        {
            "response_id": [checked.pk],
            "participant_id": [link.participant_id],
            "question_id": [question.pk],
            "value": [4.0],
        }
    )
    outcomes = {}

    def delete(response):
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '500ms'")
                Response.objects.filter(pk=response.pk).delete()
            outcomes[response.pk] = "deleted"
        except OperationalError as exc:
            outcomes[response.pk] = str(exc)
        finally:
            connection.close()

    with transaction.atomic():
        bulk.write_answers(answers)
        for response in (unchecked, checked):
            thread = threading.Thread(target=delete, args=(response,))
            thread.start()
            thread.join()
    assert outcomes[unchecked.pk] == "deleted"
    assert "lock timeout" in outcomes[checked.pk]
    assert list(Answer.objects.values_list("response_id", flat=True)) == [checked.pk]
