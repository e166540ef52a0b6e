"""CSV and XLSX downloads of an organisation's report: the same disclosed figures as the page.

The distribution column reads ``Strongly disagree: 3; Disagree: 5; …`` (counts of responses,
in the question's option order), blank where the page shows none.
"""

import csv
import io

from openpyxl import Workbook

COLUMNS = [
    "year",
    "module",
    "question_key",
    "question",
    "figure",
    "responses",
    "organisations",
    "mean",
    "share_favourable",
    "ci95_low",
    "ci95_high",
    "quartile_among_type_peers",
    "distribution",
    "note",
]

LABELS = {"own": "Your organisation", "type": "Same type", "region": "Same region"}


def report_table(year, rows) -> list[list]:
    """One line per question and figure; suppressed figures are blank with the reason."""
    table = []
    for row in rows:
        q = row["question"]
        for name in ("own", "type", "region", "sector"):
            f = row.get(name)
            if f is None:
                continue
            table.append(
                [
                    year,
                    q.module_version.module.title,
                    q.key,
                    q.text,
                    LABELS.get(name, "Sector"),
                    f.n,
                    f.organisations,
                    _round(f.mean),
                    _round(f.share),
                    _round(f.ci_low),
                    _round(f.ci_high),
                    f.quartile if name == "own" else None,
                    _distribution(q, f),
                    f.reason,
                ]
            )
    return table


def _distribution(question, figure):
    if not figure.distribution:
        return None
    counts = {float(value): count for value, count in figure.distribution.items()}
    return (
        "; ".join(f"{o['label']}: {counts.get(float(o['value']), 0)}" for o in question.options)
        or None
    )


def _round(value):
    return None if value is None else round(value, 4)


def _safe(value):
    # Spreadsheet programs run cells starting with these as formulas.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_csv(table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for line in table:
        writer.writerow(["" if v is None else _safe(v) for v in line])
    return out.getvalue()


def to_xlsx(table) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Report")
    sheet.append(COLUMNS)
    for line in table:
        sheet.append([_safe(v) for v in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
