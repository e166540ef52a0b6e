"""Staff journeys through the Wagtail admin, in Chromium, under the production policy.

Each journey runs signed in as a staff editor and as a staff admin (the roles, not the
``is_staff`` flag, open the admin) and fails on any console error or CSP violation
(``admin_page``). Screenshots of each journey go to var/screenshots/admin/.
"""

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from wagtail.models import Collection

from institute.core.models import MenuItem, SiteChrome
from institute.events.models import CalendarItemPage
from institute.events.services import booking_create
from institute.people import roles
from institute.people.models import Organisation, OrganisationRole, User
from institute.people.services import roles_sync
from institute.resources.models import ResourceHubPage, ResourcePage
from tests.browser.fixtures import assert_accessible, sign_in_as
from tests.factories.events import add_item, ensure_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "admin"
STAFF = {"editor": roles.STAFF_EDITOR, "admin": roles.STAFF_ADMIN}
SECRET = "Only members read the cost model."


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def society(home):
    """The page tree staff work in (calendar, resource hub), a menu, and the role groups."""
    if not Collection.objects.exists():  # flushed by transactional tests, like the page tree
        Collection.add_root(name="Root")
    calendar = ensure_calendar(home)
    hub = ResourceHubPage.objects.first() or home.add_child(
        instance=ResourceHubPage(title="Resources", slug="resources")
    )
    chrome = SiteChrome.load()
    for order, (label, url) in enumerate(
        [("Benchmarking", "/benchmarking/"), ("Academy", "/academy/"), ("Partners", "/partners/")]
    ):
        MenuItem.objects.create(chrome=chrome, label=label, link_url=url, sort_order=order)
    roles_sync()
    return {"home": home, "calendar": calendar, "hub": hub, "chrome": chrome}


@pytest.fixture(params=sorted(STAFF))
def staff(request, society):
    user = User.objects.create_user(
        username=f"staff-{request.param}",
        email=f"{request.param}@institute.example",
        first_name="Sam",
        last_name=request.param.title(),
    )
    user.groups.add(roles_sync()[STAFF[request.param]])
    user.role_name = request.param
    return user


@pytest.fixture
def admin_page(watched_page):
    """A watched page with room for the admin's many files on a busy test machine."""
    watched_page.set_default_timeout(30_000)
    watched_page.set_default_navigation_timeout(60_000)
    return watched_page


def pick_date(page, field, *, day, hour):
    """Choose a day of next month in the admin's date picker, then type the hour.

    The picker's hour list scrolls to the current time of day inside a box that
    hides its overflow, so an hour far from now cannot be clicked; staff type it.
    """
    page.locator(field).click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    picker.locator(".xdsoft_next").first.click()
    picker.locator(f"td.xdsoft_date:not(.xdsoft_other_month)[data-date='{day}']").click()
    chosen = page.locator(field).input_value()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", chosen), chosen
    page.locator(field).fill(f"{chosen[:10]} {hour:02d}:00")
    page.keyboard.press("Tab")


def item(page, label):
    """The inline panel child (menu item) with this label."""
    return page.locator("[data-inline-panel-child]:visible").filter(
        has=page.locator(f"input[id$='-label'][value='{label}']")
    )


def publish(page):
    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name="Publish").click()


def test_staff_create_schedule_and_publish_a_webinar(live_server, admin_page, staff, society):
    page = admin_page
    sign_in_as(page, live_server, staff)
    calendar = society["calendar"]
    page.goto(f"{live_server.url}/admin/pages/add/events/calendaritempage/{calendar.pk}/")
    page.locator("#id_title").fill("Cloud for councils")
    page.locator("#id_kind").select_option(label="Webinars")
    pick_date(page, "#id_start", day=15, hour=10)
    pick_date(page, "#id_end", day=15, hour=11)
    page.locator("#id_format").select_option(label="Virtual")
    page.locator("#id_region").select_option(label="National")
    page.get_by_role("button", name="Add speakers").click()
    page.locator("#id_speakers-0-name").fill("Priya Shah")
    page.locator("#id_speakers-0-role").fill("Chief Digital Officer")
    shot(page, f"webinar-form-{staff.role_name}")
    publish(page)
    page.wait_for_url("**/admin/pages/*/")
    webinar = CalendarItemPage.objects.get(title="Cloud for councils")
    assert webinar.live
    assert webinar.start.astimezone(timezone.get_current_timezone()).hour == 10
    assert webinar.start.day == 15 and webinar.start > timezone.now()
    assert [s.name for s in webinar.speakers.all()] == ["Priya Shah"]
    page.goto(live_server.url + webinar.url)
    assert "Priya Shah" in page.content()
    shot(page, f"webinar-published-{staff.role_name}")


