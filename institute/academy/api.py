"""The Leadership Academy in the API: programmes and cohorts for anyone; a member's own
applications (listed, and sent through the application pages' form and service)."""

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema
from ninja.params import Path

from institute.api.auth import require_scope
from institute.api.pagination import PageInfo, page_of, paging
from institute.api.problems import Problem
from institute.api.registry import register
from institute.api.scopes import Scope
from institute.core import routing
from institute.core.canonical import page_url
from institute.core.params import MAX_ID
from institute.core.ratelimit import over_limit

from . import selectors, services
from .forms import ApplicationForm
from .models import AcademyIndexPage, CohortPage, ProgrammePage

public = Router()
personal = Router()


class CohortOut(Schema):
    id: int
    title: str
    url: str
    region: str
    format: str
    venue: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    capacity: int
    places_left: int
    applications_open: bool


class ProgrammeOut(Schema):
    id: int
    title: str
    url: str
    form: str
    summary: str
    duration: str
    member_price: Decimal
    non_member_price: Decimal
    next_cohort: CohortOut | None


class ProgrammeList(Schema):
    meta: PageInfo
    results: list[ProgrammeOut]


class ProgrammeDetail(ProgrammeOut):
    audience: str
    format_description: str
    cohorts: list[CohortOut]


class SessionOut(Schema):
    title: str
    start: dt.datetime
    end: dt.datetime


class CohortDetail(CohortOut):
    programme: int
    sessions: list[SessionOut]


def _cohort(cohort, accepted=None) -> dict:
    if accepted is None:
        accepted = getattr(cohort, "accepted", None)
    places = (
        selectors.cohort_places(cohort=cohort).left
        if accepted is None
        else max(cohort.capacity - accepted, 0)
    )
    return {
        "id": cohort.pk,
        "title": cohort.title,
        "url": page_url(cohort),
        "region": cohort.region,
        "format": cohort.format,
        "venue": cohort.venue,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "capacity": cohort.capacity,
        "places_left": places,
        "applications_open": cohort.applications_open,
    }


def _programme(programme, next_cohort=None) -> dict:
    return {
        "id": programme.pk,
        "title": programme.title,
        "url": page_url(programme),
        "form": programme.form,
        "summary": programme.summary,
        "duration": programme.duration,
        "member_price": programme.member_price,
        "non_member_price": programme.non_member_price,
        "next_cohort": _cohort(next_cohort) if next_cohort else None,
    }


@public.get(
    "programmes/",
    response=ProgrammeList,
    url_name="academy_programmes",
    summary="Programmes",
    description="The Academy's programmes in the index's order, each with its next cohort.",
)
def academy_programmes(request, page: str | None = None, page_size: str | None = None):
    number, size = paging(page, page_size)
    index = AcademyIndexPage.objects.live().first()
    cards = selectors.programme_cards(index=index) if index else []
    found, info = page_of(request, cards, number=number, size=size)
    return {
        "meta": info,
        "results": [_programme(c["programme"], c["next_cohort"]) for c in found],
    }


def _live(model, pk):
    page = routing.public(model.objects.live()).filter(pk=pk).first()
    if page is None:
        raise Problem(404, f"No {model._meta.verbose_name} has this id.")
    return page


@public.get(
    "programmes/{programme_id}/",
    response=ProgrammeDetail,
    url_name="academy_programme",
    summary="A programme",
    description="A programme with its live cohorts, soonest first, and places left.",
)
def academy_programme(request, programme_id: int = Path(..., ge=1, le=MAX_ID)):
    programme = _live(ProgrammePage, programme_id)
    cohorts = selectors.programme_cohorts(programme=programme)
    return {
        **_programme(programme),
        "audience": programme.audience,
        "format_description": programme.format_description,
        "cohorts": [_cohort(c) for c in cohorts],
    }


