"""Where each bar and line of place insight's charts goes (scores 0–100).

The markup is the roof's chart components (``templates/components/chart/``); these only
place things. Coordinates are strings with one decimal, never localised. Every chart is
shown with the same figures in a table beside it.
"""

from institute.core.charts import Chart, Frame, coordinate
from institute.core.charts import bars as _bars
from institute.core.charts import trend_lines as _trend_lines

_n = coordinate

WIDTH, LABEL_W = 540, 240

# Five classes of score, dark to light, each named in the bar's text too (not colour alone).
CLASSES = [
    (80, "#0b3b2e", "very high"),
    (65, "#1f6f50", "high"),
    (50, "#5b7f2a", "middle"),
    (35, "#8a5a00", "low"),
    (0, "#8a1c1c", "very low"),
]


def score_class(score: float) -> tuple[str, str]:
    for low, fill, name in CLASSES:
        if score >= low:
            return fill, name
    return CLASSES[-1][1], CLASSES[-1][2]


def score_bars(title: str, bars: list[tuple[str, float | None, str]], *, classes=False):
    """Horizontal bars of a 0–100 score: (label, score, role), role "own", "peer" or "".

    With ``classes`` each bar is coloured by its class of score (a ranked, choropleth-like
    chart) and the class is named after the value.
    """
    shown = [(label, score, role) for label, score, role in bars if score is not None]
    if not shown:
        return None
    bar_h, gap = (14, 4) if len(shown) > 20 else (20, 8)
    height = len(shown) * (bar_h + gap) + 24
    span = WIDTH - LABEL_W - 90
    items = []
    for i, (label, score, role) in enumerate(shown):
        y = i * (bar_h + gap) + 4
        mid = y + bar_h / 2
        w = max(score, 0) / 100 * span
        fill, name = score_class(score) if classes else ("", "")
        items.append(
            {
                "label": label if len(label) <= 34 else label[:33] + "…",
                "own": role == "own",
                "fill": fill,
                "y": str(y),
                "mid": _n(mid),
                "text_y": _n(mid + 4),
                "width": _n(w),
                "value_x": _n(LABEL_W + w + 4),
                "text": f"{score:.1f}" + (f" ({name})" if classes else ""),
            }
        )
    return _bars(title, items, width=WIDTH, height=height, label_w=LABEL_W, span=span, bar_h=bar_h)


# Width, height, and the margins left, right, top and bottom of the plot.
TREND_SIZE = (620, 240, 44, 240, 14, 30)
TREND = Frame(*TREND_SIZE)


def trend_lines(title: str, series: dict[str, dict[int, float]]) -> Chart | None:
    """Lines of score (0–100) by year, one per series, each named at its end (and told apart
    by its dash), so no legend is drawn."""
    return _trend_lines(
        title,
        series,
        frame=TREND,
        maximum=100,
        grid=[0, 25, 50, 75, 100],
        label=lambda score: f"{score:.1f}",
        grid_label=str,
        legend=False,
    )
