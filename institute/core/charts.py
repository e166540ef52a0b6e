"""The geometry of the roof's charts: where each bar, line and label goes.

The markup is in the chart components (``templates/components/chart/``); these functions
only place things, so the components stay free of arithmetic, and a room builds its charts
from them (the benchmarking report's shares and spreads, place insight's scores) and the
style guide its samples. Coordinates are strings with one decimal, as they go straight into
SVG attributes: never localised (a decimal comma would break them). Every chart has a
title, and the page that draws it shows the same figures in a data table beside it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


def coordinate(value: float) -> str:
    return f"{value:.1f}"


def percent(share: float) -> str:
    """A share (0–1) as a whole percentage, without the sign."""
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


@dataclass(frozen=True)
class Frame:
    """A line chart's size and the margins around its plot (room for the end labels)."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int


def bars(title: str, items: list, *, width: int, height: int, label_w: int, span: float, bar_h):
    """A horizontal bar chart (``components/chart/bars.html``) of ``items`` already placed:
    labels end at ``label_w``, bars run ``span`` wide from there, the axis sits below."""
    return Chart(
        "bars",
        title,
        str(width),
        str(height),
        items,
        {
            "bar_h": str(bar_h),
            "label_x": str(label_w - 6),
            "left": str(label_w),
            "axis_x2": str(label_w + span),
            "axis_y": str(height - 18),
        },
    )


def share_bars(
    title: str,
    shares: list[tuple[str, float, float, float]],
    *,
    width: int,
    label_w: int,
    bar_h: int,
    gap: int,
    own_first: bool = False,
) -> Chart | None:
    """Horizontal bars of a share (0–1) with its interval as whiskers (``bars.html``):
    ``shares`` are (label, share, low, high); ``own_first``: the first bar is the subject's
    own (drawn in the own colour)."""
    if not shares:
        return None
    height = len(shares) * (bar_h + gap) + 24
    span = width - label_w - 50
    items = []
    for i, (label, share, low, high) in enumerate(shares):
        y = i * (bar_h + gap) + 4
        w = share * span
        hi = label_w + high * span
        mid = y + bar_h / 2
        items.append(
            {
                "label": label,
                "own": own_first and i == 0,
                "y": str(y),
                "mid": coordinate(mid),
                "text_y": coordinate(mid + 4),
                "width": coordinate(w),
                "lo": coordinate(label_w + low * span),
                "hi": coordinate(hi),
                "value_x": coordinate(label_w + max(w, hi - label_w) + 4),
                "pct": percent(share),
            }
        )
    return bars(title, items, width=width, height=height, label_w=label_w, span=span, bar_h=bar_h)


# Line by line: a stroke, a dash (told apart without colour) and a darker ink for its name.
# The first is the subject's own line, solid and dark; the second dashed and orange.
LINE_STYLES = [
    ("#1d3f72", "", "#1d3f72"),
    ("#b35c00", "6 4", "#8a4700"),
    ("#1f6f50", "2 3", "#1f6f50"),
    ("#6b2c91", "10 3 2 3", "#6b2c91"),
]
LONG_SERIES = 10  # more years than this: a label every fifth year only
LINE_LABEL_GAP = 14  # the least vertical distance between two end labels


def year_ticks(years: list[int]) -> list[int]:
    """Years to label on the axis. A long series gets every fifth year, counted back from
    the latest so the latest is always labelled; a short one gets every year."""
    if len(years) <= LONG_SERIES:
        return years
    last = years[-1]
    return [y for y in range(years[0], last + 1) if (last - y) % 5 == 0]


def spread(positions: list[float], gap: float, low: float, high: float) -> list[float]:
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


