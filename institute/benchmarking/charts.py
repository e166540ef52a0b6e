"""Inline SVG charts for reports. Each chart has a title and description, and its page
shows the same figures in a data table beside it."""

from django.utils.html import format_html, format_html_join

WIDTH, BAR_H, GAP, LABEL_W = 420, 22, 10, 130


def _n(value: float) -> str:
    return f"{value:.1f}"


def share_bars(title: str, bars: list[tuple[str, object]]) -> str:
    """Horizontal bars of share favourable with Wilson whiskers; suppressed bars omitted."""
    shown = [(label, f) for label, f in bars if f is not None and f.share is not None]
    height = max(len(shown), 1) * (BAR_H + GAP) + 24
    span = WIDTH - LABEL_W - 50
    parts = []
    for i, (label, f) in enumerate(shown):
        y = i * (BAR_H + GAP) + 4
        w = f.share * span
        lo, hi = LABEL_W + f.ci_low * span, LABEL_W + f.ci_high * span
        mid = y + BAR_H / 2
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar chart-bar--{}"/>'
                '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-whisker"/>'
                '<text x="{}" y="{}" class="chart-value">{}%</text>',
                LABEL_W - 6,
                mid + 4,
                label,
                LABEL_W,
                y,
                _n(w),
                BAR_H,
                "own" if i == 0 and label == "Your organisation" else "peer",
                _n(lo),
                _n(hi),
                mid,
                mid,
                _n(LABEL_W + max(w, hi - LABEL_W) + 4),
                mid + 4,
                round(f.share * 100),
            )
        )
    axis = format_html(
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-axis"/>',
        LABEL_W,
        LABEL_W + span,
        height - 18,
        height - 18,
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">'
        "<title>{}</title>{}{}</svg>",
        WIDTH,
        height,
        title,
        title,
        format_html_join("", "{}", ((p,) for p in parts)),
        axis,
    )


def trend_lines(title: str, series: dict[str, dict[int, float]]) -> str:
    """Lines of share (0–1) by year, one per series; years without a figure are gaps."""
    years = sorted({y for points in series.values() for y in points})
    if not years:
        return ""
    width, height, left, bottom = 560, 220, 40, 30
    span_x = max(years[-1] - years[0], 1)

    def x(year):
        return left + (year - years[0]) / span_x * (width - left - 10)

    def y(share):
        return 10 + (1 - share) * (height - bottom - 10)

    lines = []
    for index, points in enumerate(series.values()):
        coords = " ".join(f"{x(yr):.1f},{y(s):.1f}" for yr, s in sorted(points.items()))
        if coords:
            lines.append(
                format_html(
                    '<polyline points="{}" class="chart-line chart-line--{}"/>', coords, index
                )
            )
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" class="chart-label">{}</text>',
        (
            (x(yr), height - 8, yr)
            for yr in years
            if yr == years[0] or yr == years[-1] or yr % 5 == 0
        ),
    )
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-grid"/>'
        '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}%</text>',
        (
            (left, width - 10, _n(y(v)), _n(y(v)), left - 4, _n(y(v) + 4), int(v * 100))
            for v in (0, 0.5, 1)
        ),
    )
    return format_html(
        '<svg class="chart chart--trend" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-label="{}"><title>{}</title>{}{}{}</svg>',
        width,
        height,
        title,
        title,
        grid,
        format_html_join("", "{}", ((line,) for line in lines)),
        ticks,
    )


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


def _palette(count):
    return TWO if count == 2 else [SEGMENTS[i % len(SEGMENTS)] for i in range(count)]


def _texture(pid, fill, texture, ink):
    """A pattern: the fill with thin lines or dots in the label colour."""
    marks = {
        "solid": "",
        "rising": '<path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke="{ink}" '
        'stroke-width="1" stroke-opacity=".45"/>',
        "falling": '<path d="M-1,7 l2,2 M0,0 l8,8 M7,-1 l2,2" stroke="{ink}" '
        'stroke-width="1" stroke-opacity=".45"/>',
        "dots": '<circle cx="4" cy="4" r="1.2" fill="{ink}" fill-opacity=".5"/>',
    }[texture]
    return format_html(
        '<pattern id="{}" patternUnits="userSpaceOnUse" width="8" height="8">'
        '<rect width="8" height="8" fill="{}"/>{}</pattern>',
        pid,
        fill,
        format_html(marks.replace("{ink}", "{}"), ink) if marks else "",
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
    options = [text for text, _count, _share in rows[0][2]]
    palette = _palette(len(options))
    span = WIDTH - LABEL_W - 10
    patterns = format_html_join(
        "",
        "{}",
        ((_texture(f"{uid}-{i}", *palette[i]),) for i in range(len(options))),
    )
    parts = []
    for r, (label, _f, cells) in enumerate(rows):
        y = r * (BAR_H + GAP) + 4
        x = LABEL_W
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>',
                LABEL_W - 6,
                y + BAR_H / 2 + 4,
                label,
            )
        )
        for i, (_text, _count, share) in enumerate(cells):
            width = share * span
            if width <= 0:
                continue
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="url(#{}-{})" '
                    'stroke="#1b1b1f" stroke-width="1"/>',
                    _n(x),
                    y,
                    _n(width),
                    BAR_H,
                    uid,
                    i,
                )
            )
            if width >= 30:
                fill, _texture_name, ink = palette[i]
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" text-anchor="middle" class="chart-segment" '
                        'fill="{}" stroke="{}" stroke-width="3" paint-order="stroke">{}%</text>',
                        _n(x + width / 2),
                        y + BAR_H / 2 + 4,
                        ink,
                        fill,
                        round(share * 100),
                    )
                )
            x += width
    legend_y = len(rows) * (BAR_H + GAP) + 8
    legend, x = [], 0.0
    for i, text in enumerate(options):
        if x + 40 + 7 * len(text) > WIDTH:
            x, legend_y = 0.0, legend_y + 20
        legend.append(
            format_html(
                '<rect x="{}" y="{}" width="14" height="14" fill="url(#{}-{})" '
                'stroke="#1b1b1f" stroke-width="1"/>'
                '<text x="{}" y="{}" class="chart-label">{}</text>',
                _n(x),
                legend_y,
                uid,
                i,
                _n(x + 18),
                legend_y + 11,
                text,
            )
        )
        x += 30 + 6.5 * len(text)
    height = legend_y + 22
    return format_html(
        '<svg class="chart chart--distribution" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-label="{}"><title>{}</title><defs>{}</defs>{}{}</svg>',
        WIDTH,
        _n(height),
        title,
        title,
        patterns,
        format_html_join("", "{}", ((p,) for p in parts)),
        format_html_join("", "{}", ((p,) for p in legend)),
    )
