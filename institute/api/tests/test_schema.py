"""The schema is valid OpenAPI 3, and schemathesis, run against it (bounded, deterministic),
finds no server error and no answer that breaks the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from institute.api.site import build
from tests.factories.api import make_token
from tests.factories.membership import make_membership
from tests.factories.newsletter import make_subscriber
from tests.factories.people import make_user
from tests.factories.resources import topic

EXAMPLES = 5  # per operation; raise locally to search harder


def test_the_schema_is_valid_openapi(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    # schemathesis validates the document against the OpenAPI 3 meta-schema as it loads it.
    loaded = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert len(operations) == len(
        [op for path in document["paths"].values() for op in path.values()]
    )
    assert all(
        "application/problem+json" in op["responses"]["404"]["content"]
        for path in document["paths"].values()
        for op in path.values()
    )
    assert (
        build()[0].get_openapi_schema(path_prefix="/api/v1/")["paths"].keys()
        == document["paths"].keys()
    )


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _runner(operation, headers, seen):
    def answered(ctx, response, case):
        seen.append((case.method, response.status_code))
        return None

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(headers=headers, checks=[*CHECKS, answered])

    return run


@pytest.fixture
def connection_kept():
    """The real WSGI handler closes "old" database connections as each request starts and
    ends; inside a test's transaction that closes the test's own connection on PostgreSQL.
    Django's test client holds those signals back the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_schema(
    calendar, hub, reports, settings, connection_kept
):
    """Every operation, EXAMPLES cases each from a fixed seed; personal ones with a token
    that may do everything (so they reach their endpoints, not just the 401)."""
    from institute.academy.programmes_demo import sample_cohort

    sample_cohort()
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 10_000
    settings.API_REQUESTS_PER_MINUTE_PER_TOKEN = 10_000
    person = make_user()
    # A subscription and a membership, so their endpoints answer with bodies, not just 404.
    make_subscriber(person.email, user=person, topics=[topic("cyber")])
    make_membership(person)
    token = make_token(person)[1]["HTTP_AUTHORIZATION"]
    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    ran, seen = [], []
    for result in loaded.get_all_operations():
        operation = result.ok()
        headers = {"Authorization": token} if operation.path.startswith("/api/v1/me/") else {}

        _runner(operation, headers, seen)()
        ran.append(operation.label)
    assert len(ran) >= 17, ran
    # The endpoints were reached, and answered both successes and refusals.
    statuses = {status for _, status in seen}
    assert len(seen) >= len(ran) and 200 in statuses and statuses & {400, 404}, statuses
