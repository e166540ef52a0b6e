"""Account pages pass axe-core in Chromium, and the whole way in works by keyboard alone."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from tests.browser.fixtures import assert_accessible, sign_in
from tests.factories.people import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


FOCUSED_MATCHES = """([selector, text]) => {
    const el = document.activeElement;
    return el.matches(selector) && (!text || el.textContent.trim() === text);
}"""


def tab_to(page, selector, text=None, limit=60):
    """Press Tab until the element matching ``selector`` (and ``text``) has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_MATCHES, [selector, text]):
            return
    raise AssertionError(f"{selector} {text or ''} cannot be reached with the Tab key")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def test_login_page_is_accessible(live_server, browser_page, home):
    browser_page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(browser_page)


def test_login_page_with_errors_is_accessible_and_focuses_the_summary(
    live_server, browser_page, home
):
    browser_page.goto(f"{live_server.url}/accounts/login/")
    browser_page.get_by_role("button", name="Sign in").click()
    summary = browser_page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert browser_page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert_accessible(browser_page)


def test_sign_up_page_is_accessible(live_server, browser_page, home):
    browser_page.goto(f"{live_server.url}/accounts/signup/")
    assert_accessible(browser_page)


def test_sign_up_page_with_errors_is_accessible_and_keeps_input(live_server, browser_page, home):
    browser_page.goto(f"{live_server.url}/accounts/signup/")
    browser_page.get_by_label("First name").fill("Zoë")
    browser_page.get_by_label("E-mail").fill("not-an-address")
    browser_page.get_by_role("button", name="Create account").click()
    assert browser_page.get_by_label("First name").input_value() == "Zoë"
    assert browser_page.get_by_label("E-mail").get_attribute("aria-invalid") == "true"
    assert_accessible(browser_page)


def test_error_summary_link_takes_focus_to_the_field(live_server, browser_page, home):
    browser_page.goto(f"{live_server.url}/accounts/signup/")
    browser_page.get_by_role("button", name="Create account").click()
    browser_page.get_by_role("link", name=re.compile("^Last name:")).click()
    assert browser_page.evaluate("document.activeElement.id") == "id_last_name"


def test_password_reset_page_is_accessible(live_server, browser_page, home):
    browser_page.goto(f"{live_server.url}/accounts/password/reset/")
    assert_accessible(browser_page)


def test_profile_and_edit_pages_are_accessible(live_server, browser_page, home):
    user = UserFactory()
    sign_in(browser_page, live_server, user.email, PASSWORD)
    browser_page.wait_for_url(f"{live_server.url}/account/")
    assert_accessible(browser_page)
    browser_page.goto(f"{live_server.url}/account/edit/")
    assert_accessible(browser_page)


def test_password_change_and_email_pages_are_accessible(live_server, browser_page, home):
    user = UserFactory()
    sign_in(browser_page, live_server, user.email, PASSWORD)
    browser_page.wait_for_url(f"{live_server.url}/account/")
    browser_page.goto(f"{live_server.url}/accounts/password/change/")
    assert_accessible(browser_page)
    browser_page.goto(f"{live_server.url}/accounts/email/")
    assert_accessible(browser_page)


def test_delete_account_page_is_accessible(live_server, browser_page, home):
    user = UserFactory()
    sign_in(browser_page, live_server, user.email, PASSWORD)
    browser_page.wait_for_url(f"{live_server.url}/account/")
    browser_page.goto(f"{live_server.url}/account/delete/")
    assert_accessible(browser_page)


def test_keyboard_only_journey_sign_up_confirm_sign_in_edit_profile(
    live_server, browser_page, home
):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/signup/")
    type_into(page, "#id_first_name", "Yogita")
    type_into(page, "#id_last_name", "Popat")
    type_into(page, "#id_email", "yogita@barnet.example")
    type_into(page, "#id_password1", PASSWORD)
    type_into(page, "#id_password2", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + urlsplit(link).path)
    tab_to(page, "button", "Confirm my e-mail address")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/account/")

    # Sign out, then sign back in, all by keyboard.
    tab_to(page, "button", "Sign out")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/accounts/login/")
    type_into(page, "#id_login", "yogita@barnet.example")
    type_into(page, "#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/account/")

    tab_to(page, "a[href='/account/edit/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/account/edit/")
    type_into(page, "#id_job_title", "Assistant director for sustainability")
    tab_to(page, "#id_newsletter")
    page.keyboard.press("Space")
    tab_to(page, "button", "Save profile")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/account/")
    assert "Assistant director for sustainability" in page.content()
    assert "Newsletter: yes" in page.inner_text("main")
