from .actions import action_edit, actions
from .reports import index, report, report_export, report_pdf, report_pdf_status, summary
from .survey import dashboard, survey, survey_done

__all__ = [
    "action_edit",
    "actions",
    "dashboard",
    "index",
    "report",
    "report_export",
    "report_pdf",
    "report_pdf_status",
    "summary",
    "survey",
    "survey_done",
]
