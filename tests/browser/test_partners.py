"""Partners in a real browser: axe on the listing and a profile (with a logo), signed out
and as a member, at phone and desktop widths."""

import pytest

from institute.core.models import Topic
from institute.partners.demo import wordmark
from tests.browser.fixtures import assert_accessible, sign_in_as
from tests.factories.membership import make_member
from tests.factories.partners import make_partner, make_partner_contact
from tests.factories.people import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def partner(home):
    topic = Topic.objects.create(name="Data", slug="data")
    logo = wordmark("Kestrel Data")
    partner = make_partner(
        "Kestrel Data",
        level="strategic",
        website="https://kestrel.example",
        description="Data services for councils.",
        logo=logo,
        logo_alt="Kestrel Data logo",
    )
    partner.topics.add(topic)
    make_partner("Willow Labs", level="supporting").topics.add(topic)
    make_partner_contact(partner, first_name="Sam", last_name="Taylor")
    return partner


@pytest.mark.parametrize("width", [320, 1280])
def test_partner_listing_and_profile_are_accessible(live_server, browser_page, partner, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/partners/")
    assert page.get_by_role("heading", name="Strategic partners").is_visible()
    assert_accessible(page)
    page.goto(live_server.url + partner.get_absolute_url())
    assert page.get_by_role("img", name="Kestrel Data logo").is_visible()
    assert_accessible(page)
    width_overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not width_overflow


def test_a_member_sees_the_contacts_accessibly(live_server, browser_page, partner):
    page = browser_page
    sign_in_as(page, live_server, make_member(UserFactory()))
    page.goto(live_server.url + partner.get_absolute_url())
    assert page.get_by_text("Sam Taylor").is_visible()
    assert_accessible(page)
