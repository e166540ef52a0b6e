"""Reports, exports, action plans: content, findings, and who may see them."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from institute.benchmarking.models import Action, Cycle
from institute.benchmarking.results import compute_results
from tests.factories.benchmarking import add_responses, make_cycle
from tests.factories.people import make_coordinator, make_organisation

pytestmark = pytest.mark.django_db


def _url(name, org, year=2023, **extra):
    return reverse(f"benchmarking:{name}", kwargs={"year": year, "organisation": org.slug, **extra})


def test_report_states_headline_with_sector_figure(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    body = client.get(_url("report", orgs[0])).content.decode()
    assert (
        "95% of your users can use the internet to find solutions to work related problems" in body
    )
    assert "sector 66%" in body  # (38 + 5 × 24) / 240


def test_report_calls_a_supported_difference_a_strength(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    body = client.get(_url("report", orgs[0])).content.decode()
    assert "More of your users can use the internet" in body
    assert "up from 60% last time" in body


def test_report_does_not_call_chance_a_difference(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[1]))
    body = client.get(_url("report", orgs[1])).content.decode()
    assert "No gap against your peers is statistically supported" in body
    assert "No change since 2022 is statistically supported" in body


def test_report_has_svg_chart_with_data_table(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    body = client.get(_url("report", orgs[0])).content.decode()
    assert '<svg class="chart chart--bars"' in body and 'role="img"' in body
    assert "<caption>Figures for" in body


def test_report_query_count_does_not_grow_with_history(client, reports, module_version):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    with CaptureQueriesContext(connection) as small:
        client.get(_url("report", orgs[0]))
    more = make_cycle(module_version, year=2021, organisations=orgs, status=Cycle.Status.CLOSED)
    for p in more.participants.all():
        add_responses(p, module_version, {"internet-solutions": [4] * 12})
    compute_results([more.pk])
    with CaptureQueriesContext(connection) as large:
        client.get(_url("report", orgs[0]))
    assert len(large) == len(small)


def test_csv_export_matches_the_report_figures(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    response = client.get(_url("report_export", orgs[0], fmt="csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    own = next(
        r
        for r in rows
        if r["question_key"] == "internet-solutions" and r["figure"] == "Your organisation"
    )
    assert (own["responses"], own["share_favourable"]) == ("40", "0.95")
    assert response["Content-Disposition"].endswith('.csv"')


def test_xlsx_export_opens_with_the_same_columns(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    response = client.get(_url("report_export", orgs[0], fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:3] == ["year", "module", "question_key"]


def test_unknown_export_format_is_not_found(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    assert client.get(_url("report_export", orgs[0], fmt="pdf")).status_code == 404


def test_public_summary_shows_sector_figures_and_no_organisation_figures(client, reports):
    orgs, _ = reports
    response = client.get(reverse("benchmarking:summary", args=[2023]))
    body = response.content.decode()
    assert "6</strong> organisations benchmarked" in body
    assert "240</strong> responses" in body
    # The one organisation at 95% is not identifiable: only sector figures are shown.
    assert {f.scope for _q, f in response.context["figures"]} == {"sector"}
    assert "95%</td>" not in body


def test_summary_of_unknown_year_is_not_found(client, db):
    assert client.get("/benchmarking/1850/").status_code == 404


def test_action_created_from_a_finding(client, reports):
    orgs, _ = reports
    user = make_coordinator(orgs[0])
    client.force_login(user)
    url = _url("actions", orgs[0]) + "?question=training-suspicious-links"
    response = client.post(
        url,
        {
            "title": "Phishing drill",
            "owner": "Head of ICT",
            "due_date": "2024-03-31",
            "status": "planned",
            "notes": "",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.title, action.question.key, action.created_by) == (
        "Phishing drill",
        "training-suspicious-links",
        user,
    )


def test_action_form_with_bad_date_keeps_input_and_shows_error(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    response = client.post(
        _url("actions", orgs[0]),
        {
            "title": "<script>x</script>" * 3,
            "owner": "Me",
            "due_date": "31st of never",
            "status": "planned",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid date" in body
    assert "&lt;script&gt;x&lt;/script&gt;" in body and "<script>x</script>" not in body
    # The error summary first, linking to the field; the error also at the field.
    summary = body[body.index("data-error-summary") :]
    summary = summary[: summary.index("</ul>")]
    assert '<a href="#id_due_date">Due date: Enter a valid date.</a>' in summary
    assert 'aria-describedby="id_due_date_helptext id_due_date_error"' in body
    assert 'id="id_due_date_error"' in body and 'id="id_due_date_helptext"' in body
    assert Action.objects.count() == 0


def test_action_plan_suggests_help_on_the_findings_topic(client, reports):
    from institute.core.models import Topic

    Topic.objects.create(name="Cyber security", slug="cyber")
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    body = client.get(_url("actions", orgs[0]) + "?question=training-suspicious-links").content
    assert b'href="/topics/cyber/"' in body


def test_dashboard_shows_live_response_count_per_link(client, module_version):
    org = make_organisation("Cardiff")
    cycle = make_cycle(module_version, year=2024, organisations=[org])
    add_responses(cycle.participants.get(), module_version, {"internet-solutions": [4] * 7})
    client.force_login(make_coordinator(org))
    response = client.get(reverse("benchmarking:dashboard"))
    link = response.context["participants"][0].links.all()[0]
    assert link.response_count == 7
    assert link.token in response.content.decode()


def _row(body, label):
    """The cells of a table row whose header is ``label``, in the first table that has it."""
    start = body.index(f'<th scope="row">{label}</th>')
    return body[start : body.index("</tr>", start)]


def test_report_shows_each_answers_spread_with_option_labels(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    body = client.get(_url("report", orgs[0])).content.decode()
    spread = body[body.index("How the answers to “I can use") :]
    assert '<th scope="col">Strongly disagree</th>' in spread
    assert '<th scope="col">Strongly agree</th>' in spread
    own = _row(spread, "Your organisation")
    # 38 of 40 answered 5, 2 answered 2.
    assert '95% <span class="meta">(38)</span>' in own
    assert '5% <span class="meta">(2)</span>' in own
    sector = _row(spread, "Sector")
    assert '66% <span class="meta">(158)</span>' in sector
    assert "chart--distribution" in body and "how the answers were spread" in body
    yes_no = body[body.index("How the answers to “I would like more training") :]
    assert '<th scope="col">Yes</th><th scope="col">No</th>' in yes_no


def test_a_suppressed_figure_has_no_distribution(client, reports, module_version):
    orgs, cycles = reports
    small = make_organisation("Tiny Council")
    participant = cycles[2023].participants.create(organisation=small)
    add_responses(participant, module_version, {"internet-solutions": [5] * 4})
    compute_results([cycles[2023].pk])
    client.force_login(make_coordinator(small))
    body = client.get(_url("report", small)).content.decode()
    start = body.index("How the answers to “I can use")
    spread = body[start : body.index("</table>", start)]
    assert '<th scope="row">Your organisation</th>' not in spread  # 4 responses: not shown
    assert '<th scope="row">Sector</th>' in spread
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(_url("report_export", small, fmt="csv")).content.decode())
        )
    )
    own = next(
        r
        for r in rows
        if r["question_key"] == "internet-solutions" and r["figure"] == "Your organisation"
    )
    assert own["distribution"] == "" and own["note"] == "fewer than 10 responses"


def test_exports_carry_the_distribution(client, reports):
    orgs, _ = reports
    client.force_login(make_coordinator(orgs[0]))
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(_url("report_export", orgs[0], fmt="csv")).content.decode())
        )
    )
    own = next(
        r
        for r in rows
        if r["question_key"] == "internet-solutions" and r["figure"] == "Your organisation"
    )
    assert own["distribution"] == (
        "Strongly disagree: 0; Disagree: 2; Neither agree nor disagree: 0; Agree: 0; "
        "Strongly agree: 38"
    )
    sheet = load_workbook(
        io.BytesIO(client.get(_url("report_export", orgs[0], fmt="xlsx")).content)
    ).active
    lines = [[c.value for c in r] for r in sheet.iter_rows()]
    column = lines[0].index("distribution")
    assert any(line[column] == own["distribution"] for line in lines[1:])


def test_public_summary_shows_the_sector_distribution(client, reports):
    body = client.get(reverse("benchmarking:summary", args=[2023])).content.decode()
    assert "How the sector answered" in body
    sector = _row(body[body.index("How the answers to “I can use") :], "Sector")
    assert '66% <span class="meta">(158)</span>' in sector
    assert "Your organisation" not in body
