"""Staff screens of the programmes, under the Wagtail admin (``wagtail_hooks.py``): cohorts,
a cohort's applications (decided one by one or in bulk, with a message), attendance per
session with completion, and revoking a certificate. Every change is a POST through a form
to the services, which e-mail the applicants."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import AttendanceForm, DecisionForm, RevokeForm
from .models import Application, Certificate, CohortPage, CohortSession
from .models.applications import accepted_per_cohort
from .views import certificate_code, page_id

PERMISSION = "academy.change_application"
Status = Application.Status


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def cohorts(request):
    _require(request)
    rows = CohortPage.objects.annotate(
        applied=Count("applications", filter=~Q(applications__status=Status.WITHDRAWN)),
        accepted=accepted_per_cohort(),
    ).order_by("-starts_on", "path")
    return render(request, "academy/admin/cohorts.html", {"cohorts": rows, "title": "Cohorts"})


@require_http_methods(["GET", "POST"])
def applications(request, cohort_id):
    _require(request)
    cohort = get_object_or_404(CohortPage, pk=page_id(cohort_id))
    rows = (
        Application.objects.filter(cohort=cohort)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    form = DecisionForm(request.POST or None)
    form.fields["applications"].queryset = rows
    if request.method == "POST" and form.is_valid():
        counts = services.applications_decide(
            application_ids=[a.pk for a in form.cleaned_data["applications"]],
            decision=form.cleaned_data["decision"],
            message=form.cleaned_data["message"],
        )
        summary = ", ".join(
            f"{n} {Status(k).label.lower() if k in Status.values else k}"
            for k, n in sorted(counts.items())
        )
        messages.success(request, f"Done: {summary}. Each applicant has been e-mailed.")
        return redirect("academy_admin:applications", cohort_id=cohort.pk)
    accepted = sum(1 for a in rows if a.status == Status.ACCEPTED)
    return render(
        request,
        "academy/admin/applications.html",
        {
            "cohort": cohort,
            "rows": rows,
            "form": form,
            "accepted": accepted,
            "title": f"Applications: {cohort.get_parent().title}, {cohort.title}",
        },
    )


def attendance(request, cohort_id):
    _require(request)
    cohort = get_object_or_404(CohortPage, pk=page_id(cohort_id))
    sessions = list(CohortSession.objects.filter(cohort=cohort).order_by("start", "pk"))
    accepted = list(
        Application.objects.filter(cohort=cohort)
        .accepted()
        .select_related("user")
        .prefetch_related("attendances")
        .order_by("created_at", "pk")
    )
    grid = []
    for application in accepted:
        came = {a.session_id for a in application.attendances.all()}
        grid.append({"application": application, "came": came, "count": len(came)})
    programme = cohort.get_parent().specific
    return render(
        request,
        "academy/admin/attendance.html",
        {
            "cohort": cohort,
            "sessions": sessions,
            "grid": grid,
            "programme": programme,
            "title": f"Attendance: {programme.title}, {cohort.title}",
        },
    )


@require_http_methods(["GET", "POST"])
def attendance_session(request, cohort_id, session_id):
    """Save who came to one session (a GET goes back to the cohort's attendance)."""
    _require(request)
    session = get_object_or_404(CohortSession, cohort_id=page_id(cohort_id), pk=session_id)
    if request.method == "POST":
        form = AttendanceForm(request.POST)
        form.fields["came"].queryset = Application.objects.filter(cohort_id=cohort_id).accepted()
        if form.is_valid():
            came = services.attendance_record(
                session=session, application_ids=[a.pk for a in form.cleaned_data["came"]]
            )
            messages.success(request, f"Attendance saved for {session.title}: {came} came.")
        else:
            messages.error(request, "The attendance could not be saved: choose from the list.")
    return redirect("academy_admin:attendance", cohort_id=cohort_id)


@require_POST
def complete(request, cohort_id):
    _require(request)
    cohort = get_object_or_404(CohortPage, pk=page_id(cohort_id))
    issued = services.cohort_complete(cohort=cohort)
    messages.success(request, f"{len(issued)} certificate{'s' if len(issued) != 1 else ''} issued.")
    return redirect("academy_admin:attendance", cohort_id=cohort.pk)


@require_http_methods(["GET", "POST"])
def revoke(request, code):
    _require(request)
    certificate = get_object_or_404(Certificate, code=certificate_code(code) or "")
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.certificate_revoke(certificate=certificate, reason=form.cleaned_data["reason"])
        messages.success(request, f"Certificate {certificate.code} is revoked.")
        return redirect("academy_admin:cohorts")
    return render(
        request,
        "academy/admin/revoke.html",
        {"certificate": certificate, "form": form, "title": f"Revoke {certificate.code}"},
    )
