"""Staff run a mentoring round from the Wagtail admin: compute, review, swap, lock, confirm.

Every change is a POST through a form to the services, which hold the rules (a round's
stages, the hard rules of a swap); a refused change comes back as their message.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_http_methods

from .. import matching, mentoring_selectors, mentoring_services
from ..models import Pair, Round
from .forms import LockForm, RoundActionForm, SwapForm

PERMISSION = "academy.change_round"
NEXT_LABEL = {
    Round.State.OPEN: "Close registration and start matching",
    Round.State.MATCHING: "Confirm the pairs and e-mail both sides",
    Round.State.CONFIRMED: "Close the round",
}


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


@require_http_methods(["GET"])
def rounds(request):
    _require(request)
    context = {"title": "Mentoring rounds", "rounds": Round.objects.order_by("-starts_on", "pk")}
    return render(request, "academy/mentoring/admin/rounds.html", context)


@require_http_methods(["GET", "POST"])
def _confirm_pairs(request, round):
    """The second screen before the pairs are confirmed: who will be e-mailed what."""
    summary = mentoring_selectors.round_summary(round=round)
    unmatched = mentoring_selectors.registrations_unmatched(round=round)
    context = {
        "title": f"Confirm the pairs: {round.name}",
        "round": round,
        "summary": summary,
        "unmatched": len(unmatched),
    }
    return render(request, "academy/mentoring/admin/round_confirm.html", context)


def round_detail(request, pk):
    _require(request)
    round = get_object_or_404(Round, pk=pk)
    pairs = round.pairs.select_related(
        "mentor__user__organisation", "mentee__user__organisation"
    ).order_by("mentor__user__last_name", "mentor_id", "mentee_id")
    action_form, swap_form = RoundActionForm(), SwapForm(pairs=pairs)
    if request.method == "POST":
        form = None
        try:
            if "action" in request.POST:
                form = action_form = RoundActionForm(request.POST)
                if form.is_valid():
                    if form.cleaned_data["action"] == "match":
                        result = mentoring_services.round_match(round=round)
                        paired, left = len(result.pairs), len(result.unmatched_mentees)
                        messages.success(
                            request,
                            f"{paired} pair{pluralize(paired)}, total fit {result.total}; "
                            f"{left} mentee{pluralize(left)} not matched.",
                        )
                    elif round.state == Round.State.MATCHING and not form.cleaned_data["confirmed"]:
                        return _confirm_pairs(request, round)
                    else:
                        round = mentoring_services.round_advance(round=round)
                        messages.success(request, f"{round.name}: {round.get_state_display()}.")
                    return redirect("academy_mentoring_admin:round", pk=round.pk)
            elif "first" in request.POST:
                form = swap_form = SwapForm(request.POST, pairs=pairs)
                if form.is_valid():
                    mentoring_services.pairs_swap(**form.cleaned_data)
                    messages.success(request, "The mentees are swapped and both pairs locked.")
                    return redirect("academy_mentoring_admin:round", pk=round.pk)
            else:
                form = LockForm(request.POST)
                if form.is_valid():
                    pair = get_object_or_404(Pair, pk=form.cleaned_data["pair"], round=round)
                    mentoring_services.pair_lock(pair=pair, locked=form.cleaned_data["locked"])
                    return redirect("academy_mentoring_admin:round", pk=round.pk)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("academy_mentoring_admin:round", pk=round.pk)
        if form is not None and form.errors:
            messages.error(request, "That change could not be made: " + form.errors.as_text())
    context = {
        "title": round.name,
        "round": round,
        "summary": mentoring_selectors.round_summary(round=round),
        "pairs": [(p, mentoring_selectors.pair_explained(pair=p)) for p in pairs],
        "unmatched": mentoring_selectors.registrations_unmatched(round=round),
        "next_label": NEXT_LABEL.get(round.state),
        "action_form": action_form,
        "swap_form": swap_form,
        "parts": [matching.PART_LABELS[p] for p in matching.PARTS],
    }
    return render(request, "academy/mentoring/admin/round.html", context)
