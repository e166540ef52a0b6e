"""The geometry of the report's charts: where each bar, line and label goes.

The markup is in the chart components (``templates/components/chart/``); these functions
only place things, so the components stay free of arithmetic. Coordinates are strings with
one decimal (whole numbers as strings too), as they go straight into SVG attributes: never
localised (a decimal comma would break them), and cheap to write. Every chart has a title,
and the page that draws it shows the same figures in a data table beside it
(docs/benchmarking.md).
"""

from institute.core.charts import Chart, Frame, coordinate
from institute.core.charts import bars as _bars
from institute.core.charts import trend_lines as _trend_lines

_n = coordinate

WIDTH, BAR_H, GAP, LABEL_W = 420, 22, 10, 130


def _pct(share: float) -> str:
    return str(round(share * 100))


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
    return _bars(title, items, width=WIDTH, height=height, label_w=LABEL_W, span=span, bar_h=BAR_H)


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
        label=lambda share: f"{_pct(share)}%",
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
