"""Races between real database connections, for the tests that prove a rule holds under
concurrency (bookings, cohort places): every call in its own thread, and so on its own
connection, all released together at a barrier, as simultaneous requests to several workers
would be."""

import threading

import pytest
from django.db import connection


def skip_unless_postgresql():
    """Skip the calling test unless it runs on PostgreSQL (row locks between connections)."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "Concurrency test needs PostgreSQL (row locks between connections); "
            "set DATABASE_URL=postgres://… to run it. SQLite serialises writers anyway."
        )


def all_at_once(action, arguments) -> list[Exception]:
    """Call ``action(argument)`` for every argument at the same moment, each on a thread and
    connection of its own; the exceptions raised, for the test to assert on."""
    barrier = threading.Barrier(len(arguments))
    errors = []

    def run(argument):
        try:
            barrier.wait()
            action(argument)
        except Exception as exc:  # noqa: BLE001 - returned to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
