"""Staff change a cycle's status here, so links and results come from the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from ..models import Cycle
from ..services import cycle_close, cycle_open
from ..tasks import compute_cycle_results


@require_http_methods(["GET", "POST"])
@login_required
def cycle_manage(request, pk):
    # Staff whose role lets them change cycles (Staff editor, Staff admin: docs/people.md).
    if not request.user.has_perm("benchmarking.change_cycle"):
        raise PermissionDenied
    cycle = get_object_or_404(
        Cycle.objects.annotate(participant_count=Count("participants")), pk=pk
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "open":
            cycle_open(cycle=cycle)
            messages.success(request, f"{cycle.year} is open; every participant has its links.")
        elif action == "close":
            cycle_close(cycle=cycle)
            messages.success(request, f"{cycle.year} is closed; its results are being computed.")
        elif action == "recompute" and cycle.status == Cycle.Status.CLOSED:
            compute_cycle_results.enqueue(cycle.pk)
            messages.success(request, f"The results of {cycle.year} are being recomputed.")
        else:
            messages.error(request, "That change is not possible for this cycle.")
        return redirect("benchmarking:cycle_manage", pk=cycle.pk)
    return render(
        request,
        "benchmarking/cycle_manage.html",
        {"cycle": cycle, "meta_title": f"Manage benchmarking {cycle.year}"},
    )
