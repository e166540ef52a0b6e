"""Where each bar and line of place insight's charts goes (scores 0–100).

The markup is the roof's chart components (``templates/components/chart/``); these only
place things. Coordinates are strings with one decimal, never localised. Every chart is
shown with the same figures in a table beside it.
"""

from dataclasses import dataclass, field

WIDTH, LABEL_W = 540, 240

# Five classes of score, dark to light, each named in the bar's text too (not colour alone).
CLASSES = [
    (80, "#0b3b2e", "very high"),
    (65, "#1f6f50", "high"),
    (50, "#5b7f2a", "middle"),
    (35, "#8a5a00", "low"),
    (0, "#8a1c1c", "very low"),
]


def _n(value: float) -> str:
    return f"{value:.1f}"


@dataclass
class Chart:
    kind: str
    title: str
    width: str
    height: str
    items: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def template(self) -> str:
        return f"components/chart/{self.kind}.html"


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
    return Chart(
        "bars",
        title,
        str(WIDTH),
        str(height),
        items,
        {
            "bar_h": str(bar_h),
            "label_x": str(LABEL_W - 6),
            "left": str(LABEL_W),
            "axis_x2": str(LABEL_W + span),
            "axis_y": str(height - 18),
        },
    )


TREND_W, TREND_H, TREND_LEFT, TREND_RIGHT, TREND_TOP, TREND_BOTTOM = 620, 240, 44, 240, 14, 30
LINE_STYLES = [
    ("#1d3f72", "", "#1d3f72"),
    ("#b35c00", "6 4", "#8a4700"),
    ("#1f6f50", "2 3", "#1f6f50"),
    ("#6b2c91", "10 3 2 3", "#6b2c91"),
]
LABEL_GAP = 14


def _spread(positions, gap, low, high):
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed, last = [0.0] * len(positions), low - gap
    for i in order:
        last = max(positions[i], last + gap)
        placed[i] = last
    overflow = last - high
    return [p - overflow for p in placed] if overflow > 0 else placed


def trend_lines(title: str, series: dict[str, dict[int, float]]) -> Chart | None:
    """Lines of score (0–100) by year, one per series, each named at its end."""
    years = sorted({y for points in series.values() for y in points})
    if not years:
        return None
    plot_w = TREND_W - TREND_LEFT - TREND_RIGHT
    plot_h = TREND_H - TREND_TOP - TREND_BOTTOM
    span_x = max(years[-1] - years[0], 1)

    def x(year):
        if len(years) == 1:
            return TREND_LEFT + plot_w / 2
        return TREND_LEFT + (year - years[0]) / span_x * plot_w

    def y(score):
        return TREND_TOP + (1 - score / 100) * plot_h

    lines, ends = [], []
    for index, (name, points) in enumerate(series.items()):
        ordered = sorted(points.items())
        if not ordered:
            continue
        last_year, last = ordered[-1]
        stroke, dash, ink = LINE_STYLES[index % len(LINE_STYLES)]
        lines.append(
            {
                "name": name,
                "index": index,
                "stroke": stroke,
                "dash": dash,
                "ink": ink,
                "points": " ".join(f"{x(yr):.1f},{y(s):.1f}" for yr, s in ordered),
                "dots": [{"x": _n(x(yr)), "y": _n(y(s))} for yr, s in ordered],
                "end_x": _n(x(last_year) + 8),
                "end_text": f"{name} {last:.1f}",
            }
        )
        ends.append(y(last) + 4)
    for line, end_y in zip(
        lines, _spread(ends, LABEL_GAP, TREND_TOP, TREND_TOP + plot_h + 4), strict=True
    ):
        line["end_y"] = _n(end_y)
    # Each line is named at its end (and told apart by its dash), so no legend is drawn.
    legend = []
    return Chart(
        "trend",
        title,
        str(TREND_W),
        str(TREND_H),
        lines,
        {
            "grid": [
                {"y": _n(y(v)), "ty": _n(y(v) + 4), "label": str(v)} for v in (0, 25, 50, 75, 100)
            ],
            "ticks": [{"x": _n(x(yr)), "label": str(yr)} for yr in years],
            "left": str(TREND_LEFT),
            "label_right": str(TREND_LEFT - 4),
            "right": _n(TREND_LEFT + plot_w),
            "tick_y": str(TREND_H - 8),
            "legend": legend,
        },
    )
