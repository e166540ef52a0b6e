"""The error summary takes the focus on a failed submit on every form, not only the forms of
the people room: error-summary.js is loaded by base.html. Its links go to fields that exist."""

import pytest
from django.utils import timezone

from institute.academy.programmes_demo import sample_cohort
from institute.membership.models import Tier
from tests.browser.fixtures import sign_in_as
from tests.factories import membership as membership_factory
from tests.factories.people import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = "document.activeElement.hasAttribute('data-error-summary')"
# Every link of the summary: its target, and whether an element with that id exists.
LINKS = """() => Array.from(document.querySelectorAll('[data-error-summary] a')).map((a) => {
  const href = a.getAttribute('href');
  const id = href.startsWith('#') ? decodeURIComponent(href.slice(1)) : null;
  return [href, id !== null && document.getElementById(id) !== null];
})"""


def _send_empty(page, url):
    page.goto(url)
    with page.expect_navigation():
        page.locator("main form[method='post'] button[type='submit']").first.click()
    page.wait_for_selector("[data-error-summary]")


def _assert_summary_has_focus_and_working_links(page):
    assert page.evaluate(FOCUSED), "the error summary does not have the focus"
    links = page.evaluate(LINKS)
    assert links, "the error summary links to no field"
    assert all(exists for _, exists in links), f"links to missing fields: {links}"


def test_empty_membership_application_focuses_the_summary(live_server, watched_page, home):
    year = timezone.localdate().year
    for kind in Tier.Kind.values:
        membership_factory.tier(kind, year=year)
        membership_factory.tier(kind, year=year + 1)
    page = watched_page
    sign_in_as(page, live_server, UserFactory())
    _send_empty(page, f"{live_server.url}/membership/join/")
    _assert_summary_has_focus_and_working_links(page)
    assert page.evaluate("document.querySelector('[data-error-summary] a').hash") in (
        "#id_tier",
        "#id_tier_0",
    )


def test_empty_newsletter_subscription_focuses_the_summary(live_server, watched_page, home):
    page = watched_page
    _send_empty(page, f"{live_server.url}/newsletter/subscribe/")
    _assert_summary_has_focus_and_working_links(page)
    hrefs = [href for href, _ in page.evaluate(LINKS)]
    assert "#id_email" in hrefs


def test_empty_academy_application_focuses_the_summary(live_server, watched_page, home):
    cohort = sample_cohort()
    member = UserFactory()
    page = watched_page
    sign_in_as(page, live_server, member)
    page.goto(live_server.url + cohort.url)
    apply = page.locator("main a[href*='/apply/']").first.get_attribute("href")
    _send_empty(page, live_server.url + apply)
    _assert_summary_has_focus_and_working_links(page)
