"""The geometry of the report's charts: where each bar, line and label goes.

The markup is in the chart components (``templates/components/chart/``); these functions
only place things, so the components stay free of arithmetic. Coordinates are strings with
one decimal (whole numbers as strings too), as they go straight into SVG attributes: never
localised (a decimal comma would break them), and cheap to write. Every chart has a title,
and the page that draws it shows the same figures in a data table beside it
(docs/benchmarking.md).
"""

from dataclasses import dataclass, field

WIDTH, BAR_H, GAP, LABEL_W = 420, 22, 10, 130


def _n(value: float) -> str:
    return f"{value:.1f}"


def _pct(share: float) -> str:
    return str(round(share * 100))


@dataclass
class Chart:
    """What a chart component draws: ``kind`` names the component."""

    kind: str
    title: str
    width: str
    height: str
    items: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def template(self) -> str:
        return f"components/chart/{self.kind}.html"


def share_bars(title: str, bars: list[tuple[str, object]]) -> Chart | None:
    """Horizontal bars of share favourable with Wilson whiskers; suppressed bars omitted."""
    shown = [(label, f) for label, f in bars if f is not None and f.share is not None]
    if not shown:
        return None
    height = len(shown) * (BAR_H + GAP) + 24
    span = WIDTH - LABEL_W - 50
    items = []
    for i, (label, f) in enumerate(shown):
        y = i * (BAR_H + GAP) + 4
        w = f.share * span
        hi = LABEL_W + f.ci_high * span
        mid = y + BAR_H / 2
        items.append(
            {
                "label": label,
                "own": i == 0 and label == "Your organisation",
                "y": str(y),
                "mid": _n(mid),
                "text_y": _n(mid + 4),
                "width": _n(w),
                "lo": _n(LABEL_W + f.ci_low * span),
                "hi": _n(hi),
                "value_x": _n(LABEL_W + max(w, hi - LABEL_W) + 4),
                "pct": _pct(f.share),
            }
        )
    return Chart(
        "bars",
        title,
        str(WIDTH),
        str(height),
        items,
        {
            "bar_h": str(BAR_H),
            "label_x": str(LABEL_W - 6),
            "left": str(LABEL_W),
            "axis_x2": str(LABEL_W + span),
            "axis_y": str(height - 18),
        },
    )


# Trend: the plot area, and room on the right for each line's end label.
TREND_W, TREND_H, TREND_LEFT, TREND_RIGHT, TREND_TOP, TREND_BOTTOM = 600, 250, 44, 165, 34, 30
LONG_SERIES = 10  # more years than this: a label every fifth year only
LINE_LABEL_GAP = 14  # the least vertical distance between two end labels
# The organisation's own line solid and dark; the peer line dashed and orange (its name in a
# darker orange, for contrast on white).
LINE_STYLES = [("#1d3f72", "", "#1d3f72"), ("#b35c00", "6 4", "#8a4700")]


def _year_ticks(years: list[int]) -> list[int]:
    """Years to label on the axis. A long series gets every fifth year, counted back from
    the latest so the latest is always labelled; a short one gets every year."""
    if len(years) <= LONG_SERIES:
        return years
    last = years[-1]
    return [y for y in range(years[0], last + 1) if (last - y) % 5 == 0]