@public.get(
    "cohorts/{cohort_id}/",
    response=CohortDetail,
    url_name="academy_cohort",
    summary="A cohort",
    description="A cohort with its sessions and places left.",
)
def academy_cohort(request, cohort_id: int = Path(..., ge=1, le=MAX_ID)):
    cohort = _live(CohortPage, cohort_id)
    return {
        **_cohort(cohort),
        "programme": cohort.get_parent().pk,
        "sessions": [
            {
                "title": row["session"].title,
                "start": row["session"].start,
                "end": row["session"].end,
            }
            for row in selectors.cohort_sessions(cohort=cohort)
        ],
    }


# A member's own applications --------------------------------------------------------------


class ApplicationOut(Schema):
    id: int
    cohort: int
    cohort_title: str
    programme: str
    status: str
    created_at: dt.datetime
    decided_at: dt.datetime | None


class ApplicationIn(Schema):
    cohort: int
    statement: str
    manager_agreed: bool
    manager_name: str
    manager_email: str


APPLICATIONS_PER_HOUR = 20


def _application(application, programme) -> dict:
    return {
        "id": application.pk,
        "cohort": application.cohort_id,
        "cohort_title": application.cohort.title,
        "programme": programme.title if programme else "",
        "status": application.status,
        "created_at": application.created_at,
        "decided_at": application.decided_at,
    }


@personal.get(
    "", response=list[ApplicationOut], url_name="applications_list", summary="My applications"
)
def applications_list(request):
    """Your applications to Academy cohorts, newest first. Scope: read."""
    require_scope(request, Scope.READ)
    rows = selectors.member_academy(user=request.user)["rows"]
    return [_application(r["application"], r["programme"]) for r in rows]


@personal.post("", response={201: ApplicationOut}, url_name="applications_create", summary="Apply")
def applications_create(request, body: ApplicationIn):
    """Apply to a cohort, as on its application page (the line manager must agree).
    Scope: applications."""
    require_scope(request, Scope.APPLICATIONS)
    if not 1 <= body.cohort <= MAX_ID:
        raise Problem(404, "No cohort has this id.")
    cohort = _live(CohortPage, body.cohort)
    form = ApplicationForm(
        {
            "statement": body.statement,
            "manager_agreed": "on" if body.manager_agreed else "",
            "manager_name": body.manager_name,
            "manager_email": body.manager_email,
        }
    )
    if not form.is_valid():
        errors = [
            {"loc": ["body", name], "msg": str(e)}
            for name, errs in form.errors.items()
            for e in errs
        ]
        raise Problem(400, "The application is not complete.", errors=errors)
    if selectors.application_for(user=request.user, cohort=cohort) is not None:
        raise Problem(409, "You have already applied to this cohort.")
    if over_limit(f"academy:apply:{request.user.pk}", limit=APPLICATIONS_PER_HOUR, seconds=3600):
        raise Problem(
            429,
            "You have sent many applications in the last hour; try later.",
            headers={"Retry-After": "3600"},
        )
    try:
        application = services.application_submit(
            cohort=cohort,
            user=request.user,
            statement=form.cleaned_data["statement"],
            manager_name=form.cleaned_data["manager_name"],
            manager_email=form.cleaned_data["manager_email"],
        )
    except services.ApplicationError as exc:
        raise Problem(409, str(exc)) from exc
    application.cohort = cohort
    return 201, _application(application, cohort.get_parent())


register("academy", public, tag="academy")
register("applications", personal, personal=True, tag="applications")


def api_rules():
    """Authorisation rules of these endpoints (gathered by ``institute/api/access.py``)."""
    from institute.api.access import API_REFUSED
    from institute.core.access import ANONYMOUS, MEMBER, Rule

    def cohort():
        from .programmes_demo import sample_cohort

        return sample_cohort()

    return {
        "api:academy_programmes": Rule(ANONYMOUS),
        "api:academy_programme": Rule(
            ANONYMOUS, kwargs=lambda: {"programme_id": cohort().get_parent().pk}
        ),
        "api:academy_cohort": Rule(ANONYMOUS, kwargs=lambda: {"cohort_id": cohort().pk}),
        "api:applications_list": Rule(MEMBER, refused_status=API_REFUSED),
        "api:applications_create": Rule(MEMBER, refused_status=API_REFUSED),  # GET: the list
    }
