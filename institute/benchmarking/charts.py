"""Inline SVG charts for reports. Each chart has a title and description, and its page
shows the same figures in a data table beside it.

A report draws hundreds of these, so the markup is built as plain strings: numbers are
formatted here and only the few text values (titles, labels, option texts) are escaped.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, BAR_H, GAP, LABEL_W = 420, 22, 10, 130


def _n(value: float) -> str:
    return f"{value:.1f}"


def share_bars(title: str, bars: list[tuple[str, object]]) -> str:
    """Horizontal bars of share favourable with Wilson whiskers; suppressed bars omitted."""
    shown = [(label, f) for label, f in bars if f is not None and f.share is not None]
    height = max(len(shown), 1) * (BAR_H + GAP) + 24
    span = WIDTH - LABEL_W - 50
    title = escape(title)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{title}"><title>{title}</title>'
    ]
    for i, (label, f) in enumerate(shown):
        y = i * (BAR_H + GAP) + 4
        w = f.share * span
        lo, hi = LABEL_W + f.ci_low * span, LABEL_W + f.ci_high * span
        mid = y + BAR_H / 2
        kind = "own" if i == 0 and label == "Your organisation" else "peer"
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{mid + 4}" text-anchor="end" class="chart-label">'
            f"{escape(label)}</text>"
            f'<rect x="{LABEL_W}" y="{y}" width="{_n(w)}" height="{BAR_H}" '
            f'class="chart-bar chart-bar--{kind}"/>'
            f'<line x1="{_n(lo)}" x2="{_n(hi)}" y1="{mid}" y2="{mid}" class="chart-whisker"/>'
            f'<text x="{_n(LABEL_W + max(w, hi - LABEL_W) + 4)}" y="{mid + 4}" '
            f'class="chart-value">{round(f.share * 100)}%</text>'
        )
    parts.append(
        f'<line x1="{LABEL_W}" x2="{LABEL_W + span}" y1="{height - 18}" y2="{height - 18}" '
        'class="chart-axis"/></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 — numbers, and text escaped above


def trend_lines(title: str, series: dict[str, dict[int, float]]) -> str:
    """Lines of share (0–1) by year, one per series; years without a figure are gaps."""
    years = sorted({y for points in series.values() for y in points})
    if not years:
        return ""
    width, height, left, bottom = 560, 220, 40, 30
    span_x = max(years[-1] - years[0], 1)
    first, scale_y = years[0], height - bottom - 10

    def x(year):
        return left + (year - first) / span_x * (width - left - 10)

    def y(share):
        return 10 + (1 - share) * scale_y

    title = escape(title)
    parts = [
        f'<svg class="chart chart--trend" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{title}"><title>{title}</title>'
    ]
    for v in (0, 0.5, 1):
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{_n(y(v))}" y2="{_n(y(v))}" '
            f'class="chart-grid"/><text x="{left - 4}" y="{_n(y(v) + 4)}" text-anchor="end" '
            f'class="chart-label">{int(v * 100)}%</text>'
        )
    for index, points in enumerate(series.values()):
        coords = " ".join(f"{x(yr):.1f},{y(s):.1f}" for yr, s in sorted(points.items()))
        if coords:
            parts.append(f'<polyline points="{coords}" class="chart-line chart-line--{index}"/>')
    for yr in years:
        if yr == years[0] or yr == years[-1] or yr % 5 == 0:
            parts.append(
                f'<text x="{x(yr)}" y="{height - 8}" text-anchor="middle" '
                f'class="chart-label">{yr}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — numbers, and the title escaped above


# Distribution segments: colour and a texture each, so neighbours differ without colour too;
# dark fills take white labels, light fills dark ones. Every segment has a dark outline.
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

MARKS = {
    "solid": "",
    "rising": '<path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke="{ink}" '
    'stroke-width="1" stroke-opacity=".45"/>',
    "falling": '<path d="M-1,7 l2,2 M0,0 l8,8 M7,-1 l2,2" stroke="{ink}" '
    'stroke-width="1" stroke-opacity=".45"/>',
    "dots": '<circle cx="4" cy="4" r="1.2" fill="{ink}" fill-opacity=".5"/>',
}


def _palette(count):
    return TWO if count == 2 else [SEGMENTS[i % len(SEGMENTS)] for i in range(count)]


def _texture(pid, fill, texture, ink):
    """A pattern: the fill with thin lines or dots in the label colour."""
    return (
        f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="8" height="8">'
        f'<rect width="8" height="8" fill="{fill}"/>{MARKS[texture].replace("{ink}", ink)}'
        "</pattern>"
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


def distribution_bars(title, uid, rows):
    """100% stacked bars, one per group, with the share printed on each wide-enough segment
    and a legend; ``rows`` from ``distribution``. Not for multiple choice (not parts of one)."""
    if not rows:
        return ""
    uid = escape(uid)
    options = [text for text, _count, _share in rows[0][2]]
    palette = _palette(len(options))
    span = WIDTH - LABEL_W - 10
    parts = []
    for r, (label, _f, cells) in enumerate(rows):
        y = r * (BAR_H + GAP) + 4
        x = LABEL_W
        text_y = y + BAR_H / 2 + 4
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{text_y}" text-anchor="end" class="chart-label">'
            f"{escape(label)}</text>"
        )
        for i, (_text, _count, share) in enumerate(cells):
            width = share * span
            if width <= 0:
                continue
            parts.append(
                f'<rect x="{_n(x)}" y="{y}" width="{_n(width)}" height="{BAR_H}" '
                f'fill="url(#{uid}-{i})" stroke="#1b1b1f" stroke-width="1"/>'
            )
            if width >= 30:
                fill, _texture_name, ink = palette[i]
                parts.append(
                    f'<text x="{_n(x + width / 2)}" y="{text_y}" text-anchor="middle" '
                    f'class="chart-segment" fill="{ink}" stroke="{fill}" stroke-width="3" '
                    f'paint-order="stroke">{round(share * 100)}%</text>'
                )
            x += width
    legend_y = len(rows) * (BAR_H + GAP) + 8
    x = 0.0
    for i, text in enumerate(options):
        if x + 40 + 7 * len(text) > WIDTH:
            x, legend_y = 0.0, legend_y + 20
        parts.append(
            f'<rect x="{_n(x)}" y="{legend_y}" width="14" height="14" fill="url(#{uid}-{i})" '
            f'stroke="#1b1b1f" stroke-width="1"/>'
            f'<text x="{_n(x + 18)}" y="{legend_y + 11}" class="chart-label">{escape(text)}</text>'
        )
        x += 30 + 6.5 * len(text)
    height = legend_y + 22
    title = escape(title)
    patterns = "".join(_texture(f"{uid}-{i}", *palette[i]) for i in range(len(options)))
    return mark_safe(  # noqa: S308 — numbers, fixed colours, and text escaped above
        f'<svg class="chart chart--distribution" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'width="100%" role="img" aria-label="{title}"><title>{title}</title>'
        f"<defs>{patterns}</defs>{''.join(parts)}</svg>"
    )
