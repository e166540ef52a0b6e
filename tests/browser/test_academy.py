"""The Leadership Academy in a real browser: apply to a cohort by keyboard only; axe on the
programme, cohort, application, My academy, directory and certificate pages."""

import pytest

from institute.academy import services
from institute.academy.models import AlumniProfile, Application
from institute.academy.programmes_demo import sample_application, sample_cohort
from institute.core.demo_images import illustration
from institute.people.models import User
from tests.browser.fixtures import assert_accessible, sign_in_as
from tests.factories.membership import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page, css, limit=150):
    """Press Tab until the element matching ``css`` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(css) => document.activeElement.matches(css)", css):
            return
    raise AssertionError(f"Could not reach {css} with the Tab key")


@pytest.fixture
def cohort(home):
    return sample_cohort()


@pytest.fixture
def member(db):
    return User.objects.create_user(
        username="ada",
        email="ada@example.org",
        password="x-Passw0rd!",
        first_name="Ada",
        last_name="Lovelace",
    )


def test_member_applies_to_a_cohort_by_keyboard(live_server, browser_page, cohort, member):
    page = browser_page
    sign_in_as(page, live_server, member)
    page.goto(live_server.url + cohort.url)
    _tab_to(page, "a[href*='/apply/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    # Sending without the manager's agreement: the error summary takes the focus.
    _tab_to(page, "#id_statement")
    page.keyboard.type("I want to lead digital change in my council.")
    _tab_to(page, "#id_manager_name")
    page.keyboard.type("Grace Hopper")
    page.keyboard.press("Tab")
    page.keyboard.type("grace@example.org")
    _tab_to(page, "form[method='post'] button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("alert").is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.evaluate("document.querySelector('#id_manager_agreed') !== null")
    assert page.locator("[data-error-summary] a[href='#id_manager_agreed']").count() == 1
    assert_accessible(page)
    assert not Application.objects.exists()
    _tab_to(page, "#id_manager_agreed")
    page.keyboard.press("Space")
    _tab_to(page, "form[method='post'] button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Your application to Sample programme").is_visible()
    application = Application.objects.get(user=member)
    assert application.manager_agreed and application.manager_name == "Grace Hopper"
    assert_accessible(page)


def test_programme_and_cohort_pages_are_accessible(live_server, browser_page, cohort):
    programme = cohort.get_parent().specific
    image = illustration("programme sample", motif="bars")
    programme.image, programme.image_alt = image, image.description
    programme.save_revision().publish()
    browser_page.goto(live_server.url + programme.url)
    assert browser_page.locator("img.programme__image").get_attribute("alt") == image.description
    assert_accessible(browser_page)
    browser_page.goto(live_server.url + cohort.url)
    assert_accessible(browser_page)
    browser_page.goto(live_server.url + "/academy/")
    assert browser_page.locator("img.card__image").get_attribute("alt") == image.description
    assert_accessible(browser_page)
    # The pictures fit a 320 px phone: nothing scrolls sideways.
    browser_page.set_viewport_size({"width": 320, "height": 640})
    for url in (programme.url, "/academy/"):
        browser_page.goto(live_server.url + url)
        widths = browser_page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{url} scrolls sideways at 320px: {widths}"


def test_certificate_pages_are_accessible(live_server, browser_page, home):
    certificate = services.certificate_issue(application=sample_application())
    for path in (
        f"/academy/certificates/{certificate.code}/",
        f"/academy/certificates/{certificate.code}/print/",
        "/academy/certificates/UNKNOWN000/",
    ):
        browser_page.goto(live_server.url + path)
        assert_accessible(browser_page)


def test_my_academy_and_directory_are_accessible(live_server, browser_page, home, member):
    application = sample_application()
    services.application_decide(application_id=application.pk, decision="accepted")
    certificate = services.certificate_issue(application=application)
    AlumniProfile.objects.create(user=certificate.user, listed=True, job_title="CIO")
    make_member(application.user)  # the directory is for members
    sign_in_as(browser_page, live_server, application.user)
    for path in ("/academy/mine/", "/academy/alumni/", "/academy/alumni/profile/"):
        browser_page.goto(live_server.url + path)
        assert_accessible(browser_page)
