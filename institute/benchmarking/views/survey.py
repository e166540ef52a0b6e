"""The survey end-users answer through an anonymous link, and the coordinator's dashboard."""

import re
import uuid

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from institute.core.ratelimit import client_address
from institute.people.selectors import is_coordinator, is_staff_member

from .. import selectors
from ..forms import SurveyForm, SurveyStepForm, carried_values, field_name
from ..models import Cycle, Module, Question, Section, SurveyLink
from ..services import SurveyClosed, link_rate_limited, response_submit

# Link tokens are secrets.token_urlsafe(): ASCII letters, digits, "-" and "_" (a NUL byte or
# other text would otherwise reach the database, which PostgreSQL refuses with an error).
_TOKEN = re.compile(r"[-\w]{1,40}", re.ASCII)


def _link_or_none(token):
    if not _TOKEN.fullmatch(token):
        return None
    sections = Prefetch(
        "module_version__sections",
        queryset=Section.objects.order_by("position").prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position"))
        ),
    )
    return (
        SurveyLink.objects.select_related(
            "participant__cycle", "participant__organisation", "module_version__module"
        )
        .prefetch_related(sections)
        .filter(token=token)
        .first()
    )


# The focused layout's header and its one way out (templates/base_focused.html).
SERVICE_NAME = "Benchmarking survey"


def _focused(*, leaving):
    """The focused layout's service name and way out: "Leave the survey" while answering,
    back to the site once there is nothing left to answer."""
    if leaving:
        way_out = {
            "way_out_url": reverse("benchmarking:index"),
            "way_out_label": "Leave the survey",
        }
    else:
        way_out = {"way_out_url": "/", "way_out_label": "Go to the society’s website"}
    return {"service_name": SERVICE_NAME, **way_out}


def _unavailable(request, title, message, status):
    context = {"title": title, "message": message, "meta_title": title, **_focused(leaving=False)}
    return render(request, "benchmarking/survey_unavailable.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request, token):
    link = _link_or_none(token)
    if link is None:
        return _unavailable(
            request,
            "Survey link not recognised",
            "This survey link is not one we know. Please check you copied the whole link, "
            "or ask the person who sent it to you for a new one.",
            404,
        )
    cycle = link.participant.cycle
    if cycle.status != Cycle.Status.OPEN:
        return _unavailable(
            request,
            "This survey is closed",
            f"The {cycle.year} benchmarking survey is closed, so it cannot take answers any "
            "more. Thank you for your interest.",
            410,
        )
    module = link.module_version.module
    if module.level == Module.Level.ORGANISATION:
        # Organisation metrics are the coordinator's to fill in, not the end-users'.
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if not (
            is_staff_member(user=request.user)
            or is_coordinator(user=request.user, organisation=link.participant.organisation)
        ):
            raise PermissionDenied
    sections = list(link.module_version.sections.all())
    all_questions = [q for s in sections for q in s.questions.all()]
    if request.method == "GET":
        initial = {"submission_token": uuid.uuid4()}
        form = SurveyForm(initial=initial, questions=sections[0].questions.all())
        return _render(request, link, sections, 0, form, carried=[])
    return _post(request, link, sections, all_questions)


def _post(request, link, sections, all_questions):
    data = request.POST
    step, action = SurveyStepForm(data).step_and_action(steps=len(sections))
    token_form = SurveyForm(data, questions=[])
    if not token_form.is_valid():
        # A missing or tampered token: start again with a fresh one rather than fail.
        form = SurveyForm(
            initial={"submission_token": uuid.uuid4()}, questions=sections[0].questions.all()
        )
        return _render(request, link, sections, 0, form, carried=[], restarted=True)
    token = token_form.cleaned_data["submission_token"]
    if action == "back":
        return _show(request, link, sections, max(step - 1, 0), data, token)
    current = SurveyForm(data, questions=sections[step].questions.all())
    if not current.is_valid():
        return _render(request, link, sections, step, current, _carry(data, sections, step))
    if action != "submit" or step < len(sections) - 1:
        return _show(request, link, sections, min(step + 1, len(sections) - 1), data, token)
    everything = SurveyForm(data, questions=all_questions)
    if not everything.is_valid():
        bad = next(
            i
            for i, s in enumerate(sections)
            if any(field_name(q) in everything.errors for q in s.questions.all())
        )
        form = SurveyForm(data, questions=sections[bad].questions.all())
        form.is_valid()
        return _render(request, link, sections, bad, form, _carry(data, sections, bad))
    if link_rate_limited(link=link, address=client_address(request)):
        return _render(
            request,
            link,
            sections,
            step,
            current,
            _carry(data, sections, step),
            status=429,
            busy=True,
        )
    try:
        response_submit(link=link, submission_token=token, answers=everything.answers())
    except SurveyClosed:
        return redirect("benchmarking:survey", token=link.token)
    return redirect("benchmarking:survey_done", token=link.token)


def _carry(data, sections, step):
    others = [q for i, s in enumerate(sections) if i != step for q in s.questions.all()]
    return carried_values(data, others)


def _show(request, link, sections, step, data, token):
    """Show a section unbound, pre-filled from what was answered so far."""
    questions = sections[step].questions.all()
    initial = {"submission_token": token}
    for q in questions:
        values = data.getlist(field_name(q))
        if q.type == Question.Type.MULTIPLE:
            initial[field_name(q)] = values
        elif values:
            initial[field_name(q)] = values[0]
    form = SurveyForm(initial=initial, questions=questions)
    return _render(request, link, sections, step, form, _carry(data, sections, step))


def _render(request, link, sections, step, form, carried, status=200, busy=False, restarted=False):
    cycle = link.participant.cycle
    module = link.module_version.module
    title = f"{module.title} survey {cycle.year}"
    context = {
        "link": link,
        "module": module,
        "cycle": cycle,
        "organisation": link.participant.organisation,
        "section": sections[step],
        "step": step,
        "step_number": step + 1,
        "steps": len(sections),
        "is_last": step == len(sections) - 1,
        "form": form,
        "carried": carried,
        "busy": busy,
        "restarted": restarted,
        "meta_title": title,
        "title": title,
        **_focused(leaving=True),
    }
    return render(request, "benchmarking/survey.html", context, status=status)


@never_cache
@require_GET
def survey_done(request, token):
    link = _link_or_none(token)
    if link is None:
        return _unavailable(
            request, "Survey link not recognised", "This survey link is not one we know.", 404
        )
    return render(
        request,
        "benchmarking/survey_done.html",
        {
            "link": link,
            "meta_title": "Thank you",
            "cycle": link.participant.cycle,
            **_focused(leaving=False),
        },
    )


@require_GET
@login_required
def dashboard(request):
    """A coordinator's participations: survey links and live response counts."""
    participants = selectors.coordinator_participations(user=request.user)
    context = {
        "participants": participants,
        "meta_title": "Your benchmarking",
        "breadcrumbs": [
            {"title": "Benchmarking", "url": reverse("benchmarking:index")},
            {"title": "Your benchmarking", "url": request.path},
        ],
    }
    return render(request, "benchmarking/dashboard.html", context)
