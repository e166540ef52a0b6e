"""The geometry of the report's charts: where each bar, line and label goes.

The markup is in the chart components (``templates/components/chart/``); these functions
only place things, so the components stay free of arithmetic. Coordinates are strings with
one decimal (whole numbers as strings too), as they go straight into SVG attributes: never
localised (a decimal comma would break them), and cheap to write. Every chart has a title,
and the page that draws it shows the same figures in a data table beside it
(docs/benchmarking.md).
"""

from institute.core.charts import Chart, Frame, percent
from institute.core.charts import share_bars as _share_bars
from institute.core.charts import stacked as _stacked
from institute.core.charts import trend_lines as _trend_lines

WIDTH, BAR_H, GAP, LABEL_W = 420, 22, 10, 130


def share_bars(title: str, bars: list[tuple[str, object]]) -> Chart | None:
    """Horizontal bars of share favourable with Wilson whiskers; suppressed bars omitted."""
    shown = [
        (label, f.share, f.ci_low, f.ci_high)
        for label, f in bars
        if f is not None and f.share is not None
    ]
    own = bool(shown) and shown[0][0] == "Your organisation"
    return _share_bars(
        title, shown, width=WIDTH, label_w=LABEL_W, bar_h=BAR_H, gap=GAP, own_first=own
    )


# Trend: the plot area, and room on the right for each line's end label.
# Width, height, and the margins left, right, top and bottom of the plot.
TREND_SIZE = (600, 250, 44, 165, 34, 30)
TREND = Frame(*TREND_SIZE)


def trend_lines(title: str, series: dict[str, dict[int, float]]) -> Chart | None:
    """Lines of share (0–1) by year, one per series (the first is the organisation's own,
    the others its peers); each line is named at its end and in the legend."""
    return _trend_lines(
        title,
        series,
        frame=TREND,
        maximum=1,
        grid=[0, 0.25, 0.5, 0.75, 1],
        label=lambda share: f"{percent(share)}%",
    )


def distribution(question, bars):
    """Per group with a shown distribution: (label, figure, [(option, count, share)]).

    Options in the question's order; the share is of responses (for multiple choice the
    shares can add up to more than 100%, as one response may tick several options).
    """
    options = [(float(o["value"]), o["label"]) for o in question.options]
    rows = []
    for label, f in bars:
        if f is None or f.suppressed or not f.distribution or not f.n:
            continue
        counts = {float(value): count for value, count in f.distribution.items()}
        cells = [
            (text, counts.get(value, 0), counts.get(value, 0) / f.n) for value, text in options
        ]
        rows.append((label, f, cells))
    return rows


def distribution_bars(title, uid, rows) -> Chart | None:
    """100% stacked bars, one per group, with the share printed on each wide-enough segment
    and a legend; ``rows`` from ``distribution``. Not for multiple choice (not parts of one)."""
    groups = [
        (label, [(text, share) for text, _count, share in cells]) for label, _f, cells in rows
    ]
    return _stacked(title, uid, groups, width=WIDTH, label_w=LABEL_W, gap=GAP)
