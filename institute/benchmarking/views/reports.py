"""Public yearly summaries and each organisation's own report (its coordinators and staff)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from institute.core.cache import remember
from institute.core.canonical import absolute_url
from institute.people.models import Organisation

from .. import charts, exports, selectors
from ..findings import findings
from ..models import Participant, ReportPdf
from ..report_pdfs import report_pdf_ensure, report_pdf_version

# Rendered bodies are keyed by what they depend on; a new computation makes a new key.
BODY_SECONDS = 60 * 60


def _crumbs(*pairs):
    return [{"title": "Benchmarking", "url": reverse("benchmarking:index")}] + [
        {"title": t, "url": u} for t, u in pairs
    ]


@require_GET
def index(request):
    cycles = list(selectors.cycles_closed().order_by("-year"))
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
    return get_object_or_404(selectors.cycles_closed(), year=year)


def _summary_body(cycle):
    """The public summary's figures, rendered: the same for every visitor."""
    data = selectors.cycle_summary(cycle=cycle)
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
        "body_html": render_to_string(
            "benchmarking/report/summary_body.html",
            {"year": cycle.year, "figures": data["figures"], "spreads": spreads},
        ),
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


def report_participant(request, year, organisation, *, with_plan=False) -> Participant:
    """The participant whose report this is, if the user may see it; else 403/404. With
    ``with_plan``, its action plan's counts come in the same query."""
    if len(organisation) > 200:
        raise Http404
    org = get_object_or_404(Organisation, slug=organisation)
    if not selectors.can_see_report(user=request.user, organisation=org):
        raise PermissionDenied
    participants = Participant.objects.select_related("cycle").filter(
        cycle__in=selectors.cycles_closed()
    )
    if with_plan:
        participants = selectors.participants_with_plan_status(queryset=participants)
    participant = get_object_or_404(
        participants,
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


# The trend's table shows these many latest years; every year is one click away.
RECENT_YEARS = 3


def _trend(row, history):
    """The trend chart of a question (own and sector share by year) and its tables."""
    own = {y: f.share for y, f in history["own"].items() if f.share is not None}
    sector = {y: f.share for y, f in history["sector"].items() if f.share is not None}
    row["trend_chart"] = charts.trend_lines(
        f"{row['question'].text}: share favourable by year",
        {"Your organisation": own, "Sector": sector},
    )
    years = [
        (y, history["own"].get(y), history["sector"].get(y))
        for y in sorted(set(history["own"]) | set(history["sector"]), reverse=True)
    ]
    row["trend_years"] = years
    row["recent_years"] = years[:RECENT_YEARS]
    row["older_years"] = len(years) > RECENT_YEARS


def _by_section(rows):
    """Rows grouped by module, then section, in the order ``report_figures`` gives them."""
    modules = []
    for row in rows:
        q = row["question"]
        module = q.module_version.module
        if not modules or modules[-1]["key"] != module.key:
            modules.append(
                {"key": module.key, "title": module.title, "anchor": module.key, "sections": []}
            )
        sections = modules[-1]["sections"]
        if not sections or sections[-1]["pk"] != q.section_id:
            sections.append(
                {
                    "pk": q.section_id,
                    "title": q.section.title,
                    "anchor": f"{module.key}-{slugify(q.section.title)}-{q.section_id}",
                    "rows": [],
                }
            )
        sections[-1]["rows"].append(row)
    return modules


def _report_body(participant):
    """The report's figures and findings, rendered: a function of the results (this year's
    and the history's), the organisation and the disclosure class (this organisation's own
    report). Nothing of the viewer is in it."""
    rows = selectors.report_figures(cycle=participant.cycle, participant=participant)
    keys = [r["question"].key for r in rows if r["question"].favourable]
    past = selectors.participant_history(participant=participant, keys=keys)
    found = findings(rows, past.previous())
    for row in rows:
        q = row["question"]
        row["bars"] = _labelled(row)
        row["chart"] = charts.share_bars(q.text, row["bars"]) if q.favourable else None
        _with_distribution(row, q, row["bars"])
        history = past.series.get(q.key)
        if history:
            _trend(row, history)
    modules = _by_section(rows)
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
        # The contents list, without the rows (the page needs only titles and counts).
        "contents": [
            {
                **{k: v for k, v in module.items() if k != "sections"},
                "sections": [
                    {"title": s["title"], "anchor": s["anchor"], "count": len(s["rows"])}
                    for s in module["sections"]
                ],
            }
            for module in modules
        ],
        "questions_html": render_to_string(
            "benchmarking/report/questions.html", {"modules": modules}
        ),
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


def _report_context(request, participant):
    key = report_body_key(participant, selectors.results_version())
    body = remember(key, lambda: _report_body(participant), timeout=BODY_SECONDS)
    org = participant.organisation
    year = participant.cycle.year
    return {
        "participant": participant,
        "organisation": org,
        "cycle": participant.cycle,
        **body,
        # The action plan changes without the results: read for every request.
        "plan": selectors.action_plan_status(participant=participant),
        "meta_title": f"{org.name}: benchmarking report {year}",
        "breadcrumbs": _crumbs(
            (str(year), reverse("benchmarking:summary", args=[year])),
            (org.name, reverse("benchmarking:report", args=[year, org.slug])),
        ),
    }


@require_GET
@login_required
def report(request, year, organisation):
    participant = report_participant(request, year, organisation, with_plan=True)
    return render(request, "benchmarking/report.html", _report_context(request, participant))


def report_html(participant) -> str:
    """The report page's HTML for its PDF, rendered outside a request (a background task):
    the same template and body as the page, without the parts a visitor's request adds."""
    context = _report_context(None, participant)
    org, year = participant.organisation, participant.cycle.year
    # No request: the chrome that reads it (menu, footer links) is left out, as print does.
    context |= {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "minimal": True,
        "canonical_url": absolute_url(reverse("benchmarking:report", args=[year, org.slug])),
    }
    return render_to_string("benchmarking/report.html", context)


def _report_pdf(request, year, organisation):
    """The participant (if the user may see its report) and its PDF of the report as it
    stands now: stored, failed, or queued (``report_pdfs``)."""
    participant = report_participant(request, year, organisation, with_plan=True)
    version = report_pdf_version(
        body_key=report_body_key(participant, selectors.results_version()),
        published_at=participant.cycle.published_at,
        plan=selectors.action_plan_status(participant=participant),
    )
    return participant, report_pdf_ensure(participant=participant, version=version)


def _pdf_unavailable(request, participant, record):
    context = {
        "organisation": participant.organisation,
        "cycle": participant.cycle,
        "reason": record.reason,
        "meta_title": "PDF not available",
    }
    response = render(request, "benchmarking/report_pdf_unavailable.html", context, status=503)
    response["Retry-After"] = "3600"
    return response


@require_GET
@login_required
def report_pdf(request, year, organisation):
    """The report as a PDF for boards: the page's own HTML, laid out by its print stylesheet
    in the background. A stored PDF of the report as it stands is served; otherwise the
    visitor waits on the page that says it is being prepared. Where the PDF library cannot
    run (its system libraries absent), a page says so and points to the browser's print."""
    participant, record = _report_pdf(request, year, organisation)
    if record.status == ReportPdf.Status.FAILED:
        return _pdf_unavailable(request, participant, record)
    if record.status != ReportPdf.Status.READY:
        return redirect("benchmarking:report_pdf_status", year, participant.organisation.slug)
    name = f"benchmarking-{year}-{participant.organisation.slug}.pdf"
    response = FileResponse(
        record.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def report_pdf_status(request, year, organisation):
    """ "Your PDF is being prepared": the page refreshes its status (progress.js, or the
    "Check again" link) until the PDF can be downloaded."""
    participant, record = _report_pdf(request, year, organisation)
    if record.status == ReportPdf.Status.FAILED:
        return _pdf_unavailable(request, participant, record)
    org = participant.organisation
    ready = record.status == ReportPdf.Status.READY
    context = {
        "organisation": org,
        "cycle": participant.cycle,
        "ready": ready,
        "size": record.file.size if ready else None,
        "meta_title": "Your PDF is ready" if ready else "Your PDF is being prepared",
        "breadcrumbs": _crumbs(
            (str(year), reverse("benchmarking:summary", args=[year])),
            (org.name, reverse("benchmarking:report", args=[year, org.slug])),
            ("PDF", request.path),
        ),
    }
    return render(request, "benchmarking/report_pdf_status.html", context)


@require_GET
@login_required
def report_export(request, year, organisation, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    participant = report_participant(request, year, organisation)
    table = exports.report_table(
        year, selectors.report_figures(cycle=participant.cycle, participant=participant)
    )
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
