"""Partners in the API: the listing's partners in its order, a profile with what it
sponsored, never the members-only contacts, problems for unknown slugs, and a query count
that does not grow with the page size."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from institute.api.services import token_create
from institute.partners import selectors
from institute.partners.models import Partner
from tests.factories.membership import make_member
from tests.factories.partners import make_partner, make_partner_contact
from tests.factories.people import UserFactory

API = "/api/v1/partners/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def partners():
    made = [
        make_partner("Zeta Systems", level=Partner.Level.STRATEGIC, description="Zeta."),
        make_partner("Alpha Bank", level=Partner.Level.SUPPORTING),
        make_partner("Beta Cloud", level=Partner.Level.PREMIER, website="https://beta.example"),
        make_partner("Gamma Ltd", level=Partner.Level.SUPPORTING),
    ]
    make_partner("Old Friends", started_on=dt.date(2015, 1, 1), ended_on=dt.date(2019, 1, 1))
    for partner in made:
        make_partner_contact(partner, email=f"contact@{partner.slug}.example")
    return made


def test_list_is_the_partners_page_in_its_order(client, partners):
    response = client.get(API)
    assert response.status_code == 200, response.content
    expected = [p.slug for g in selectors.partners_by_level() for p in g.partners]
    assert [row["slug"] for row in response.json()["results"]] == expected
    assert expected[0] == partners[0].slug  # strategic first
    row = response.json()["results"][0]
    assert row["name"] == "Zeta Systems"
    assert row["url"] == f"/partners/{partners[0].slug}/"
    assert "Old Friends" not in response.content.decode()
    page_html = client.get("/partners/").content.decode()
    for slug in expected:
        assert f"/partners/{slug}/" in page_html


def test_detail_has_description_and_sponsorships(client, partners):
    response = client.get(f"{API}{partners[0].slug}/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["description"] == "Zeta."
    assert body["level"] == Partner.Level.STRATEGIC
    assert body["events"] == [] and body["programmes"] == [] and body["podcasts"] == []
    assert client.get(f"{API}{partners[2].slug}/").json()["website"] == "https://beta.example"


def test_contacts_never_leave_through_the_api(client, partners):
    member = UserFactory()
    make_member(member)
    _token, secret = token_create(user=member, name="test", scopes=["read"])
    for headers in ({}, {"HTTP_AUTHORIZATION": f"Bearer {secret}"}):
        for path in [API, *(f"{API}{p.slug}/" for p in partners)]:
            response = client.get(path, **headers)
            assert response.status_code == 200, response.content
            assert "contact@" not in response.content.decode()
            assert "contacts" not in response.json()


@pytest.mark.parametrize("slug", ["nobody", "a%00b", "not%20a%20slug"])
def test_unknown_or_bad_slug_is_a_problem(client, partners, slug):
    """Never a 500, and nothing reaches the database (the path's slug pattern refuses a NUL
    byte): a slug that names no partner, or cannot name one, is a 404 problem."""
    response = client.get(f"{API}{slug}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_unknown_slug_is_not_found(client, partners):
    assert client.get(f"{API}nobody/").status_code == 404


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


def test_queries_do_not_grow_with_the_page_size(client, partners):
    assert _queries(client, f"{API}?page_size=2") == _queries(client, f"{API}?page_size=10")
