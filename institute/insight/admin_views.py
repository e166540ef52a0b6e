"""Import status: the files checked or written, the scores computed, and an upload form
that runs the same checks as ``manage.py insight_import``."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .forms import UploadForm
from .importer import import_values
from .models import FrameworkVersion, ImportRun, ScoreRun
from .services import framework_weights_compute, scores_compute

PERMISSION = "insight.change_frameworkversion"


@require_http_methods(["GET", "POST"])
def imports(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    report = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            suffix = Path(upload.name).suffix.lower()[:5]
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / f"upload{suffix}"
                with open(path, "wb") as out:
                    for chunk in upload.chunks():
                        out.write(chunk)
                year = form.cleaned_data["year"]
                report = import_values(
                    path,
                    year=year,
                    dry_run=form.cleaned_data["dry_run"],
                    name=Path(upload.name).name,
                )
            if report.written:
                for version in FrameworkVersion.objects.all():
                    framework_weights_compute(version=version, year=year)
                    scores_compute(version=version, year=year)
                messages.success(
                    request,
                    f"Imported {report.values:,} values for {year}; scores recomputed.",
                )
                return redirect("insight_admin:imports")
    else:
        form = UploadForm()
    context = {
        "form": form,
        "report": report,
        "imports": ImportRun.objects.all()[:30],
        "runs": ScoreRun.objects.select_related("version").order_by("-year", "-version__number"),
    }
    return render(request, "insight/admin/imports.html", context)
