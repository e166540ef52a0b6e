"""Action plans: a coordinator turns findings into actions, with suggested help on the topic."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from institute.core import topics as topic_registry
from institute.core.models import Topic

from .. import selectors
from ..forms import ActionForm, FindingForm
from ..models import Action, Question
from ..services import action_create, action_update
from .reports import report_participant


def _suggestions(question):
    """Training and resources on the finding's topic from the other rooms' topic sections."""
    if question is None or not question.topic_slug:
        return None, []
    topic = Topic.objects.filter(slug=question.topic_slug).first()
    if topic is None:
        return None, []
    found = []
    for section in topic_registry.sections():
        if section.key in ("benchmarking", "pages"):
            continue
        items = section.items(topic=topic, limit=3)
        if items:
            found.append((section, items))
    return topic, found


@require_http_methods(["GET", "POST"])
@login_required
def actions(request, year, organisation):
    participant = report_participant(request, year, organisation)
    key = FindingForm(request.GET).key()
    question = (
        Question.objects.filter(module_version__cycles=participant.cycle, key=key).first()
        if key
        else None
    )
    if request.method == "POST":
        form = ActionForm(request.POST)
        if form.is_valid():
            action_create(
                participant=participant, user=request.user, question=question, **form.cleaned_data
            )
            return redirect("benchmarking:actions", year=year, organisation=organisation)
    else:
        initial = {"title": f"Improve: {question.text}"[:200]} if question else {}
        form = ActionForm(initial=initial)
    topic, suggestions = _suggestions(question)
    report_url = reverse("benchmarking:report", args=[year, organisation])
    return render(
        request,
        "benchmarking/actions.html",
        {
            "participant": participant,
            "organisation": participant.organisation,
            "cycle": participant.cycle,
            "actions": selectors.participant_actions(participant=participant),
            "form": form,
            "question": question,
            "topic": topic,
            "suggestions": suggestions,
            "meta_title": f"{participant.organisation.name}: action plan {year}",
            "breadcrumbs": [
                {"title": "Benchmarking", "url": reverse("benchmarking:index")},
                {"title": participant.organisation.name, "url": report_url},
                {"title": "Action plan", "url": request.path},
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_edit(request, year, organisation, pk):
    participant = report_participant(request, year, organisation)
    action = get_object_or_404(Action, pk=pk, participant=participant)
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        action_update(action=action, **form.cleaned_data)
        return redirect("benchmarking:actions", year=year, organisation=organisation)
    return render(
        request,
        "benchmarking/action_edit.html",
        {
            "action": action,
            "form": form,
            "participant": participant,
            "meta_title": f"Edit action: {action.title}",
            "breadcrumbs": [
                {"title": "Benchmarking", "url": reverse("benchmarking:index")},
                {
                    "title": "Action plan",
                    "url": reverse("benchmarking:actions", args=[year, organisation]),
                },
                {"title": "Edit action", "url": request.path},
            ],
        },
    )
