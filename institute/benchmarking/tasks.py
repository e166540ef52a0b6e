"""Background work: a cycle's results when it closes (and on demand); history imports;
the reports' PDFs."""

from django_tasks import task


@task()
def compute_cycle_results(cycle_id: int) -> int:
    from .results import compute_results

    return compute_results([cycle_id])


@task()
def import_history(import_id: int) -> str:
    from .imports import history_import_run
    from .models import HistoryImport

    record = HistoryImport.objects.select_related("module_version__module").get(pk=import_id)
    return history_import_run(record=record).status


@task()
def make_report_pdf(pdf_id: int) -> str:
    """Lay out a report's PDF and keep it (``report_pdfs``); a retired request is skipped."""
    from institute.core.canonical import absolute_url

    from . import pdf
    from .models import ReportPdf
    from .report_pdfs import report_pdf_fail, report_pdf_store
    from .views.reports import report_html

    record = (
        ReportPdf.objects.select_related("participant__cycle", "participant__organisation")
        .filter(pk=pdf_id)
        .first()
    )
    if record is None or record.status == ReportPdf.Status.READY:
        return "skipped"
    html = report_html(record.participant)
    try:
        document = pdf.from_html(html, base_url=absolute_url("/"))
    except pdf.Unavailable as error:
        report_pdf_fail(record=record, reason=str(error))
        return ReportPdf.Status.FAILED
    report_pdf_store(record=record, document=document)  # dropped if retired meanwhile
    return ReportPdf.Status.READY
