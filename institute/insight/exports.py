"""CSV and XLSX downloads of place insight's tables: the same figures as the pages."""

import csv
import io

from django.http import Http404, HttpResponse
from openpyxl import Workbook

FORMATS = ("csv", "xlsx")


def _safe(value):
    # Spreadsheet programs run cells starting with these as formulas.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _round(value):
    return None if value is None else round(value, 2)


def download(head: list[str], rows: list[list], *, name: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(head)
        for row in rows:
            writer.writerow(["" if v is None else _safe(v) for v in row])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Place insight")
        sheet.append(head)
        for row in rows:
            sheet.append([_safe(v) for v in row])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def rounded(value):
    return _round(value)
