"""Benchmarking in the API: the public sector summaries (every figure through ``disclose``,
as on the summary pages) and, for an organisation's coordinators and staff, its results
under the report page's rules (``selectors.can_see_report``, closed years only)."""

from django.urls import reverse
from ninja import Router, Schema
from ninja.params import Path

from institute.api.auth import require_scope
from institute.api.pagination import PageInfo, page_of, paging
from institute.api.problems import Problem
from institute.api.registry import register
from institute.api.scopes import Scope
from institute.core.canonical import absolute_url
from institute.people.models import Organisation

from . import selectors
from .models import Participant

public = Router()
personal = Router()

MAX_YEAR = 9999


class FigureOut(Schema):
    """A figure as the pages show it: numbers are null when suppressed, with the reason."""

    n: int | None
    organisations: int | None
    mean: float | None
    share: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    reason: str


class QuestionFigure(Schema):
    key: str
    question: str
    module: str
    sector: FigureOut


class Headline(Schema):
    key: str
    finding: str
    share: float


class SummaryOut(Schema):
    year: int
    url: str


class SummaryList(Schema):
    meta: PageInfo
    results: list[SummaryOut]


class SummaryDetail(SummaryOut):
    organisations: list[str]
    responses: int
    headlines: list[Headline]
    figures: list[QuestionFigure]


def _figure(f) -> dict:
    return {
        "n": f.n,
        "organisations": f.organisations,
        "mean": f.mean,
        "share": f.share,
        "ci_low": f.ci_low,
        "ci_high": f.ci_high,
        "suppressed": f.suppressed,
        "reason": f.reason,
    }


def _summary(year) -> dict:
    return {"year": year, "url": absolute_url(reverse("benchmarking:summary", args=[year]))}


@public.get(
    "summaries/",
    response=SummaryList,
    url_name="benchmarking_summaries",
    summary="Sector summaries",
    description="Each closed year with published results, newest first.",
)
def benchmarking_summaries(request, page: str | None = None, page_size: str | None = None):
    number, size = paging(page, page_size)
    years = selectors.cycles_closed().order_by("-year").values_list("year", flat=True)
    found, info = page_of(request, years, number=number, size=size)
    return {"meta": info, "results": [_summary(y) for y in found]}


def _closed_cycle(year):
    cycle = selectors.cycles_closed().filter(year=year).first()
    if cycle is None:
        raise Problem(404, "No closed year of benchmarking has results for this year.")
    return cycle


@public.get(
    "summaries/{year}/",
    response=SummaryDetail,
    url_name="benchmarking_summary",
    summary="A year's sector summary",
    description=(
        "The public summary page's figures: participants, end-user responses, headline "
        "findings and each question's sector figure, through disclosure control."
    ),
)
def benchmarking_summary(request, year: int = Path(..., ge=1, le=MAX_YEAR)):
    cycle = _closed_cycle(year)
    data = selectors.cycle_summary(cycle=cycle)
    return {
        **_summary(cycle.year),
        "organisations": data["organisations"],
        "responses": data["responses"],
        "headlines": [
            {"key": q.key, "finding": q.finding, "share": f.share} for q, f in data["headlines"]
        ],
        "figures": [
            {
                "key": q.key,
                "question": q.text,
                "module": q.module_version.module.title,
                "sector": _figure(f),
            }
            for q, f in data["figures"]
        ],
    }


# An organisation's own results ------------------------------------------------------------


class ParticipationOut(Schema):
    year: int
    organisation: str
    organisation_slug: str
    results: str | None


class ResultRow(Schema):
    key: str
    question: str
    module: str
    own: FigureOut | None
    sector: FigureOut | None
    type: FigureOut | None
    region: FigureOut | None


class ReportOut(Schema):
    year: int
    organisation: str
    organisation_slug: str
    report_url: str
    results: list[ResultRow]


@personal.get(
    "",
    response=list[ParticipationOut],
    url_name="benchmarking_participations",
    summary="My organisations' benchmarking",
)
def benchmarking_participations(request):
    """The years your organisations took part in, newest first; ``results`` links a year's
    results once it is closed. Scope: benchmarking."""
    require_scope(request, Scope.BENCHMARKING)
    closed = set(selectors.cycles_closed().values_list("pk", flat=True))
    rows = []
    for p in selectors.coordinator_participations(user=request.user):
        year, slug = p.cycle.year, p.organisation.slug
        rows.append(
            {
                "year": year,
                "organisation": p.organisation.name,
                "organisation_slug": slug,
                "results": request.build_absolute_uri(
                    reverse("api:benchmarking_report", args=[year, slug])
                )
                if p.cycle_id in closed
                else None,
            }
        )
    return rows


@personal.get(
    "{year}/{organisation}/",
    response=ReportOut,
    url_name="benchmarking_report",
    summary="An organisation's results",
)
def benchmarking_report(
    request,
    year: int = Path(..., ge=1, le=MAX_YEAR),
    organisation: str = Path(..., max_length=200, pattern=r"^[-\w]+$"),
):
    """An organisation's own figures beside the sector's, its type's and its region's, as
    its report page shows them: for its coordinators and staff only. Scope: benchmarking."""
    require_scope(request, Scope.BENCHMARKING)
    org = Organisation.objects.filter(slug=organisation).first()
    if org is None:
        raise Problem(404, "No organisation has this slug.")
    if not selectors.can_see_report(user=request.user, organisation=org):
        raise Problem(403, "Only the organisation's coordinators and staff see its results.")
    participant = (
        Participant.objects.select_related("cycle")
        .filter(cycle__in=selectors.cycles_closed(), cycle__year=year, organisation=org)
        .first()
    )
    if participant is None:
        raise Problem(404, "The organisation has no closed results for this year.")
    participant.organisation = org
    rows = selectors.report_figures(cycle=participant.cycle, participant=participant)
    return {
        "year": year,
        "organisation": org.name,
        "organisation_slug": org.slug,
        "report_url": absolute_url(reverse("benchmarking:report", args=[year, org.slug])),
        "results": [
            {
                "key": row["question"].key,
                "question": row["question"].text,
                "module": row["question"].module_version.module.title,
                **{
                    scope: _figure(row[scope]) if row.get(scope) else None
                    for scope in ("own", "sector", "type", "region")
                },
            }
            for row in rows
        ],
    }


register("benchmarking", public, tag="benchmarking")
register("benchmarking", personal, personal=True, tag="benchmarking results")


def api_rules():
    """Authorisation rules of these endpoints (gathered by ``institute/api/access.py``).
    The walk checks staff; coordinators of this and other organisations are checked in
    ``institute/api/tests``."""
    from institute.api.access import API_REFUSED
    from institute.core.access import ANONYMOUS, MEMBER, STAFF, Rule

    from .access import sample

    return {
        "api:benchmarking_summaries": Rule(ANONYMOUS),
        "api:benchmarking_summary": Rule(ANONYMOUS, kwargs=lambda: {"year": sample()["year"]}),
        "api:benchmarking_participations": Rule(MEMBER, refused_status=API_REFUSED),
        "api:benchmarking_report": Rule(
            STAFF,
            kwargs=lambda: {k: v for k, v in sample().items() if k in ("year", "organisation")},
            refused_status=API_REFUSED,
        ),
    }
