"""Membership by keyboard alone — joining, renewing, sending feedback — and axe-core on the
membership, join, renewal and feedback-board pages at 320 and 1280 px."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from institute.membership import services
from institute.membership.models import Feedback, Membership, Tier
from tests.browser.fixtures import assert_accessible, sign_in_as
from tests.factories import membership as factory
from tests.factories.people import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED_MATCHES = """([selector]) => document.activeElement.matches(selector)"""
FITS = """() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"""
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "membership"


def tab_to(page, selector, limit=120):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_MATCHES, [selector]):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


@pytest.fixture
def tiers(home):
    year = timezone.localdate().year
    for y in (2024, year, year + 1):
        for kind in Tier.Kind.values:
            factory.tier(kind, year=y, benefits="Member prices at events\nWebinars")


def test_join_by_keyboard_only(live_server, browser_page, tiers):
    user = UserFactory()
    page = browser_page
    sign_in_as(page, live_server, user)
    page.goto(f"{live_server.url}/membership/")
    tab_to(page, "a.button[href='/membership/join/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/membership/join/")
    assert_accessible(page)
    tab_to(page, "input[name=tier]")  # a radio group: one Tab stop, the first tier
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/membership/mine/")
    membership = Membership.objects.get(holder=user)
    assert membership.tier.kind == Tier.Kind.INDIVIDUAL
    assert membership.invoice_reference in page.content()
    assert_accessible(page)


def test_renew_by_keyboard_only(live_server, browser_page, tiers):
    user = UserFactory()
    today = timezone.localdate()
    m = factory.make_membership(user, day=today - datetime.timedelta(days=380))  # in grace
    page = browser_page
    sign_in_as(page, live_server, user)
    page.goto(f"{live_server.url}/membership/mine/")
    assert "Grace" in page.content()
    assert_accessible(page)
    tab_to(page, "form[action='/membership/mine/renew/'] button")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Renewed")
    m.refresh_from_db()
    assert m.end_date > today
    assert_accessible(page)


def test_submit_feedback_by_keyboard_only(live_server, browser_page, tiers):
    user = factory.make_member(UserFactory())
    page = browser_page
    sign_in_as(page, live_server, user)
    page.goto(f"{live_server.url}/membership/you-said-we-did/")
    tab_to(page, "a[href='/membership/you-said-we-did/tell-us/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/membership/you-said-we-did/tell-us/")
    assert_accessible(page)
    tab_to(page, "textarea[name=text]")
    page.keyboard.type("Please put the slides online <script>x</script> שלום")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/membership/you-said-we-did/")
    feedback = Feedback.objects.get(author=user)
    assert feedback.text.endswith("שלום")
    assert feedback.state == Feedback.State.SUBMITTED


@pytest.mark.parametrize("width", [320, 1280])
def test_pages_are_accessible_and_fit(live_server, browser_page, tiers, width):
    user = UserFactory(first_name="Yogita", last_name="Popat")
    factory.make_membership(user, day=timezone.localdate() - datetime.timedelta(days=380))
    services.voice_seat_add(user=user, focus="Events")
    f = services.feedback_submit(user=user, topic=None, text="Could the December event be online?")
    services.feedback_publish(
        feedback_id=f.pk,
        title="The December alumni event turned virtual",
        response="We made an early decision to make the event virtual.",
        acted_on=datetime.date(2023, 10, 16),
    )
    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    public = [
        ("index", "/membership/"),
        ("index-2024", "/membership/?year=2024"),
        ("voice", "/membership/member-voice/"),
        ("board", "/membership/you-said-we-did/"),
        ("item", f"/membership/you-said-we-did/{f.pk}/"),
    ]
    for name, path in public:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
        assert page.evaluate(FITS), (path, width)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    newcomer = UserFactory()
    for who, name, path in [
        (newcomer, "join", "/membership/join/"),
        (user, "mine", "/membership/mine/"),
        (user, "tell-us", "/membership/you-said-we-did/tell-us/"),
    ]:
        sign_in_as(page, live_server, who)
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
        assert page.evaluate(FITS), (path, width)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
