"""Every page type of the roof passes axe-core in Chromium and works by keyboard."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from institute.core.models import HomePageHighlight, NewsPage
from tests.browser.fixtures import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLIDE = ".highlights [data-highlight]"


@pytest.fixture
def demo(home):
    """The roof's demo content (menu, footer, banner, pages, news, topics)."""
    call_command("seed_demo", only=["core"], stdout=StringIO())
    if not Collection.objects.exists():  # flushed by transactional tests, like the page tree
        Collection.add_root(name="Root")
    image = Image.objects.create(title="Conference", file=get_test_image_file(size=(1200, 800)))
    highlight = HomePageHighlight.objects.order_by("sort_order").first()
    highlight.image, highlight.image_alt = image, "Delegates at President's Conference"
    highlight.save()
    post = NewsPage.objects.get(slug="impera-partnership")
    post.image, post.image_alt = image, "The partners sign the agreement"
    post.save_revision().publish()
    return home


def visible_slide(page):
    return page.evaluate(
        f"""Array.from(document.querySelectorAll('{SLIDE}')).findIndex(s => !s.hidden)"""
    )


def test_home_page_with_banner_is_accessible(live_server, browser_page, demo):
    browser_page.goto(live_server.url + "/")
    browser_page.wait_for_selector(".highlights--enhanced")
    assert visible_slide(browser_page) == 0
    assert_accessible(browser_page)


def test_banner_rotates_on_its_own(live_server, browser_page, demo):
    browser_page.clock.install()
    browser_page.goto(live_server.url + "/")
    browser_page.wait_for_selector(".highlights--enhanced")
    browser_page.clock.fast_forward(7500)
    assert visible_slide(browser_page) == 1
    assert browser_page.get_attribute(".highlights__list", "aria-live") == "off"


def test_paused_banner_stays_put_and_is_accessible(live_server, browser_page, demo):
    browser_page.clock.install()
    browser_page.goto(live_server.url + "/")
    pause = browser_page.get_by_role("button", name="Pause highlights")
    pause.click()
    browser_page.mouse.move(0, 0)
    browser_page.locator("h1").click()  # focus and pointer leave the banner
    browser_page.clock.fast_forward(30_000)
    assert visible_slide(browser_page) == 0
    assert browser_page.get_by_role("button", name="Play highlights").is_visible()
    assert_accessible(browser_page)


def test_banner_does_not_move_for_people_who_reduce_motion(live_server, browser_page, demo):
    browser_page.emulate_media(reduced_motion="reduce")
    browser_page.clock.install()
    browser_page.goto(live_server.url + "/")
    browser_page.wait_for_selector(".highlights--enhanced")
    browser_page.clock.fast_forward(30_000)
    assert visible_slide(browser_page) == 0
    assert browser_page.get_by_role("button", name="Play highlights").is_visible()


def test_banner_is_operable_by_keyboard(live_server, browser_page, demo):
    browser_page.goto(live_server.url + "/")
    browser_page.wait_for_selector(".highlights--enhanced")
    # The controls come in reading order: Pause, Previous, Next.
    browser_page.get_by_role("button", name="Pause highlights").focus()
    browser_page.keyboard.press("Tab")
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("document.activeElement.textContent").startswith("Next")
    browser_page.keyboard.press("Enter")
    assert visible_slide(browser_page) == 1
    browser_page.keyboard.press("Space")
    assert visible_slide(browser_page) == 2
    # Focus stays on the button, and the change is announced politely.
    assert browser_page.evaluate("document.activeElement.textContent").startswith("Next")
    assert browser_page.get_attribute(".highlights__list", "aria-live") == "polite"
    browser_page.keyboard.press("Shift+Tab")
    browser_page.keyboard.press("Enter")
    assert visible_slide(browser_page) == 1
    assert_accessible(browser_page)


def test_without_javascript_highlights_are_a_plain_list(live_server, _playwright_browser, demo):
    context = _playwright_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        slides = page.locator(SLIDE)
        assert slides.count() == HomePageHighlight.objects.count()
        assert all(slides.nth(n).is_visible() for n in range(slides.count()))
        assert page.get_by_role("button", name="Pause highlights").count() == 0
    finally:
        context.close()


def test_standard_page_with_faq_is_accessible(live_server, browser_page, demo):
    browser_page.goto(live_server.url + "/faq/")
    browser_page.get_by_text("Can I cancel a booking?").click()
    assert browser_page.get_by_text("the first person on the waiting list").is_visible()
    assert_accessible(browser_page)


def test_about_page_is_accessible(live_server, browser_page, demo):
    browser_page.goto(live_server.url + "/about/")
    assert_accessible(browser_page)


def test_news_listing_is_accessible(live_server, browser_page, demo):
    browser_page.goto(live_server.url + "/news/")
    assert_accessible(browser_page)


def test_news_listing_filters_by_topic_with_a_plain_form(live_server, browser_page, demo):
    browser_page.goto(live_server.url + "/news/")
    browser_page.get_by_label("Topic", exact=True).select_option("ai")
    browser_page.get_by_role("button", name="Show").click()
    assert browser_page.url.endswith("/news/?topic=ai")
    assert browser_page.locator("h1").inner_text() == "News: Artificial intelligence"
    assert_accessible(browser_page)


def test_news_detail_is_accessible(live_server, browser_page, demo):
    browser_page.goto(live_server.url + "/news/impera-partnership/")
    assert_accessible(browser_page)


def test_search_results_are_accessible(live_server, browser_page, demo):
    browser_page.goto(live_server.url + "/")
    browser_page.get_by_label("Search the site").fill("charity")
    browser_page.get_by_label("Search the site").press("Enter")
    browser_page.wait_for_selector(".search-result")
    assert_accessible(browser_page)


def test_search_without_results_is_accessible(live_server, browser_page, demo):
    browser_page.goto(live_server.url + "/search/?q=zzzzqqq")
    assert "No results" in browser_page.inner_text("main")
    assert_accessible(browser_page)


def test_empty_search_is_accessible(live_server, browser_page, demo):
    browser_page.goto(live_server.url + "/search/")
    assert_accessible(browser_page)


def test_topic_page_is_accessible(live_server, browser_page, demo):
    browser_page.goto(live_server.url + "/topics/leadership/")
    assert browser_page.locator("#section-news").is_visible()
    assert_accessible(browser_page)


def test_topic_index_is_accessible(live_server, browser_page, demo):
    browser_page.goto(live_server.url + "/topics/")
    assert_accessible(browser_page)


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(live_server, browser_page, home):
    browser_page.goto(live_server.url + "/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"
