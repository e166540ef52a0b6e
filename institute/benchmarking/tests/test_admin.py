"""Staff run benchmarking in the Wagtail admin: cycle page, its changes, history imports."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from institute.benchmarking.models import Answer, Cycle, HistoryImport, Response, Result
from tests.factories.benchmarking import add_responses, make_cycle
from tests.factories.people import make_coordinator, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="admin@example.org", email="admin@example.org", password="x-Passw0rd!"
    )
    client.force_login(user)
    return client


def _cycle_url(cycle):
    return reverse("benchmarking_admin:cycle", args=[cycle.pk])


def _change_url(cycle, change):
    return reverse("benchmarking_admin:cycle_change", args=[cycle.pk, change])


def test_admin_lists_cycles_with_a_link_to_their_page(staff_client, module_version):
    cycle = make_cycle(module_version, year=2019)
    response = staff_client.get(reverse("benchmarking_cycles:index"))
    assert response.status_code == 200
    assert _cycle_url(cycle).encode() in response.content


def test_the_admin_menu_links_to_history_imports(staff_client):
    menu = staff_client.get("/admin/").content.decode()
    assert "History imports" in menu and reverse("benchmarking_admin:imports") in menu


def test_cycle_page_counts_responses_per_organisation_and_module(staff_client, module_version):
    essex, kent = make_organisation("Essex"), make_organisation("Kent")
    cycle = make_cycle(module_version, year=2024, organisations=[essex, kent])
    add_responses(
        cycle.participants.get(organisation=essex), module_version, {"internet-solutions": [4] * 3}
    )
    page = staff_client.get(_cycle_url(cycle)).content.decode()
    assert '<th scope="row">Essex</th>\n                            <td>3</td>' in page
    assert '<th scope="row">Kent</th>\n                            <td>0</td>' in page
    assert '<th scope="row">All organisations</th>' in page


def test_cycle_page_offers_only_the_changes_its_state_allows(staff_client, module_version):
    cycle = make_cycle(module_version, year=2024)
    page = staff_client.get(_cycle_url(cycle)).content.decode()
    assert _change_url(cycle, "close") in page and _change_url(cycle, "issue-links") in page
    assert _change_url(cycle, "open") not in page and _change_url(cycle, "publish") not in page


def test_a_change_asks_for_confirmation_before_it_happens(staff_client, module_version):
    cycle = make_cycle(module_version, year=2024)
    page = staff_client.get(_change_url(cycle, "close"))
    assert page.status_code == 200
    assert b'<form method="post"' in page.content and b"csrfmiddlewaretoken" in page.content
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.OPEN


def test_closing_a_cycle_computes_its_results(staff_client, module_version):
    cycle = make_cycle(module_version, year=2024, organisations=[make_organisation("Essex")])
    add_responses(cycle.participants.get(), module_version, {"internet-solutions": [4] * 12})
    response = staff_client.post(_change_url(cycle, "close"), follow=True)
    assert "2024 is closed; its results are being computed." in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.CLOSED and cycle.results_computed_at is not None
    assert Result.objects.filter(cycle=cycle, scope="organisation").exists()


def test_a_refused_change_says_why_and_changes_nothing(staff_client, module_version):
    cycle = make_cycle(module_version, year=2024, status=Cycle.Status.DRAFT)
    response = staff_client.post(_change_url(cycle, "close"), follow=True)
    assert "Nothing changed: 2024 is draft; only an open cycle can be closed." in (
        response.content.decode()
    )
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.DRAFT


def test_an_unknown_change_is_not_found(staff_client, module_version):
    cycle = make_cycle(module_version, year=2024)
    assert staff_client.post(_change_url(cycle, "reopen")).status_code == 404


def test_a_change_needs_the_csrf_token(module_version, django_user_model):
    cycle = make_cycle(module_version, year=2024)
    client = Client(enforce_csrf_checks=True)
    client.force_login(
        django_user_model.objects.create_superuser(
            username="a@example.org", email="a@example.org", password="x-Passw0rd!"
        )
    )
    assert client.post(_change_url(cycle, "close")).status_code == 403
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.OPEN


def test_coordinator_cannot_change_a_cycle(client, module_version):
    org = make_organisation("Kent")
    cycle = make_cycle(module_version, year=2024, organisations=[org])
    client.force_login(make_coordinator(org))
    response = client.post(_change_url(cycle, "close"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.OPEN


def test_an_editor_without_the_cycle_permission_cannot_change_a_cycle(client, module_version):
    cycle = make_cycle(module_version, year=2024)
    editor = make_user()
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    response = client.post(_change_url(cycle, "close"))
    assert response.status_code == 302 and "/accounts/login/" not in response["Location"]
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.OPEN


def test_participants_added_in_the_admin_to_an_open_cycle_get_their_links(
    staff_client, module_version
):
    cycle = make_cycle(module_version, year=2024)
    org = make_organisation("Barnet")
    response = staff_client.post(
        "/admin/benchmarking/participants/new/", {"cycle": cycle.pk, "organisation": org.pk}
    )
    assert response.status_code == 302
    assert cycle.participants.get(organisation=org).links.count() == 1


def test_opening_a_cycle_issues_links_to_participants_added_in_admin(staff_client, module_version):
    cycle = make_cycle(module_version, year=2024, status=Cycle.Status.DRAFT)
    org = make_organisation("Barnet")
    staff_client.post(
        "/admin/benchmarking/participants/new/", {"cycle": cycle.pk, "organisation": org.pk}
    )
    staff_client.post(_change_url(cycle, "open"))
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.OPEN
    assert cycle.participants.get(organisation=org).links.count() == 1


def test_cycle_page_shows_progress_while_results_are_computed(staff_client, module_version):
    cycle = make_cycle(module_version, year=2024, status=Cycle.Status.CLOSED)
    Cycle.objects.filter(pk=cycle.pk).update(results_requested_at=timezone.now())
    page = staff_client.get(_cycle_url(cycle)).content.decode()
    assert "data-progress-poll" in page and "<progress" in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert "benchmarking/progress.js" in page


# History imports: the same dry run as the command, then a confirmation.

GOOD = "organisation,internet-solutions,training-suspicious-links\nessex,4,1\nessex,5,0\nkent,3,1\n"
ONE_BAD_ROW = GOOD.replace("essex,5,0", "essex,seven,0")


def _upload(client, module_version, text, name="history.csv", year=2010):
    return client.post(
        reverse("benchmarking_admin:imports"),
        {
            "file": SimpleUploadedFile(name, text.encode(), content_type="text/csv"),
            "year": year,
            "module_version": module_version.pk,
        },
        follow=True,
    )


@pytest.fixture
def councils(module_version):
    return [make_organisation("Essex"), make_organisation("Kent")]


def test_an_upload_with_a_bad_row_reports_it_by_row_and_column(
    staff_client, module_version, councils
):
    page = _upload(staff_client, module_version, ONE_BAD_ROW).content.decode()
    assert "1 error; nothing will be imported" in page
    assert "<td>3</td><td>internet-solutions</td><td>&#x27;seven&#x27; is not a number</td>" in (
        page
    )
    assert "Upload a corrected file" in page and "Import " not in page.split("Errors by row")[1]
    record = HistoryImport.objects.get()
    assert record.status == HistoryImport.Status.INVALID and not record.file
    assert Answer.objects.count() == 0


def test_a_valid_upload_is_imported_once_confirmed(staff_client, module_version, councils):
    page = _upload(staff_client, module_version, GOOD)
    record = HistoryImport.objects.get()
    assert record.status == HistoryImport.Status.CHECKED
    assert "Wide layout: 3 rows, 3 responses, 6 answers." in page.content.decode()
    assert Answer.objects.count() == 0  # nothing until confirmed
    done = staff_client.post(reverse("benchmarking_admin:import", args=[record.pk]), follow=True)
    record.refresh_from_db()
    assert record.status == HistoryImport.Status.DONE and record.progress == 100
    assert not record.file  # the confidential upload is not kept once imported
    assert Response.objects.count() == 3 and Answer.objects.count() == 6
    assert "the results of 2010 are being recomputed" in done.content.decode()
    assert Cycle.objects.get(year=2010).results_computed_at is not None


def test_confirming_twice_imports_once(staff_client, module_version, councils):
    _upload(staff_client, module_version, GOOD)
    url = reverse("benchmarking_admin:import", args=[HistoryImport.objects.get().pk])
    staff_client.post(url)
    again = staff_client.post(url, follow=True).content.decode()
    assert "Nothing changed: this import is imported" in again
    assert Answer.objects.count() == 6


def test_uploading_the_same_answers_again_is_refused_in_the_dry_run(
    staff_client, module_version, councils
):
    _upload(staff_client, module_version, GOOD)
    staff_client.post(reverse("benchmarking_admin:import", args=[HistoryImport.objects.get().pk]))
    page = _upload(staff_client, module_version, GOOD, name="again.csv").content.decode()
    assert "Not imported: these answers were imported already, into 2010 from" in page
    assert HistoryImport.objects.filter(status=HistoryImport.Status.INVALID).count() == 1
    assert Answer.objects.count() == 6


def test_a_file_that_cannot_be_read_is_reported_not_a_server_error(
    staff_client, module_version, councils
):
    page = _upload(staff_client, module_version, "organisation,internet-solutions\n")
    assert page.status_code == 200
    assert "<td>the file</td><td></td><td>the file has no rows of answers</td>" in (
        page.content.decode()
    )


def test_the_upload_form_refuses_other_file_types(staff_client, module_version, councils):
    page = _upload(staff_client, module_version, GOOD, name="history.txt")
    assert page.status_code == 200 and "File extension" in page.content.decode()
    assert not HistoryImport.objects.exists()


def test_the_corrected_file_link_keeps_the_year_and_module(staff_client, module_version, councils):
    _upload(staff_client, module_version, ONE_BAD_ROW, year=2011)
    form = staff_client.get(
        reverse("benchmarking_admin:imports") + f"?year=2011&module_version={module_version.pk}"
    ).content.decode()
    assert 'value="2011"' in form
    assert f'<option value="{module_version.pk}" selected>' in form
