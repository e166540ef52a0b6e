"""Reads of the benchmarking room. Every figure returned here has passed ``disclose``."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Max, Prefetch, Q

from institute.core.selectors import Item
from institute.people.selectors import coordinated_organisations, is_coordinator, is_staff_member

from . import bulk
from .disclosure import disclose
from .models import Action, Cycle, Module, Participant, Question, Response, Result, SurveyLink

# Results are read as plain dicts: building thousands of model instances would dominate.
FIGURE_FIELDS = tuple(name for name in bulk.RESULT_FIELDS if name != "distribution")


def _values(queryset, distribution=True):
    fields = FIGURE_FIELDS + ("distribution",) if distribution else FIGURE_FIELDS
    return list(queryset.values(*fields))


def can_see_report(*, user, organisation) -> bool:
    """Staff, and the coordinators of this organisation; nobody else."""
    if not user.is_authenticated:
        return False
    return is_coordinator(user=user, organisation=organisation) or is_staff_member(user=user)


def cycles_closed():
    return Cycle.objects.filter(status__in=Cycle.WITH_RESULTS, results_computed_at__isnull=False)


def results_version() -> str:
    """A token that changes whenever any closed year's results do (computed, recomputed, a
    year closed or reopened): a report's trend reads every closed year (one query)."""
    rows = list(cycles_closed().order_by("pk").values_list("pk", "results_computed_at"))
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def coordinator_participations(*, user):
    """The user's organisations' participations, newest first, with live response counts."""
    links = SurveyLink.objects.select_related("module_version__module").annotate(
        response_count=Count("responses")
    )
    return list(
        Participant.objects.filter(organisation__in=coordinated_organisations(user=user))
        .select_related("cycle", "organisation")
        .prefetch_related(Prefetch("links", queryset=links))
        .order_by("-cycle__year", "organisation__name")
    )


CATEGORICAL = (
    Question.Type.AGREEMENT,
    Question.Type.YES_NO,
    Question.Type.SINGLE,
    Question.Type.MULTIPLE,
)


def _questions(cycle):
    return {
        q.pk: q
        for q in Question.objects.filter(module_version__cycles=cycle)
        .select_related("module_version__module", "section")
        .order_by("module_version__module__title", "position")
    }


def _categorical(questions):
    return {pk for pk, q in questions.items() if q.type in CATEGORICAL}


def member_sizes(*, cycle):
    """Every organisation's n per question of the cycle, with its type and region: what
    ``disclose`` needs to check that no member can subtract itself from a peer figure."""
    return list(
        Result.objects.filter(cycle=cycle, scope=Result.Scope.ORGANISATION).values(
            "cycle_id",
            "question_id",
            "participant_id",
            "n",
            type=F("group"),
            region=F("participant__organisation__region"),
        )
    )


def cycle_summary(*, cycle):
    """The public sector-wide summary: participants, responses and sector figures."""
    questions = _questions(cycle)
    peer_rows = _values(Result.objects.filter(cycle=cycle).exclude(scope=Result.Scope.ORGANISATION))
    disclosed = disclose(
        peer_rows, members=member_sizes(cycle=cycle), categorical=_categorical(questions)
    )
    sector = [f for f in disclosed if f.scope == Result.Scope.SECTOR]
    figures = [(questions[f.question_id], f) for f in sector if f.question_id in questions]
    figures.sort(key=lambda pair: (pair[0].module_version.module.title, pair[0].position))
    organisations = list(
        cycle.participants.select_related("organisation").values_list(
            "organisation__name", flat=True
        )
    )
    return {
        "organisations": organisations,
        "responses": Response.objects.filter(
            participant__cycle=cycle, module_version__module__level=Module.Level.END_USER
        ).count(),
        "figures": figures,
        "headlines": [
            (q, f) for q, f in figures if q.finding and f.share is not None and not f.suppressed
        ][:6],
    }


def report_figures(*, cycle, participant):
    """Per question: the organisation's own figure and its sector, type and region figures."""
    questions = _questions(cycle)
    # The peer rows and the organisation's own rows in one read.
    rows = _values(
        Result.objects.filter(cycle=cycle).filter(
            ~Q(scope=Result.Scope.ORGANISATION) | Q(participant=participant)
        )
    )
    figures = disclose(
        rows,
        viewer={participant.pk},
        members=member_sizes(cycle=cycle),
        categorical=_categorical(questions),
    )
    org = participant.organisation
    by_question = defaultdict(dict)
    for f in figures:
        if f.scope == Result.Scope.ORGANISATION:
            by_question[f.question_id]["own"] = f
        elif f.scope == Result.Scope.SECTOR:
            by_question[f.question_id]["sector"] = f
        elif f.scope == Result.Scope.TYPE and f.group == org.type:
            by_question[f.question_id]["type"] = f
        elif f.scope == Result.Scope.REGION and f.group == org.region:
            by_question[f.question_id]["region"] = f
    return [
        {"question": q, **by_question[pk]}
        for pk, q in questions.items()
        if by_question[pk].get("own") or by_question[pk].get("sector")
    ]


@dataclass
class History:
    """The organisation's own and the sector's figures by key and year, every closed year."""

    series: dict
    previous_year: int | None  # the organisation's last closed year before this one

    def previous(self) -> dict:
        """The organisation's own figures of its previous year by key (for year-on-year)."""
        if self.previous_year is None:
            return {}
        return {
            key: years["own"][self.previous_year]
            for key, years in self.series.items()
            if self.previous_year in years["own"]
        }