def test_staff_edit_the_menu(live_server, admin_page, staff, society):
    page = admin_page
    sign_in_as(page, live_server, staff)
    page.goto(f"{live_server.url}/admin/settings/core/sitechrome/")
    # Add: a page link to the calendar, chosen in the page chooser.
    page.get_by_role("button", name="Add menu item").click()
    added = page.locator("[data-inline-panel-child]:visible").last
    added.locator("input[id$='-label']").fill("Calendar")
    added.get_by_role("button", name="Choose a page").click()
    modal = page.locator(".modal")
    modal.get_by_role("textbox").first.fill("Calendar")
    modal.get_by_role("link", name="Calendar", exact=True).first.click()
    # Reorder: move Academy up above Benchmarking.
    item(page, "Academy").get_by_role("button", name="Move up").click()
    # Remove: Partners.
    item(page, "Partners").get_by_role("button", name="Delete").click()
    shot(page, f"menu-form-{staff.role_name}")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".messages .success")
    items = list(society["chrome"].menu_items.order_by("sort_order"))
    assert [i.label for i in items] == ["Academy", "Benchmarking", "Calendar"]
    assert items[-1].link_page_id == society["calendar"].pk and not items[-1].link_url
    page.goto(live_server.url + "/")
    menu = page.get_by_role("navigation", name="Main")
    assert menu.get_by_role("link").all_inner_texts() == ["Academy", "Benchmarking", "Calendar"]


def test_staff_refused_a_script_link_in_the_menu(live_server, admin_page, staff, society):
    page = admin_page
    sign_in_as(page, live_server, staff)
    page.goto(f"{live_server.url}/admin/settings/core/sitechrome/")
    page.get_by_role("button", name="Add menu item").click()
    page.locator("input[id^='id_menu_items-'][id$='-label']").last.fill("Trap")
    page.locator("input[id^='id_menu_items-'][id$='-link_url']").last.fill("javascript:alert(1)")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".messages .error")
    assert "Use a path of this site" in page.content()
    assert not MenuItem.objects.filter(label="Trap").exists()


def _type_into_cell(page, cell, text, attempts=3):
    """Type ``text`` into a table cell, as often as it takes: on a loaded machine the grid can
    miss the first double-click while it is still being laid out."""
    for _ in range(attempts):
        cell.dblclick()
        page.keyboard.type(text)
        page.keyboard.press("Enter")
        try:
            page.wait_for_function(
                "([cell, text]) => cell.textContent.trim() === text",
                arg=[cell.element_handle(), text],
                timeout=3000,
            )
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"the table cell never showed {text!r}")


def test_staff_publish_a_briefing_with_a_table_and_a_members_section(
    live_server, admin_page, staff, society, browser_page
):
    page = admin_page
    sign_in_as(page, live_server, staff)
    hub = society["hub"]
    page.goto(f"{live_server.url}/admin/pages/add/resources/resourcepage/{hub.pk}/")
    page.locator("#id_title").fill("Cloud costs in councils")
    body = page.locator("[data-contentpath='body']")
    body.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Table").click()
    caption = body.locator("input[name='handsontable-col-caption']")
    caption.fill("Cloud spend by council type")
    caption.dispatch_event("change")
    assert body.locator("select[name='table-header-choice']").input_value() == "row"
    cells = body.locator(".htCore tbody td")
    for index, text in enumerate(["Council", "Spend", "", "County", "£2m"]):
        if text:
            _type_into_cell(page, cells.nth(index), text)
    members = page.locator("[data-contentpath='members_body']")
    members.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Text").click()
    members.locator("[role='textbox']").first.fill(SECRET)
    # The rich text editor writes its field a moment after typing; publish only then.
    page.wait_for_function(
        "secret => [...document.querySelectorAll(\"[data-contentpath='members_body'] input\")]"
        ".some(input => input.value.includes(secret))",
        arg=SECRET,
    )
    shot(page, f"briefing-form-{staff.role_name}")
    publish(page)
    page.wait_for_url("**/admin/pages/*/")
    briefing = ResourcePage.objects.get(title="Cloud costs in councils")
    assert briefing.live
    table = briefing.body[0].value
    assert table["table_caption"] == "Cloud spend by council type"
    assert table["data"][0][:2] == ["Council", "Spend"]
    assert SECRET in str(briefing.members_body)
    # Staff read the members' part; an anonymous visitor does not.
    page.goto(live_server.url + briefing.url)
    assert SECRET in page.content()
    assert page.locator("table caption").inner_text() == "Cloud spend by council type"
    shot(page, f"briefing-published-{staff.role_name}")
    anonymous = browser_page.context.browser.new_page()
    anonymous.goto(live_server.url + briefing.url)
    assert "Cloud spend by council type" in anonymous.content()
    assert SECRET not in anonymous.content()
    anonymous.close()