def _spread(positions: list[float], gap: float, low: float, high: float) -> list[float]:
    """Move end labels apart so that no two are closer than ``gap`` (kept within bounds)."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [0.0] * len(positions)
    last = low - gap
    for i in order:
        last = max(positions[i], last + gap)
        placed[i] = last
    overflow = last - high
    if overflow > 0:
        placed = [p - overflow for p in placed]
    return placed


def trend_lines(title: str, series: dict[str, dict[int, float]]) -> Chart | None:
    """Lines of share (0–1) by year, one per series (the first is the organisation's own,
    the others its peers); each line is named at its end and in the legend."""
    years = sorted({y for points in series.values() for y in points})
    if not years:
        return None
    plot_w = TREND_W - TREND_LEFT - TREND_RIGHT
    plot_h = TREND_H - TREND_TOP - TREND_BOTTOM
    span_x = max(years[-1] - years[0], 1)

    def x(year):
        # A single year sits in the middle rather than on the axis.
        if len(years) == 1:
            return TREND_LEFT + plot_w / 2
        return TREND_LEFT + (year - years[0]) / span_x * plot_w

    def y(share):
        return TREND_TOP + (1 - share) * plot_h

    lines, ends = [], []
    for index, (name, points) in enumerate(series.items()):
        ordered = sorted(points.items())
        if not ordered:
            continue
        last_year, last_share = ordered[-1]
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
                "end_text": f"{name} {_pct(last_share)}%",
            }
        )
        ends.append(y(last_share) + 4)
    for line, end_y in zip(
        lines, _spread(ends, LINE_LABEL_GAP, TREND_TOP, TREND_TOP + plot_h + 4), strict=True
    ):
        line["end_y"] = _n(end_y)
    legend, lx = [], float(TREND_LEFT)
    for line in lines:
        legend.append({**line, "x": _n(lx), "tx": _n(lx + 28)})
        lx += 40 + 7 * len(line["name"])
    return Chart(
        "trend",
        title,
        str(TREND_W),
        str(TREND_H),
        lines,
        {
            "grid": [
                {"y": _n(y(v)), "ty": _n(y(v) + 4), "label": f"{round(v * 100)}%"}
                for v in (0, 0.25, 0.5, 0.75, 1)
            ],
            "ticks": [{"x": _n(x(yr)), "label": str(yr)} for yr in _year_ticks(years)],
            "left": str(TREND_LEFT),
            "label_right": str(TREND_LEFT - 4),
            "right": _n(TREND_LEFT + plot_w),
            "tick_y": str(TREND_H - 8),
            "axis_y": _n(y(0)),
            "legend": legend,
            "first": years[0],
            "last": years[-1],
        },
    )


# Distribution segments: colour and a texture each, so neighbours differ without colour too.
# The texture is a strip along the bottom of each segment; the share is printed on the plain
# fill above it (dark fills take white labels, light fills dark ones), never on the texture.
SEGMENTS = [
    ("#7a2e0e", "solid", "#ffffff"),
    ("#f0b48c", "rising", "#1b1b1f"),
    ("#e4e5ea", "solid", "#1b1b1f"),
    ("#a9c4e6", "dots", "#1b1b1f"),
    ("#1d3f72", "falling", "#ffffff"),
    ("#5a5a66", "solid", "#ffffff"),
    ("#f7e08a", "dots", "#1b1b1f"),
]
TWO = [SEGMENTS[4], SEGMENTS[2]]  # yes / no: dark and light
STACK_H, STRIP_H, MIN_LABELLED = 30, 7, 34


def _palette(count):
    return TWO if count == 2 else [SEGMENTS[i % len(SEGMENTS)] for i in range(count)]


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
    if not rows:
        return None
    options = [text for text, _count, _share in rows[0][2]]
    palette = _palette(len(options))
    span = WIDTH - LABEL_W - 10
    items = []
    for r, (label, _f, cells) in enumerate(rows):
        y = r * (STACK_H + GAP) + 4
        x = LABEL_W
        segments = []
        for i, (_text, _count, share) in enumerate(cells):
            width = share * span
            if width <= 0:
                continue
            fill, texture, ink = palette[i]
            segments.append(
                {
                    "x": _n(x),
                    "width": _n(width),
                    "fill": fill,
                    "pattern": f"{uid}-{i}",
                    "textured": texture != "solid",
                    # The strip sits inside the segment's outline.
                    "strip_x": _n(x + 0.5),
                    "strip_w": _n(max(width - 1, 0)),
                    "ink": ink,
                    "label_x": _n(x + width / 2),
                    "pct": _pct(share) if width >= MIN_LABELLED else None,
                }
            )
            x += width
        items.append(
            {
                "label": label,
                "y": str(y),
                "strip_y": _n(y + STACK_H - STRIP_H - 0.5),
                "text_y": _n(y + (STACK_H - STRIP_H) / 2 + 5),
                "segments": segments,
            }
        )
    legend_y = len(rows) * (STACK_H + GAP) + 8
    legend, x = [], 0.0
    for text in options:
        if x + 40 + 7 * len(text) > WIDTH:
            x, legend_y = 0.0, legend_y + 20
        legend.append(
            {
                "x": _n(x),
                "y": str(legend_y),
                "ty": str(legend_y + 11),
                "tx": _n(x + 18),
                "text": text,
            }
        )
        x += 30 + 6.5 * len(text)
    patterns = [
        {"id": f"{uid}-{i}", "fill": fill, "texture": texture, "ink": ink}
        for i, (fill, texture, ink) in enumerate(palette)
    ]
    for i, key in enumerate(legend):
        key.update(patterns[i])
    return Chart(
        "stacked",
        title,
        str(WIDTH),
        _n(legend_y + 22),
        items,
        {
            "patterns": patterns,
            "legend": legend,
            "label_x": str(LABEL_W - 6),
            "bar_h": str(STACK_H),
            "strip_h": str(STRIP_H),
        },
    )
