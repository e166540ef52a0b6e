"""Staff run benchmarking from the Wagtail admin: a cycle's page, its changes, history imports.

Every change is a POST from a confirmation page (CSRF-protected) that asks the services;
the state rules are theirs (``services.TRANSITIONS``), and a refused change comes back as
their message. Long work runs as a task; its page shows progress and refreshes itself
(``static/benchmarking/progress.js``, or a ``<noscript>`` refresh without scripts).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .. import selectors, services
from ..forms import HistoryUploadForm
from ..imports import ImportStateError, history_import_check, history_import_confirm
from ..models import Cycle, HistoryImport

PERMISSION = "benchmarking.change_cycle"

# change → (service, button label, what the confirmation says happens, message when done)
CHANGES = {
    "open": (
        services.cycle_open,
        "Open the cycle",
        "Participants get a survey link per module and end-users can answer.",
        "{year} is open; every participant has its links.",
    ),
    "issue-links": (
        services.cycle_links_issue,
        "Issue survey links",
        "Participants or modules added since the cycle opened get their survey links.",
        "Survey links are issued to every participant of {year}.",
    ),
    "close": (
        services.cycle_close,
        "Close the cycle",
        "No more answers are taken, and the results are computed. A cycle does not reopen.",
        "{year} is closed; its results are being computed.",
    ),
    "recompute": (
        services.cycle_results_recompute,
        "Recompute the results",
        "The results are computed again from every answer, imported history included.",
        "The results of {year} are being recomputed.",
    ),
    "publish": (
        services.cycle_publish,
        "Publish the results",
        "The results become final: no more recomputing and no more imports into this year.",
        "The results of {year} are published.",
    ),
}


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _allowed_changes(cycle):
    return [
        (change, CHANGES[change][1])
        for change, transition in services.TRANSITIONS.items()
        if cycle.status in transition.allowed
    ]


@require_http_methods(["GET"])
def cycle(request, pk):
    _require(request)
    cycle = get_object_or_404(Cycle.objects.prefetch_related("module_versions__module"), pk=pk)
    context = {
        "title": f"Benchmarking {cycle.year}",
        "cycle": cycle,
        "counts": selectors.cycle_response_counts(cycle=cycle),
        "changes": _allowed_changes(cycle),
        "imports": HistoryImport.objects.filter(year=cycle.year).select_related(
            "module_version__module"
        )[:10],
    }
    return render(request, "benchmarking/admin/cycle.html", context)


@require_http_methods(["GET", "POST"])
def cycle_change(request, pk, change):
    _require(request)
    if change not in CHANGES:
        raise Http404
    cycle = get_object_or_404(Cycle, pk=pk)
    service, label, explanation, done = CHANGES[change]
    if request.method == "POST":
        try:
            service(cycle=cycle)
        except services.CycleStateError as refused:
            messages.error(request, f"Nothing changed: {refused}.")
        else:
            messages.success(request, done.format(year=cycle.year))
        return redirect("benchmarking_admin:cycle", pk=cycle.pk)
    context = {"cycle": cycle, "change": change, "label": label, "explanation": explanation}
    return render(request, "benchmarking/admin/cycle_change.html", context)


@require_http_methods(["GET", "POST"])
def imports(request):
    _require(request)
    if request.method == "POST":
        form = HistoryUploadForm(request.POST, request.FILES)
        if form.is_valid():
            record = history_import_check(
                upload=form.cleaned_data["file"],
                year=form.cleaned_data["year"],
                module_version=form.cleaned_data["module_version"],
                user=request.user,
            )
            return redirect("benchmarking_admin:import", pk=record.pk)
    else:
        # "Upload a corrected file" comes back here with the year and module filled in.
        form = HistoryUploadForm(initial=_initial(request.GET))
    context = {
        "form": form,
        "imports": HistoryImport.objects.select_related("module_version__module")[:20],
    }
    return render(request, "benchmarking/admin/imports.html", context)


def _initial(query):
    initial = {}
    if query.get("year", "").isascii() and query.get("year", "").isdigit():
        initial["year"] = int(query["year"][:4])
    if query.get("module_version", "").isascii() and query.get("module_version", "").isdigit():
        initial["module_version"] = int(query["module_version"][:9])
    return initial


@require_http_methods(["GET", "POST"])
def history_import(request, pk):
    _require(request)
    record = get_object_or_404(
        HistoryImport.objects.select_related("module_version__module", "created_by"), pk=pk
    )
    if request.method == "POST":
        try:
            history_import_confirm(record=record)
        except ImportStateError as refused:
            messages.error(request, f"Nothing changed: {refused}.")
        return redirect("benchmarking_admin:import", pk=record.pk)
    cycle = Cycle.objects.filter(year=record.year).first()
    running = record.status in (HistoryImport.Status.QUEUED, HistoryImport.Status.RUNNING)
    context = {
        "record": record,
        "report": record.report,
        "cycle": cycle,
        "running": running,
        "retry_url": reverse("benchmarking_admin:imports")
        + f"?year={record.year}&module_version={record.module_version_id}",
    }
    return render(request, "benchmarking/admin/import.html", context)
