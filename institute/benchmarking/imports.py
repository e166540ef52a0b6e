"""Staff import history through the admin: upload and dry run, confirm, write in the background.

The checking and writing are ``importer.import_answers``'s, as for the management command;
this module keeps the upload as a ``HistoryImport`` between the dry run and the
confirmation, and moves it through its states (``docs/benchmarking.md``).
"""

import logging
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .importer import ImportFileError, ImportReport, import_answers
from .models import Cycle, HistoryImport, ModuleVersion

log = logging.getLogger(__name__)


class ImportStateError(Exception):
    """The import cannot be confirmed in its present state; says why."""


def history_import_check(
    *, upload, year: int, module_version: ModuleVersion, user
) -> HistoryImport:
    """Keep an uploaded file and check it as the command's dry run does.

    The record holds the report; a file with errors, or whose answers were imported
    before, is not kept (there is nothing to confirm).
    """
    record = HistoryImport(
        original_name=Path(upload.name).name[:255],
        year=year,
        module_version=module_version,
        created_by=user if user.is_authenticated else None,
    )
    record.file.save(record.original_name, upload, save=False)
    try:
        report = import_answers(
            record.file.path,
            year=year,
            module_key=module_version.module.key,
            version=module_version.version,
            dry_run=True,
        )
    except ImportFileError as exc:
        report = ImportReport(errors=[(0, "", str(exc))], error_count=1)
    record.report = report.as_dict()
    record.fingerprint = report.fingerprint
    if report.error_count or report.refusal or not report.answers:
        record.status = HistoryImport.Status.INVALID
        record.file.delete(save=False)
        record.file = ""
    record.save()
    return record


def history_import_confirm(*, record: HistoryImport) -> HistoryImport:
    """Queue a checked import for writing, once however often it is confirmed."""
    from .tasks import import_history

    with transaction.atomic():
        locked = HistoryImport.objects.select_for_update().get(pk=record.pk)
        if locked.status != HistoryImport.Status.CHECKED:
            raise ImportStateError(
                f"this import is {locked.get_status_display().lower()}; only a checked file "
                "waiting for confirmation can be imported"
            )
        locked.status = HistoryImport.Status.QUEUED
        locked.stage = "Waiting to start"
        locked.save(update_fields=["status", "stage"])
    import_history.enqueue(locked.pk)
    return locked


def _stage(record: HistoryImport, status, stage: str, progress: int) -> None:
    record.status, record.stage, record.progress = status, stage, progress
    HistoryImport.objects.filter(pk=record.pk).update(status=status, stage=stage, progress=progress)


def history_import_run(*, record: HistoryImport) -> HistoryImport:
    """Write a queued import (the background task), then recompute its year if closed.

    The file is checked again as it is written, inside one transaction: nothing of it is
    written unless all of it is.
    """
    _stage(record, HistoryImport.Status.RUNNING, "Checking and writing the answers", 30)
    try:
        report = import_answers(
            record.file.path,
            year=record.year,
            module_key=record.module_version.module.key,
            version=record.module_version.version,
            record=record,
        )
    except ImportFileError as exc:
        report = ImportReport(errors=[(0, "", str(exc))], error_count=1)
    except Exception:
        log.exception("history import %s failed", record.pk)
        report = ImportReport(
            refusal="the import stopped on an unexpected error; nothing was written"
        )
    if not report.written:
        record.report = report.as_dict()
        record.status = HistoryImport.Status.FAILED
        record.stage = "Nothing was written"
        record.finished_at = timezone.now()
        record.save(update_fields=["report", "status", "stage", "finished_at"])
        return record
    record.refresh_from_db()
    cycle = Cycle.objects.get(year=record.year)
    stage = "Imported"
    if cycle.status == Cycle.Status.CLOSED:
        from .services import cycle_results_recompute

        cycle_results_recompute(cycle=cycle)
        stage = f"Imported; the results of {cycle.year} are being recomputed"
    record.file.delete(save=False)
    record.file = ""
    record.stage, record.progress = stage, 100
    record.save(update_fields=["file", "stage", "progress"])
    return record
