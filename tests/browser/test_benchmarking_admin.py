"""Staff run benchmarking in the admin, in a real browser: import history, close a cycle.

Each journey fails on any console error, uncaught script error or Content Security Policy
violation in any page it passes through (``BrowserProblems``), and axe checks the pages
benchmarking adds to the admin.
"""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from institute.benchmarking.definitions import normalise
from institute.benchmarking.models import Answer, Cycle, HistoryImport, Result
from institute.benchmarking.services import module_load
from tests.browser.fixtures import assert_accessible
from tests.browser.test_benchmarking import SMALL_MODULE
from tests.factories.benchmarking import add_responses, make_cycle
from tests.factories.people import make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Passw0rd!"  # noqa: S105


class BrowserProblems:
    """Console errors, uncaught exceptions and CSP violations of every page a test opens."""

    # Each document reports its own violations to the test through this binding.
    LISTENER = """
        document.addEventListener("securitypolicyviolation", (event) => {
            window.__reportViolation(
                `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
                `at ${event.sourceFile || document.location.href}:${event.lineNumber}`
            );
        });
    """

    def __init__(self, page):
        self.found = []
        page.on(
            "console",
            lambda message: message.type == "error" and self.found.append(message.text),
        )
        page.on("pageerror", lambda error: self.found.append(f"uncaught: {error}"))
        page.context.expose_binding(
            "__reportViolation", lambda _source, text: self.found.append(f"CSP: {text}")
        )
        page.context.add_init_script(self.LISTENER)

    def assert_none(self):
        assert not self.found, "\n".join(self.found[:20])


@pytest.fixture
def version(home):
    return module_load(definition=normalise(SMALL_MODULE))[0]


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        username="staff@example.org", email="staff@example.org", password=PASSWORD
    )


@pytest.fixture
def staff_page(browser_page, live_server, staff):
    problems = BrowserProblems(browser_page)
    # Signed in as the sign-in form would leave them (its own journey is tested elsewhere).
    client = Client()
    client.force_login(staff)
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    browser_page.problems = problems
    return browser_page


def _upload(page, path, *, year=None):
    page.get_by_label("File of answers").set_input_files(str(path))
    if year:
        page.get_by_label("Year").fill(str(year))
    page.get_by_label("Module version").select_option(label="User skills v1")
    page.get_by_role("button", name="Check the file").click()


def test_staff_import_history_after_fixing_the_row_the_report_names(
    staff_page, live_server, version, tmp_path
):
    page = staff_page
    make_organisation("Essex")
    make_organisation("Kent")
    bad = tmp_path / "history.csv"
    bad.write_text(
        "organisation,internet-solutions,training-suspicious-links\n"
        "essex,4,1\nessex,seven,0\nkent,3,1\n"
    )
    page.goto(live_server.url + "/admin/")
    page.get_by_role("button", name="Benchmarking").click()
    page.get_by_role("link", name="History imports").click()
    assert_accessible(page)
    _upload(page, bad, year=2010)

    errors = page.get_by_role("table", name="Errors by row and column")
    assert errors.get_by_role("row").nth(1).inner_text().split("\t") == [
        "3",
        "internet-solutions",
        "'seven' is not a number",
    ]
    assert_accessible(page)
    assert Answer.objects.count() == 0

    bad.write_text(bad.read_text().replace("seven", "5"))
    page.get_by_role("link", name="Upload a corrected file").click()
    assert page.get_by_label("Year").input_value() == "2010"
    _upload(page, bad)
    page.get_by_text("Wide layout: 3 rows, 3 responses, 6 answers.").wait_for()
    page.get_by_role("button", name="Import 6 answers").click()

    page.get_by_text("Imported; the results of 2010 are being recomputed").wait_for()
    assert HistoryImport.objects.filter(status=HistoryImport.Status.DONE).count() == 1
    assert Answer.objects.count() == 6
    page.problems.assert_none()


def test_staff_close_a_cycle_after_confirming(staff_page, live_server, version):
    page = staff_page
    cycle = make_cycle(version, year=2024, organisations=[make_organisation("Essex")])
    add_responses(cycle.participants.get(), version, {"internet-solutions": [4] * 12})
    page.goto(live_server.url + "/admin/benchmarking/cycles/")
    page.get_by_role("link", name="Responses, status and results of 2024").click()
    counts = page.get_by_role("table", name="Responses by organisation and module")
    assert "Essex\t12\t12" in counts.inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Close the cycle…").click()
    assert_accessible(page)
    page.get_by_role("button", name="Close the cycle").click()

    page.get_by_text("2024 is closed; its results are being computed.").wait_for()
    assert page.locator("[data-cycle-status]").inner_text() == "Closed"
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.CLOSED
    assert Result.objects.filter(cycle=cycle).exists()
    page.problems.assert_none()


def test_the_cycle_page_follows_results_being_computed_until_they_are_ready(
    staff_page, live_server, version
):
    page = staff_page
    cycle = make_cycle(version, year=2024, status=Cycle.Status.CLOSED)
    requested = timezone.now()
    Cycle.objects.filter(pk=cycle.pk).update(results_requested_at=requested)
    page.goto(live_server.url + f"/admin/benchmarking/manage/cycles/{cycle.pk}/")
    page.get_by_text("The results are being computed.").wait_for()
    assert_accessible(page)

    Cycle.objects.filter(pk=cycle.pk).update(
        results_computed_at=requested + dt.timedelta(seconds=1)
    )
    page.get_by_text("Results computed").wait_for()  # progress.js polled, then reloaded
    assert page.locator("progress").count() == 0
    page.problems.assert_none()
