"""Members' pages: "my mentoring", registration for a round, a pair's page, and coaching.

A pair's page is for its mentor, its mentee and staff; a coaching session's page is for its
coach, its participant and staff — and its notes only ever for the coach and the
participant. Anyone else gets a 404, as if the page did not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from institute.people.selectors import is_staff_member

from .. import coaching_selectors, coaching_services, mentoring_selectors, mentoring_services
from ..coaching_services import TRANSITIONS
from ..models import CoachingSession, Pair, Registration, Round
from .forms import (
    FeedbackForm,
    MeetingForm,
    PairActionForm,
    RegistrationForm,
    SessionRequestForm,
    SessionUpdateForm,
)

MENTORING_CRUMB = {"title": "My mentoring", "url": reverse_lazy("academy:mentoring")}
COACHING_CRUMB = {"title": "Coaching", "url": reverse_lazy("academy:coaching")}


def _page(title, *crumbs):
    return {"meta_title": title, "breadcrumbs": list(crumbs)}


def _refusal(form, error):
    for message in error.messages:
        form.add_error(None, message)


@never_cache
@login_required
@require_GET
def my_mentoring(request):
    context = {
        "rounds": mentoring_selectors.rounds_open(),
        "registrations": mentoring_selectors.registrations_for(user=request.user),
        "pairs": mentoring_selectors.pairs_for(user=request.user),
        **_page("My mentoring", MENTORING_CRUMB),
    }
    return render(request, "academy/mentoring/my_mentoring.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def register(request, slug):
    round = get_object_or_404(Round, slug=slug, state=Round.State.OPEN)
    existing = Registration.objects.filter(round=round, user=request.user).first()
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                mentoring_services.registration_save(
                    round=round,
                    user=request.user,
                    role=data["role"],
                    topics=data["topics"],
                    seniority=data["seniority"],
                    region=data["region"],
                    format=data["format"],
                    available=data["available"],
                    capacity=data.get("capacity") or 1,
                    goals=data["goals"],
                    not_with=data["not_with"],
                )
            except ValidationError as error:
                _refusal(form, error)
            else:
                messages.success(request, f"You are registered for {round.name}.")
                return redirect("academy:mentoring")
    else:
        form = RegistrationForm(initial=RegistrationForm.initial_for(existing))
    title = f"Register for {round.name}"
    context = {
        "round": round,
        "form": form,
        "existing": existing,
        **_page(title, MENTORING_CRUMB, {"title": title, "url": request.path}),
    }
    return render(request, "academy/mentoring/register.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def pair(request, pk):
    pair = get_object_or_404(
        Pair.objects.select_related("round", "mentor__user", "mentee__user"), pk=pk
    )
    # Until staff confirm the pairs, a proposed pair is for staff only.
    confirmed = pair.round.state in (Round.State.CONFIRMED, Round.State.CLOSED)
    member = confirmed and pair.has_member(request.user)
    if not member and not is_staff_member(user=request.user):
        raise Http404
    meeting_form, feedback_form = MeetingForm(prefix="meeting"), FeedbackForm(prefix="feedback")
    if request.method == "POST":
        action = PairActionForm(request.POST)
        if not member or not action.is_valid():
            raise Http404
        if action.cleaned_data["action"] == "meeting":
            form = meeting_form = MeetingForm(request.POST, prefix="meeting")
        else:
            form = feedback_form = FeedbackForm(request.POST, prefix="feedback")
        if form.is_valid():
            try:
                if form is meeting_form:
                    mentoring_services.meeting_record(
                        pair=pair, user=request.user, **form.cleaned_data
                    )
                    done = "Your meeting is recorded."
                else:
                    mentoring_services.feedback_give(
                        pair=pair, user=request.user, **form.cleaned_data
                    )
                    done = "Thank you for your feedback."
            except ValidationError as error:
                if form is meeting_form:
                    _refusal(form, error)
                else:
                    # Feedback not open yet: the page has no form to show the error beside.
                    for message in error.messages:
                        messages.error(request, message)
                    return redirect("academy:mentoring_pair", pk=pair.pk)
            else:
                messages.success(request, done)
                return redirect("academy:mentoring_pair", pk=pair.pk)
    title = f"{pair.mentor.user.get_full_name()} and {pair.mentee.user.get_full_name()}"
    context = {
        "pair": pair,
        "member": member,
        "open": confirmed,
        "feedback_open": mentoring_selectors.feedback_open(round=pair.round),
        "feedback_refusal": mentoring_selectors.feedback_refusal(round=pair.round),
        "meetings": pair.meetings.all(),
        "meeting_form": meeting_form,
        "feedback_form": feedback_form,
        "explained": mentoring_selectors.pair_explained(pair=pair),
        **_page(title, MENTORING_CRUMB, {"title": title, "url": request.path}),
    }
    return render(request, "academy/mentoring/pair.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def coaching(request):
    coaches = coaching_selectors.coaches_available()
    if request.method == "POST":
        form = SessionRequestForm(request.POST, coaches=coaches)
        if form.is_valid():
            try:
                session = coaching_services.session_request(
                    participant=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _refusal(form, error)
            else:
                messages.success(request, "Your request is with the coach.")
                return redirect("academy:coaching_session", pk=session.pk)
    else:
        form = SessionRequestForm(coaches=coaches)
    context = {
        "coaches": coaches,
        "form": form,
        "sessions": coaching_selectors.sessions_for(user=request.user),
        **_page("Coaching", COACHING_CRUMB),
    }
    return render(request, "academy/coaching/coaching.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def coaching_session(request, pk):
    session = get_object_or_404(
        CoachingSession.objects.select_related("coach__user", "participant"), pk=pk
    )
    party = session.is_party(request.user)
    if not party and not is_staff_member(user=request.user):
        raise Http404
    is_coach = request.user.pk == session.coach.user_id
    statuses = sorted(TRANSITIONS.get(session.status, ())) if is_coach else []
    form = None
    if party:
        if request.method == "POST":
            form = SessionUpdateForm(request.POST, statuses=statuses)
            if form.is_valid():
                try:
                    coaching_services.session_update(
                        session=session,
                        user=request.user,
                        status=form.cleaned_data.get("status") or None,
                        notes=form.cleaned_data["notes"],
                    )
                except ValidationError as error:
                    _refusal(form, error)
                else:
                    messages.success(request, "The session is saved.")
                    return redirect("academy:coaching_session", pk=session.pk)
        else:
            form = SessionUpdateForm(initial={"notes": session.notes}, statuses=statuses)
    elif request.method == "POST":
        raise Http404
    title = f"Coaching session, {session.starts_at:%-d %B %Y}"
    context = {
        "session": session,
        "party": party,
        "form": form,
        **_page(title, COACHING_CRUMB, {"title": title, "url": request.path}),
    }
    return render(request, "academy/coaching/session.html", context)
