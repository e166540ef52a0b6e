"""The repeated parts of the report and the summary, built as strings.

A report has dozens of questions, each with a figures table, a distribution chart and table
and a trend of up to 25 years: as template includes inside loops that is tens of thousands
of template nodes per request. Here the same markup is built directly; every text value goes
through ``escape``, numbers are formatted as the templates did (``intcomma``,
``floatformat:2``, ``widthratio … 1 100``).
"""

from django.template.defaultfilters import floatformat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models import Question

DASH = "–"


def _pct(share) -> str:
    """``{% widthratio share 1 100 %}``: the share as a whole percentage."""
    return str(round(float(share) * 100))


def _count(value) -> str:
    """``intcomma`` for the whole numbers shown (en-gb groups thousands with commas)."""
    return f"{value:,}"


def figure_cells(f) -> str:
    """Responses, mean, share favourable and interval of a figure: four cells."""
    if not f:
        return '<td colspan="4">No data</td>'
    if f.suppressed:
        return f'<td colspan="4" class="suppressed">Not shown: {escape(f.reason)}</td>'
    mean = floatformat(f.mean, 2) if f.mean is not None else DASH
    share = f"{_pct(f.share)}%" if f.share is not None else DASH
    interval = f"{_pct(f.ci_low)}–{_pct(f.ci_high)}%" if f.ci_low is not None else DASH
    return f"<td>{_count(f.n)}</td><td>{mean}</td><td>{share}</td><td>{interval}</td>"


def distribution_table(question, rows) -> str:
    """The answers' spread as a table: a row per group, a column per option."""
    multiple = (
        " (one response may choose several, so shares can add up to more than 100%)"
        if question.type == Question.Type.MULTIPLE
        else ""
    )
    head = "".join(f'<th scope="col">{escape(text)}</th>' for text, _c, _s in rows[0][2])
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(
            f'<td>{_pct(share)}% <span class="meta">({_count(count)})</span></td>'
            for _text, count, share in cells
        )
        + f"<td>{_count(f.n)}</td></tr>"
        for label, f, cells in rows
    )
    return (
        '<table class="data-table data-table--distribution">'
        f"<caption>How the answers to “{escape(question.text)}” were spread{multiple}</caption>"
        f'<thead><tr><th scope="col">Group</th>{head}<th scope="col">Responses</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def distribution_block(row) -> str:
    """The stacked bar (if any) beside its table."""
    return (
        '<div class="report-figure report-distribution">'
        f"{row.get('distribution_chart', '')}"
        f"{distribution_table(row['question'], row['distribution'])}</div>"
    )


FIGURES_HEAD = (
    '<thead><tr><th scope="col">Group</th><th scope="col">Responses</th>'
    '<th scope="col">Mean</th><th scope="col">Share favourable</th>'
    '<th scope="col">95% interval</th></tr></thead>'
)
TREND_HEAD = (
    "<caption>Share favourable by year</caption>"
    '<thead><tr><th scope="col">Year</th><th scope="col">Your organisation</th>'
    '<th scope="col">Sector</th></tr></thead>'
)


def _trend_cell(f) -> str:
    return f"<td>{_pct(f.share)}%</td>" if f is not None and f.share is not None else "<td>–</td>"


def report_question(row) -> str:
    """One question of an organisation's report: figures, spread and trend."""
    q = row["question"]
    text = escape(q.text)
    own = row.get("own")
    quartile = (
        f" · Your organisation is in quartile {own.quartile} of 4 among organisations of "
        "its type (1 is the top quarter)"
        if own is not None and own.quartile
        else ""
    )
    figures = "".join(
        f'<tr><th scope="row">{escape(label)}</th>{figure_cells(f)}</tr>'
        for label, f in row["bars"]
    )
    parts = [
        f'<section class="report-question" aria-labelledby="q-{q.pk}">'
        f'<h3 id="q-{q.pk}">{text}</h3>'
        f'<p class="meta">{escape(q.module_version.module.title)}{quartile}</p>'
        '<div class="report-figure">',
        row["chart"] if q.favourable else "",
        f'<table class="data-table"><caption>Figures for “{text}”</caption>{FIGURES_HEAD}'
        f"<tbody>{figures}</tbody></table></div>",
    ]
    if row.get("distribution"):
        parts.append(distribution_block(row))
    if row.get("trend_chart"):
        years = "".join(
            f'<tr><th scope="row">{year}</th>{_trend_cell(own_f)}{_trend_cell(sector_f)}</tr>'
            for year, own_f, sector_f in row["trend_years"]
        )
        parts.append(
            '<div class="report-trend"><h4>Trend over the years</h4>'
            f'{row["trend_chart"]}<table class="data-table">{TREND_HEAD}'
            f"<tbody>{years}</tbody></table></div>"
        )
    parts.append("</section>")
    return "".join(parts)


def report_questions(rows) -> str:
    return mark_safe("".join(report_question(row) for row in rows))  # noqa: S308 — escaped


def summary_figures(figures) -> str:
    """The rows of the summary's table of sector figures."""
    return mark_safe(  # noqa: S308 — every text value escaped
        "".join(
            f"<tr><td>{escape(q.module_version.module.title)}</td>"
            f'<th scope="row">{escape(q.text)}</th>{figure_cells(f)}</tr>'
            for q, f in figures
        )
    )


def summary_spreads(spreads) -> str:
    """The sector's spread for every question that has one."""
    return mark_safe(  # noqa: S308 — every text value escaped
        "".join(
            f'<section class="report-question" aria-labelledby="spread-{s["question"].pk}">'
            f'<h3 id="spread-{s["question"].pk}">{escape(s["question"].text)}</h3>'
            f"{distribution_block(s)}</section>"
            for s in spreads
        )
    )