def trend_lines(
    title: str,
    series: dict[str, dict[int, float]],
    *,
    frame: Frame,
    maximum: float,
    grid: list[float],
    label: Callable[[float], str],
    grid_label: Callable[[float], str] | None = None,
    legend: bool = True,
) -> Chart | None:
    """Lines of a value (0 to ``maximum``) by year, one per series in ``LINE_STYLES`` order;
    each line is named at its end with its last value (``label``), and in a legend above
    when ``legend``. ``grid``: the values with a grid line and a label on the axis."""
    years = sorted({y for points in series.values() for y in points})
    if not years:
        return None
    grid_label = grid_label or label
    plot_w = frame.width - frame.left - frame.right
    plot_h = frame.height - frame.top - frame.bottom
    span_x = max(years[-1] - years[0], 1)

    def x(year):
        # A single year sits in the middle rather than on the axis.
        if len(years) == 1:
            return frame.left + plot_w / 2
        return frame.left + (year - years[0]) / span_x * plot_w

    def y(value):
        return frame.top + (1 - value / maximum) * plot_h

    lines, ends = [], []
    for index, (name, points) in enumerate(series.items()):
        ordered = sorted(points.items())
        if not ordered:
            continue
        last_year, last_value = ordered[-1]
        stroke, dash, ink = LINE_STYLES[index % len(LINE_STYLES)]
        lines.append(
            {
                "name": name,
                "index": index,
                "stroke": stroke,
                "dash": dash,
                "ink": ink,
                "points": " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in ordered),
                "dots": [{"x": coordinate(x(yr)), "y": coordinate(y(v))} for yr, v in ordered],
                "end_x": coordinate(x(last_year) + 8),
                "end_text": f"{name} {label(last_value)}",
            }
        )
        ends.append(y(last_value) + 4)
    placed = spread(ends, LINE_LABEL_GAP, frame.top, frame.top + plot_h + 4)
    for line, end_y in zip(lines, placed, strict=True):
        line["end_y"] = coordinate(end_y)
    keys, lx = [], float(frame.left)
    for line in lines if legend else []:
        keys.append({**line, "x": coordinate(lx), "tx": coordinate(lx + 28)})
        lx += 40 + 7 * len(line["name"])
    return Chart(
        "trend",
        title,
        str(frame.width),
        str(frame.height),
        lines,
        {
            "grid": [
                {"y": coordinate(y(v)), "ty": coordinate(y(v) + 4), "label": grid_label(v)}
                for v in grid
            ],
            "ticks": [{"x": coordinate(x(yr)), "label": str(yr)} for yr in year_ticks(years)],
            "left": str(frame.left),
            "label_right": str(frame.left - 4),
            "right": coordinate(frame.left + plot_w),
            "tick_y": str(frame.height - 8),
            "axis_y": coordinate(y(0)),
            "legend": keys,
            "first": years[0],
            "last": years[-1],
        },
    )


# Stacked segments: colour and a texture each, so neighbours differ without colour too.
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


def stacked(
    title: str,
    uid: str,
    groups: list[tuple[str, list[tuple[str, float]]]],
    *,
    width: int,
    label_w: int,
    gap: int,
) -> Chart | None:
    """100% stacked bars (``components/chart/stacked.html``), one per group, with the share
    printed on each wide-enough segment and a legend. ``groups`` are (label, [(option,
    share)]), every group with the same options in the same order; ``uid`` keeps the
    textures' ids apart from another chart's on the page."""
    if not groups:
        return None
    options = [text for text, _share in groups[0][1]]
    palette = _palette(len(options))
    span = width - label_w - 10
    items = []
    for r, (label, cells) in enumerate(groups):
        y = r * (STACK_H + gap) + 4
        x = label_w
        segments = []
        for i, (_text, share) in enumerate(cells):
            seg_w = share * span
            if seg_w <= 0:
                continue
            fill, texture, ink = palette[i]
            segments.append(
                {
                    "x": coordinate(x),
                    "width": coordinate(seg_w),
                    "fill": fill,
                    "pattern": f"{uid}-{i}",
                    "textured": texture != "solid",
                    # The strip sits inside the segment's outline.
                    "strip_x": coordinate(x + 0.5),
                    "strip_w": coordinate(max(seg_w - 1, 0)),
                    "ink": ink,
                    "label_x": coordinate(x + seg_w / 2),
                    "pct": percent(share) if seg_w >= MIN_LABELLED else None,
                }
            )
            x += seg_w
        items.append(
            {
                "label": label,
                "y": str(y),
                "strip_y": coordinate(y + STACK_H - STRIP_H - 0.5),
                "text_y": coordinate(y + (STACK_H - STRIP_H) / 2 + 5),
                "segments": segments,
            }
        )
    legend_y = len(groups) * (STACK_H + gap) + 8
    legend, x = [], 0.0
    for text in options:
        if x + 40 + 7 * len(text) > width:
            x, legend_y = 0.0, legend_y + 20
        legend.append(
            {
                "x": coordinate(x),
                "y": str(legend_y),
                "ty": str(legend_y + 11),
                "tx": coordinate(x + 18),
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
        str(width),
        coordinate(legend_y + 22),
        items,
        {
            "patterns": patterns,
            "legend": legend,
            "label_x": str(label_w - 6),
            "bar_h": str(STACK_H),
            "strip_h": str(STRIP_H),
        },
    )
