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