def participant_history(*, participant, keys) -> History:
    """Own and sector figures for these keys in every closed year, in two queries."""
    closed = cycles_closed()
    rows = list(
        Result.objects.filter(key__in=keys, cycle__in=closed)
        .filter(
            Q(scope=Result.Scope.SECTOR)
            | Q(
                scope=Result.Scope.ORGANISATION,
                participant__organisation_id=participant.organisation_id,
            )
        )
        .annotate(year=F("cycle__year"))
        .values(*FIGURE_FIELDS, "year")
    )
    # Only sector figures are shown besides the organisation's own, so the largest
    # organisation of each year and question is all rule 2 of ``disclose`` needs.
    members = [
        {**m, "type": None, "region": None}
        for m in Result.objects.filter(
            key__in=keys, cycle__in=closed, scope=Result.Scope.ORGANISATION
        )
        .values("cycle_id", "question_id")
        .annotate(n=Max("n"))
    ]
    years = {r["cycle_id"]: r["year"] for r in rows}
    own = {r["participant_id"] for r in rows if r["scope"] == Result.Scope.ORGANISATION}
    series = defaultdict(lambda: {"own": {}, "sector": {}})
    for f in disclose(rows, viewer=own, members=members):
        where = "own" if f.scope == Result.Scope.ORGANISATION else "sector"
        series[f.key][where][years[f.cycle_id]] = f
    earlier = {
        r["year"]
        for r in rows
        if r["scope"] == Result.Scope.ORGANISATION and r["year"] < participant.cycle.year
    }
    return History(series=series, previous_year=max(earlier, default=None))


def participant_actions(*, participant):
    return list(participant.actions.select_related("question"))


def topic_items(*, topic, limit=6):
    """Closed cycles asking questions on this topic, newest first (one query)."""
    years = (
        cycles_closed()
        .filter(module_versions__questions__topic_slug=topic.slug)
        .distinct()
        .order_by("-year")[:limit]
    )
    return [
        Item(
            title=f"Benchmarking {c.year}: sector summary",
            url=c.get_absolute_url(),
            summary="How the sector answered this year's questions on this topic.",
        )
        for c in years
    ]


def _plan_counts(today):
    return {
        "plan_total": Count("actions"),
        "plan_planned": Count("actions", filter=Q(actions__status=Action.Status.PLANNED)),
        "plan_in_progress": Count("actions", filter=Q(actions__status=Action.Status.IN_PROGRESS)),
        "plan_done": Count("actions", filter=Q(actions__status=Action.Status.DONE)),
        "plan_overdue": Count(
            "actions",
            filter=Q(actions__due_date__lt=today) & ~Q(actions__status=Action.Status.DONE),
        ),
    }


def participants_with_plan_status(*, queryset, today=None):
    """The participants with their action plan's counts read in the same query (for
    ``action_plan_status``): a report page costs no query more for them."""
    from django.utils import timezone

    return queryset.annotate(**_plan_counts(today or timezone.localdate()))


def action_plan_status(*, participant) -> dict:
    """How far the participant's action plan has got: actions by status, and how many are
    not done by their due date. From ``participants_with_plan_status``, or one query."""
    if not hasattr(participant, "plan_total"):
        participant = participants_with_plan_status(
            queryset=Participant.objects.filter(pk=participant.pk)
        ).get()
    return {
        name: getattr(participant, f"plan_{name}")
        for name in ("total", "planned", "in_progress", "done", "overdue")
    }


def cycle_response_counts(*, cycle: Cycle) -> dict:
    """Responses so far per participating organisation and module of a cycle (two queries).

    ``{"versions": [...], "rows": [(organisation, [count per version], total)], "totals":
    [count per version], "total": n}`` — live counts for staff, not results.
    """
    versions = list(cycle.module_versions.select_related("module").order_by("module__title"))
    counts = {
        (participant, version): n
        for participant, version, n in Response.objects.filter(participant__cycle=cycle)
        .values("participant_id", "module_version_id")
        .annotate(n=Count("id"))
        .values_list("participant_id", "module_version_id", "n")
    }
    rows = []
    for participant in cycle.participants.select_related("organisation"):
        row = [counts.get((participant.pk, v.pk), 0) for v in versions]
        rows.append((participant.organisation, row, sum(row)))
    totals = [sum(row[i] for _, row, _ in rows) for i in range(len(versions))]
    return {"versions": versions, "rows": rows, "totals": totals, "total": sum(totals)}


def year_headlines(*, year) -> dict | None:
    """The public summary's headline figures of the cycle of ``year``, through disclosure
    control (``cycle_summary``): ``{"organisations": n, "responses": n, "findings": {question
    key: share}}`` for each question with a finding phrase whose share may be shown. None
    when the year has no results."""
    cycle = cycles_closed().filter(year=year).first()
    if cycle is None:
        return None
    summary = cycle_summary(cycle=cycle)
    return {
        "organisations": len(summary["organisations"]),
        "responses": summary["responses"],
        "findings": {
            q.key: f.share
            for q, f in summary["figures"]
            if q.finding and f.share is not None and not f.suppressed
        },
    }
