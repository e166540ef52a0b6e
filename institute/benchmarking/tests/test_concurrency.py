"""On PostgreSQL, concurrent submissions to one link are each stored exactly once."""

import threading
import uuid

import pytest
from django.db import close_old_connections, connection

from institute.benchmarking.models import Answer, Response
from institute.benchmarking.services import response_submit

from .conftest import make_cycle, make_organisation

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _skip_unless_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no race to test")


def _run_concurrently(link, tokens):
    question = link.module_version.questions.get(key="internet-solutions")
    barrier = threading.Barrier(len(tokens))
    errors = []

    def submit(token):
        try:
            barrier.wait()
            response_submit(link=link, submission_token=token, answers={question: 4.0})
        except Exception as exc:  # noqa: BLE001 — reported by the assertion below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=submit, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.fixture
def link(module_version):
    cycle = make_cycle(module_version, organisations=[make_organisation("Essex")])
    return cycle.participants.get().links.select_related("participant__cycle").get()


def test_hundred_concurrent_submissions_are_all_stored_once(link):
    _skip_unless_postgres()
    tokens = [uuid.uuid4() for _ in range(100)]
    assert _run_concurrently(link, tokens) == []
    assert Response.objects.count() == 100
    assert set(Response.objects.values_list("submission_token", flat=True)) == set(tokens)
    assert Answer.objects.count() == 100


def test_concurrent_repeats_of_one_submission_store_it_once(link):
    _skip_unless_postgres()
    tokens = [uuid.uuid4() for _ in range(25)] * 4  # every submission sent four times at once
    assert _run_concurrently(link, tokens) == []
    assert Response.objects.count() == 25
    assert Answer.objects.count() == 25
