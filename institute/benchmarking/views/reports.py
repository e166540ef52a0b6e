"""Public yearly summaries and each organisation's own report (its coordinators and staff)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from institute.core.cache import remember
from institute.people.models import Organisation

from .. import charts, exports, selectors
from ..findings import findings
from ..models import Participant
from . import markup

# Rendered bodies are keyed by what they depend on; a new computation makes a new key.
BODY_SECONDS = 60 * 60


def _crumbs(*pairs):
    return [{"title": "Benchmarking", "url": reverse("benchmarking:index")}] + [
        {"title": t, "url": u} for t, u in pairs
    ]


@require_GET
def index(request):
    cycles = list(selectors.closed_cycles().order_by("-year"))
    return render(
        request,
        "benchmarking/index.html",
        {
            "cycles": cycles,
            "meta_title": "Benchmarking",
            "meta_description": "Yearly benchmarking of public-sector ICT services: "
            "user satisfaction, user skills, cost, delivery and performance.",
            "breadcrumbs": _crumbs(),
        },
    )


def _closed_cycle(year):
    return get_object_or_404(selectors.closed_cycles(), year=year)


def _summary_body(cycle):
    """The public summary's figures, rendered: the same for every visitor."""
    data = selectors.cycle_summary(cycle)
    spreads = []
    for q, f in data["figures"]:
        spread = {"question": q}
        _with_distribution(spread, q, [("Sector", f)])
        if spread["distribution"]:
            spreads.append(spread)
    return {
        "organisations": data["organisations"],
        "responses": data["responses"],
        "headlines": [(round(f.share * 100), q.finding) for q, f in data["headlines"]],
        "figures": [(q.key, f) for q, f in data["figures"]],
        "figures_html": markup.summary_figures(data["figures"]),
        "spreads_html": markup.summary_spreads(spreads),
    }


@require_GET
def summary(request, year):
    cycle = _closed_cycle(year)
    # Public figures (no organisation rows: ``disclose`` with no viewer) of this computation.
    key = f"benchmarking:summary:{cycle.pk}:{cycle.results_computed_at.isoformat()}:public"
    data = remember(key, lambda: _summary_body(cycle), timeout=BODY_SECONDS)
    return render(
        request,
        "benchmarking/summary.html",
        {
            "cycle": cycle,
            **data,
            "meta_title": f"Benchmarking {year}: sector summary",
            "meta_description": f"{len(data['organisations'])} organisations benchmarked, "
            f"{data['responses']:,} responses from end-users.",
            "breadcrumbs": _crumbs((str(year), request.path)),
        },
    )


def report_participant(request, year, organisation) -> Participant:
    """The participant whose report this is, if the user may see it; else 403/404."""
    if len(organisation) > 200:
        raise Http404
    org = get_object_or_404(Organisation, slug=organisation)
    if not selectors.can_see_report(request.user, org):
        raise PermissionDenied
    participant = get_object_or_404(
        Participant.objects.select_related("cycle").filter(cycle__in=selectors.closed_cycles()),
        cycle__year=year,
        organisation=org,
    )
    participant.organisation = org
    return participant


def _with_distribution(row, question, bars):
    """The answers' spread: a 100% stacked bar (not for multiple choice) and its table."""
    row["distribution"] = charts.distribution(question, bars)
    if row["distribution"] and question.type != question.Type.MULTIPLE:
        row["distribution_chart"] = charts.distribution_bars(
            f"{question.text}: how the answers were spread",
            f"d{question.pk}",
            row["distribution"],
        )


def _labelled(row):
    return [
        ("Your organisation", row.get("own")),
        ("Same type", row.get("type")),
        ("Same region", row.get("region")),
        ("Sector", row.get("sector")),
    ]


def _finding(f):
    return {"text": f.text, "key": f.question.key}


def _report_body(participant):
    """The report's figures and findings, rendered: a function of the results (this year's
    and the history's), the organisation and the disclosure class (this organisation's own
    report). Nothing of the viewer is in it."""
    rows = selectors.report_figures(participant.cycle, participant)
    keys = [r["question"].key for r in rows if r["question"].favourable]
    past = selectors.history(participant, keys)
    found = findings(rows, past.previous())
    for row in rows:
        q = row["question"]
        row["bars"] = _labelled(row)
        row["chart"] = charts.share_bars(q.text, row["bars"])
        _with_distribution(row, q, row["bars"])
        history = past.series.get(q.key)
        if history:
            own = {y: f.share for y, f in history["own"].items() if f.share is not None}
            sector = {y: f.share for y, f in history["sector"].items() if f.share is not None}
            row["trend_chart"] = charts.trend_lines(
                f"{row['question'].text}: share by year",
                {"Your organisation": own, "Sector": sector},
            )
            row["trend_years"] = [
                (y, history["own"].get(y), history["sector"].get(y))
                for y in sorted(set(history["own"]) | set(history["sector"]))
            ]
    by_kind = {
        kind: [f for f in found if f.kind == kind]
        for kind in ("headline", "strength", "gap", "change")
    }
    return {
        "headlines": [_finding(f) for f in by_kind["headline"][:6]],
        "strengths": [
            _finding(f) for f in sorted(by_kind["strength"], key=lambda f: -f.difference)[:5]
        ],
        "gaps": [_finding(f) for f in sorted(by_kind["gap"], key=lambda f: f.difference)[:5]],
        "changes": [_finding(f) for f in by_kind["change"][:5]],
        "previous_year": past.previous_year,
        "questions_html": markup.report_questions(rows),
    }


def report_body_key(participant, results_version):
    """Everything the report body depends on. ``disclose`` sees this participant's own rows
    (this year) and its organisation's (history) and every peer row: the disclosure class is
    "this organisation's report", the same for its coordinators and for staff."""
    cycle = participant.cycle
    return (
        f"benchmarking:report:{cycle.pk}:{cycle.results_computed_at.isoformat()}:"
        f"{results_version}:org-{participant.organisation_id}:participant-{participant.pk}"
    )


@require_GET
@login_required
def report(request, year, organisation):
    participant = report_participant(request, year, organisation)
    key = report_body_key(participant, selectors.results_version())
    body = remember(key, lambda: _report_body(participant), timeout=BODY_SECONDS)
    org = participant.organisation
    return render(
        request,
        "benchmarking/report.html",
        {
            "participant": participant,
            "organisation": org,
            "cycle": participant.cycle,
            **body,
            "meta_title": f"{org.name}: benchmarking report {year}",
            "breadcrumbs": _crumbs(
                (str(year), reverse("benchmarking:summary", args=[year])), (org.name, request.path)
            ),
        },
    )


@require_GET
@login_required
def report_export(request, year, organisation, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    participant = report_participant(request, year, organisation)
    table = exports.report_table(year, selectors.report_figures(participant.cycle, participant))
    name = f"benchmarking-{year}-{participant.organisation.slug}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.to_xlsx(table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
