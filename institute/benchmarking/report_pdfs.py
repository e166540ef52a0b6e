"""The reports' PDFs, made in the background and kept in storage (docs/benchmarking.md,
"The report on paper").

Laying out a report of forty pages takes minutes at national scale, too long for a request.
A request asks for the PDF of the report as it stands (``report_pdf_ensure``): a stored one
of the same version is served; otherwise one is queued (``tasks.make_report_pdf``) and the
page says it is being prepared. A PDF's version fingerprints what it shows, so new results,
a publication or a changed action plan make a new one; ``report_pdfs_retire`` removes every
stored PDF when results are computed again.
"""

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .models import ReportPdf

# A PDF queued this long ago and still not made is queued again (a worker may have died).
PENDING_SECONDS = 15 * 60
# A PDF that could not be made is tried again after this long (the system may be fixed).
RETRY_SECONDS = 60 * 60


def report_pdf_version(*, body_key: str, published_at, plan: dict) -> str:
    """A fingerprint of everything a report's PDF shows: the report body's key (this year's
    and every closed year's results), the cycle's publication and the action plan's counts."""
    published = published_at.isoformat() if published_at else ""
    counts = ",".join(f"{k}={v}" for k, v in sorted(plan.items()))
    return hashlib.sha256(f"{body_key}|{published}|{counts}".encode()).hexdigest()


def _enqueue(record):
    from .tasks import make_report_pdf

    transaction.on_commit(lambda: make_report_pdf.enqueue(record.pk))


def _stored(record) -> bool:
    return bool(record.file) and record.file.storage.exists(record.file.name)


def report_pdf_ensure(*, participant, version: str) -> ReportPdf:
    """The participant's PDF of this version: ready, failed, or (queued now if need be)
    pending."""
    now = timezone.now()
    record, created = ReportPdf.objects.get_or_create(
        participant=participant, version=version, defaults={"requested_at": now}
    )
    if created:
        _enqueue(record)
        return record
    if record.status == ReportPdf.Status.READY:
        stale = not _stored(record)  # the only case that asks the storage
    elif record.status == ReportPdf.Status.PENDING:
        stale = record.requested_at < now - dt.timedelta(seconds=PENDING_SECONDS)
    else:
        stale = (record.finished_at or record.requested_at) < now - dt.timedelta(
            seconds=RETRY_SECONDS
        )
    if stale:
        _requeue(record=record, now=now)
    return record


def _requeue(*, record: ReportPdf, now) -> bool:
    """Queue a stale PDF again. Only the request whose update still finds the record as it
    read it queues the task: two requests that both saw it stale make one PDF, not two."""
    requeued = ReportPdf.objects.filter(
        pk=record.pk, status=record.status, requested_at=record.requested_at
    ).update(status=ReportPdf.Status.PENDING, requested_at=now, reason="")
    record.refresh_from_db()
    if requeued:
        _enqueue(record)
    return bool(requeued)


def report_pdf_store(*, record: ReportPdf, document: bytes) -> None:
    """Keep a made PDF and retire the participant's older ones."""
    name = f"benchmarking-{record.participant_id}-{record.version[:16]}.pdf"
    record.file.save(name, ContentFile(document), save=False)
    kept = ReportPdf.objects.filter(pk=record.pk).update(
        file=record.file.name,
        status=ReportPdf.Status.READY,
        reason="",
        finished_at=timezone.now(),
    )
    if not kept:  # retired (new results) while it was being laid out
        record.file.delete(save=False)
        return
    _delete(ReportPdf.objects.filter(participant_id=record.participant_id).exclude(pk=record.pk))


def report_pdf_fail(*, record: ReportPdf, reason: str) -> None:
    record.status = ReportPdf.Status.FAILED
    record.reason = reason[:2000]
    record.finished_at = timezone.now()
    record.save(update_fields=["status", "reason", "finished_at"])


def _delete(records) -> int:
    """Delete the records, then their files once the deletion has committed (a rollback
    keeps both). Reads only the ids and file names."""
    rows = list(records.values_list("pk", "file"))
    names = [name for _, name in rows if name]
    deleted = ReportPdf.objects.filter(pk__in=[pk for pk, _ in rows]).delete()[0]
    if names:
        storage = ReportPdf._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
    return deleted


def report_pdfs_retire() -> int:
    """Remove every stored PDF (results were computed again: every report's history may
    have changed). Returns how many records went."""
    return _delete(ReportPdf.objects.all())
