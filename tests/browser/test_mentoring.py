"""Mentoring and coaching pages pass axe-core; registering as a mentee works by keyboard alone."""

import datetime as dt

import pytest

from institute.academy.access import mentoring_sample
from institute.academy.models import Registration, Round
from institute.core.models import Topic
from institute.people.models import Organisation, User
from tests.browser.fixtures import assert_accessible, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED_MATCHES = """([selector]) => document.activeElement.matches(selector)"""


def tab_to(page, selector, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_MATCHES, [selector]):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


@pytest.fixture
def open_round(home):
    Topic.objects.get_or_create(slug="cyber", defaults={"name": "Cyber security"})
    Topic.objects.get_or_create(slug="data", defaults={"name": "Data"})
    day = dt.date(2030, 1, 1)
    return Round.objects.create(
        name="Mentoring 2030",
        slug="mentoring-2030",
        registration_closes=day,
        starts_on=day,
        ends_on=day + dt.timedelta(days=100),
    )


@pytest.fixture
def member(db):
    organisation = Organisation.objects.create(name="Keyboard Council", slug="keyboard")
    return User.objects.create_user(
        username="kb@example.org",
        email="kb@example.org",
        password="x-Passw0rd!",
        first_name="Kay",
        last_name="Board",
        organisation=organisation,
    )


def test_register_as_a_mentee_by_keyboard_only(live_server, browser_page, open_round, member):
    page = browser_page
    sign_in_as(page, live_server, member)
    page.goto(f"{live_server.url}/academy/mentoring/rounds/{open_round.slug}/register/")
    # Submitting nothing shows the error summary, which takes the focus.
    tab_to(page, "form.account-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-error-summary]")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert_accessible(page)
    # A radio group is one Tab stop; the arrow keys choose within it.
    tab_to(page, "input[name=role]")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "mentee"
    tab_to(page, "input[name=topics]")
    page.keyboard.press("Space")
    tab_to(page, "select[name=seniority]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_to(page, "select[name=region]")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    tab_to(page, "textarea[name=goals]")
    page.keyboard.type("Grow as a leader")
    tab_to(page, "form.account-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/academy/mentoring/")
    registration = Registration.objects.get(user=member, round=open_round)
    assert registration.role == "mentee"
    assert registration.goals == "Grow as a leader"
    assert registration.topics.count() == 1
    assert_accessible(page)


def test_mentoring_and_coaching_pages_are_accessible(live_server, browser_page, home):
    sample = mentoring_sample()
    page = browser_page
    pair, session = sample["pair"], sample["session"]
    Round.objects.filter(pk=sample["round"].pk).update(state=Round.State.OPEN)
    sign_in_as(page, live_server, pair.mentee.user)
    for path in (
        "/academy/mentoring/",
        f"/academy/mentoring/rounds/{sample['round'].slug}/register/",
        f"/academy/mentoring/pairs/{pair.pk}/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
    sign_in_as(page, live_server, session.participant)
    for path in ("/academy/coaching/", f"/academy/coaching/sessions/{session.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
