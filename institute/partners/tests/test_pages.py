import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from institute.core.models import Topic
from tests.factories.membership import make_member
from tests.factories.partners import make_partner, make_partner_contact
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


def _json_ld(response):
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in found]


def test_listing_groups_current_partners_by_level_with_counts(client, home):
    make_partner("Strata Ltd", level="strategic")
    make_partner("Premia Ltd", level="premier")
    make_partner("Support One", level="supporting")
    make_partner("Support Two", level="supporting")
    make_partner("Gone Ltd", ended_on=dt.date(2021, 1, 1))
    page = client.get(reverse("partners:index")).content.decode()
    assert "Strategic partners" in page and "Supporting partners" in page
    assert 'Supporting partners <span class="meta">(2)</span>' in page
    assert "4 organisations" in page
    assert "Gone Ltd" not in page
    assert page.index("Strata Ltd") < page.index("Premia Ltd") < page.index("Support One")


def test_listing_query_count_does_not_grow_with_partners(
    client, home, django_assert_max_num_queries
):
    topic = Topic.objects.create(name="Data", slug="data")
    for _ in range(2):
        make_partner().topics.add(topic)
    client.get(reverse("partners:index"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("partners:index"))
    for _ in range(10):
        make_partner(level="premier").topics.add(topic)
    client.get(reverse("partners:index"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("partners:index"))


def test_profile_shows_description_website_topics_and_logo_alt(client, home):
    partner = make_partner(
        "Kestrel Data", website="https://kestrel.example", description="We help."
    )
    partner.topics.add(Topic.objects.create(name="Data", slug="data"))
    page = client.get(partner.get_absolute_url()).content.decode()
    assert "We help." in page
    assert 'href="https://kestrel.example"' in page
    assert ">Data</a>" in page


def test_profile_json_ld_is_an_organization(client, home):
    partner = make_partner("Kestrel Data", website="https://kestrel.example", description="Hi")
    blocks = _json_ld(client.get(partner.get_absolute_url()))
    data = next(b for b in blocks if b.get("@type") == "Organization")
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Kestrel Data"
    assert data["url"].endswith(partner.get_absolute_url())
    assert data["url"].startswith("http")
    assert data["sameAs"] == ["https://kestrel.example"]


def test_hostile_description_is_inert_in_page_and_json_ld(client, home):
    partner = make_partner("Evil", description='</script><script>alert(1)</script> "x"')
    body = client.get(partner.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body
    blocks = _json_ld(client.get(partner.get_absolute_url()))
    assert any("alert(1)" in b.get("description", "") for b in blocks)


def test_contacts_are_shown_to_members_only(client, home):
    partner = make_partner()
    make_partner_contact(partner, email="contact@partner.example")
    url = partner.get_absolute_url()
    assert "contact@partner.example" not in client.get(url).content.decode()
    client.force_login(UserFactory())  # signed in, but not a member
    assert "contact@partner.example" not in client.get(url).content.decode()
    client.force_login(make_member(UserFactory()))
    assert "contact@partner.example" in client.get(url).content.decode()


def test_unknown_partner_is_not_found(client, home):
    assert client.get(reverse("partners:profile", args=["nobody"])).status_code == 404


def test_profile_lists_sponsored_events(client, make_item):
    partner = make_partner("Sponsor Ltd")
    make_item("Cyber summit", sponsor=partner.organisation)
    page = client.get(partner.get_absolute_url()).content.decode()
    assert "Cyber summit" in page


def test_partners_are_found_by_site_search(client, home):
    make_partner("Quillfeather Analytics", description="Data for councils")
    page = client.get(reverse("core:search"), {"q": "Quillfeather"}).content.decode()
    assert "Quillfeather Analytics" in page


def test_topic_page_lists_partners_on_the_topic(client, home):
    topic = Topic.objects.create(name="Data", slug="data")
    make_partner("Topical Ltd").topics.add(topic)
    page = client.get(reverse("core:topic", args=["data"])).content.decode()
    assert "Topical Ltd" in page


def test_the_menus_partners_link_answers(client, home):
    # The demo's main menu links to /partners/ (core/demo_content.py).
    assert reverse("partners:index") == "/partners/"
    assert client.get("/partners/").status_code == 200


def test_a_members_profile_view_stays_within_the_query_budget(
    client, home, django_assert_max_num_queries
):
    """What the partner sponsored is content, kept until content changes; a member's view
    adds only who they are, their membership and the contacts."""
    partner = make_partner("Kestrel Data")
    make_partner_contact(partner)
    client.force_login(make_member(UserFactory()))
    client.get(partner.get_absolute_url())
    with django_assert_max_num_queries(12):
        page = client.get(partner.get_absolute_url())
    assert page.status_code == 200
