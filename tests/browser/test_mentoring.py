"""Mentoring and coaching pages pass axe-core; registering as a mentee works by keyboard alone."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from institute.academy.access import mentoring_sample
from institute.academy.models import Pair, Registration, Round
from institute.core.models import Topic
from institute.people import roles
from institute.people.models import Organisation, User
from institute.people.services import roles_sync
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


SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "mentoring"
WIDTHS = [(320, 640), (390, 844), (1280, 800)]
FITS = """() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"""


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_member_pages_fit_every_width(live_server, browser_page, home):
    sample = mentoring_sample()
    pair, session = sample["pair"], sample["session"]
    page = browser_page
    pages = [
        (pair.mentee.user, "mentoring", reverse("academy:mentoring")),
        (
            pair.mentee.user,
            "register",
            reverse("academy:mentoring_register", kwargs={"slug": sample["round"].slug}),
        ),
        (pair.mentee.user, "pair", reverse("academy:mentoring_pair", kwargs={"pk": pair.pk})),
        (session.participant, "coaching", reverse("academy:coaching")),
        (
            session.participant,
            "session",
            reverse("academy:coaching_session", kwargs={"pk": session.pk}),
        ),
    ]
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        for user, name, path in pages:
            sign_in_as(page, live_server, user)
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            assert page.evaluate(FITS), f"{path} scrolls sideways at {width} px"
            box = page.locator("h1").first.bounding_box()
            if width == 390:
                assert box["y"] + box["height"] <= height, f"{path}: h1 below the first screen"
            assert_accessible(page)
            shot(page, f"{name}-{width}")


def test_staff_admin_runs_a_round_by_keyboard(live_server, browser_page, home):
    roles_sync()
    admin = User.objects.create_user(username="staff-admin", email="admin@institute.example")
    admin.groups.add(roles_sync()[roles.STAFF_ADMIN])
    sample = mentoring_sample()
    round_ = sample["round"]
    Round.objects.filter(pk=round_.pk).update(state=Round.State.MATCHING)
    mentor = Registration.objects.create(
        round=round_,
        user=User.objects.create_user(
            username="tutor", email="tutor@example.org", first_name="Tu", last_name="Tor"
        ),
        role="mentor",
        seniority=5,
        region="wales",
    )
    Registration.objects.create(
        round=round_,
        user=User.objects.create_user(
            username="pupil", email="pupil@example.org", first_name="Pu", last_name="Pil"
        ),
        role="mentee",
        seniority=2,
        region="wales",
    )
    page = browser_page
    page.set_default_timeout(30_000)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_as(page, live_server, admin)
    for name in ("academy_rounds", "academy_coaches", "academy_coaching_sessions"):
        response = page.goto(f"{live_server.url}{reverse(f'{name}:index')}")
        assert response.status == 200, name
        shot(page, f"admin-{name}")
    page.goto(f"{live_server.url}{reverse('academy_rounds:index')}")
    tab_to(page, f"a[href='{reverse('academy_mentoring_admin:round', args=[round_.pk])}']", 150)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('academy_mentoring_admin:round', args=[round_.pk])}")
    tab_to(page, "button[value=match]", 150)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.get_by_text("1 pair, total fit").wait_for()
    assert Pair.objects.filter(round=round_, mentor=mentor).count() == 1
    page.get_by_text("1 mentor and 1 mentee registered; 1 pair (0 locked).").wait_for()
    shot(page, "admin-round")