def test_a_table_without_a_caption_says_which_field(live_server, admin_page, staff, society):
    page = admin_page
    sign_in_as(page, live_server, staff)
    page.goto(f"{live_server.url}/admin/pages/add/resources/resourcepage/{society['hub'].pk}/")
    page.locator("#id_title").fill("Untitled table")
    body = page.locator("[data-contentpath='body']")
    body.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Table").click()
    publish(page)
    page.wait_for_selector(".messages .error")
    assert body.get_by_text("Give the table a caption (Table caption)").is_visible()


def test_staff_export_the_attendees_of_an_event(live_server, admin_page, staff, society):
    soon = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=10)
    event = add_item(
        society["calendar"],
        title="Leaders' roundtable",
        slug="leaders-roundtable",
        kind="events",
        sub_kind="roundtable",
        region="london",
        format="in-person",
        venue="London",
        start=soon,
        end=soon + dt.timedelta(hours=2),
        capacity=20,
    )
    member = User.objects.create_user(
        username="m", email="ada@example.org", first_name="Ada", last_name="Lovelace"
    )
    booking_create(occurrence=event.occurrences.get(), user=member)
    page = admin_page
    sign_in_as(page, live_server, staff)
    page.goto(live_server.url + event.url)
    page.get_by_role("link", name="Attendees").click()
    assert_accessible(page)
    shot(page, f"attendees-{staff.role_name}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the list (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    assert any("ada@example.org" in row for row in rows)


def test_staff_admin_gives_a_person_a_coordinator_role(live_server, admin_page, society):
    admin = User.objects.create_user(username="admin", email="admin@institute.example")
    admin.groups.add(roles_sync()[roles.STAFF_ADMIN])
    person = User.objects.create_user(
        username="p", email="grace@example.org", first_name="Grace", last_name="Hopper"
    )
    council = Organisation.objects.create(name="Kent County Council", slug="kent")
    page = admin_page
    sign_in_as(page, live_server, admin)
    page.goto(f"{live_server.url}/admin/organisation/")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="Kent County Council")
    row.get_by_role("button", name="More options").click()
    row.get_by_role("link", name="Add a coordinator").click()
    page.locator("#id_user").select_option(str(person.pk))
    assert page.locator("#id_organisation").input_value() == str(council.pk)
    assert page.locator("#id_role").input_value() == "coordinator"
    shot(page, "coordinator-form-admin")
    page.get_by_role("button", name="Create").click()
    page.wait_for_selector(".messages .success")
    assert OrganisationRole.objects.filter(
        user=person, organisation=council, role="coordinator"
    ).exists()
    assert person.groups.filter(name=roles.ORGANISATION_COORDINATOR).exists()


def test_staff_editor_is_not_offered_people_and_roles(live_server, admin_page, society):
    editor = User.objects.create_user(username="ed", email="ed@institute.example")
    editor.groups.add(roles_sync()[roles.STAFF_EDITOR])
    page = admin_page
    sign_in_as(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/")
    assert page.get_by_role("link", name="Organisation roles").count() == 0


def test_admin_sign_in_goes_on_to_the_page_asked_for(live_server, admin_page, staff, society):
    from allauth.account.models import EmailAddress

    staff.set_password("a-long-staff-passphrase")
    staff.save()
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    page = admin_page
    target = f"/admin/pages/{society['calendar'].pk}/"
    page.goto(live_server.url + target)
    page.get_by_label("E-mail").fill(staff.email)
    page.get_by_label("Password").fill("a-long-staff-passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{target}")
    assert page.url == live_server.url + target
