"""Confidential pages are never kept by a shared cache or the browser's store: every URL that
is not public, opened by the audience its rule allows, says ``Cache-Control: private,
no-store`` (the walk and the rules are those of ``test_authorisation.py``)."""

import pytest
from django.urls import reverse

from institute.core.access import ANONYMOUS, MEMBER
from tests.test_authorisation import PATTERN_NAMES, RULES, VISITORS, visitor  # noqa: F401

NON_PUBLIC = [name for name in PATTERN_NAMES if RULES[name].audience != ANONYMOUS]


def _directives(response):
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


def test_the_walk_finds_confidential_pages():
    assert {"events:my_bookings", "benchmarking:report", "benchmarking:actions"} <= set(NON_PUBLIC)


@pytest.mark.django_db
@pytest.mark.parametrize("name", NON_PUBLIC)
def test_confidential_page_is_private_and_not_stored(name, visitor, home):  # noqa: F811
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs()) + (f"?{rule.query}" if rule.query else "")
    # The least trusted visitor the rule lets in (for staff pages, a staff editor).
    who = next(who for who, audience in VISITORS.items() if audience == rule.audience)
    response = visitor(who).get(url)
    assert response.status_code in rule.ok_status, (url, who, response.status_code)
    assert {"private", "no-store"} <= _directives(response), (url, response["Cache-Control"])


@pytest.mark.django_db
def test_a_public_page_seen_signed_in_is_private_and_not_stored(visitor, home):  # noqa: F811
    response = visitor(MEMBER).get(home.url)
    assert {"private", "no-store"} <= _directives(response)


@pytest.mark.django_db
def test_a_public_page_seen_signed_out_may_be_cached(client, home):
    response = client.get(home.url)
    assert not {"private", "no-store"} & _directives(response)
