"""The chart components: what they draw, and that their labels stay readable."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

from django.template.loader import render_to_string

from institute.benchmarking import charts
from institute.core.charts import LINE_LABEL_GAP

SVG = "{http://www.w3.org/2000/svg}"


def _svg(chart):
    markup = render_to_string(chart.template, {"chart": chart})
    # The components write SVG inside HTML (no namespace); parse it as SVG.
    markup = markup.strip().replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1)
    return ET.fromstring(markup)  # noqa: S314 — our own rendered markup


def _texts(svg):
    return [(t.text, float(t.get("x")), float(t.get("y"))) for t in svg.iter(f"{SVG}text")]


def _figure(share, low=None, high=None):
    return SimpleNamespace(share=share, ci_low=low or share - 0.05, ci_high=high or share + 0.05)


def test_trend_of_a_long_series_labels_every_fifth_year_ending_on_the_latest():
    series = dict.fromkeys(range(1999, 2024), 0.5)
    svg = _svg(charts.trend_lines("Trend", {"Your organisation": series, "Sector": series}))
    years = [int(text) for text, _x, _y in _texts(svg) if text.isdigit()]
    assert years == [2003, 2008, 2013, 2018, 2023]


def test_trend_year_labels_never_overlap_at_any_length():
    for length in range(1, 31):
        series = {2023 - i: 0.4 for i in range(length)}
        chart = charts.trend_lines("Trend", {"Your organisation": series})
        xs = [float(tick["x"]) for tick in chart.extra["ticks"]]
        # A four-digit year at 12 px is under 32 units wide.
        assert all(b - a >= 32 for a, b in zip(xs, xs[1:], strict=False)), length


def test_trend_has_a_legend_and_names_the_peer_line_at_its_end():
    svg = _svg(
        charts.trend_lines(
            "Share by year",
            {"Your organisation": {2022: 0.6, 2023: 0.95}, "Sector": {2022: 0.6, 2023: 0.66}},
        )
    )
    texts = [text for text, _x, _y in _texts(svg)]
    assert texts.count("Your organisation") == 1 and texts.count("Sector") == 1  # legend
    assert "Sector 66%" in texts and "Your organisation 95%" in texts  # line ends
    assert svg.find(f"{SVG}title").text == "Share by year"
    assert svg.get("role") == "img"


def test_trend_end_labels_are_moved_apart_when_the_lines_end_close():
    chart = charts.trend_lines("Trend", {"Your organisation": {2023: 0.70}, "Sector": {2023: 0.71}})
    first, second = (float(line["end_y"]) for line in chart.items)
    assert abs(first - second) >= LINE_LABEL_GAP


def test_bars_draw_each_shown_figure_and_leave_out_suppressed_ones():
    suppressed = SimpleNamespace(share=None)
    svg = _svg(
        charts.share_bars(
            "Shares", [("Your organisation", _figure(0.95)), ("Same type", suppressed)]
        )
    )
    texts = [text for text, _x, _y in _texts(svg)]
    assert texts == ["Your organisation", "95%"]


def _distribution_chart(options=5):
    question = SimpleNamespace(
        options=[{"value": v, "label": f"Option {v}"} for v in range(1, options + 1)]
    )
    figure = SimpleNamespace(
        suppressed=False, n=100, distribution={str(v): 100 // options for v in range(1, 6)}
    )
    rows = charts.distribution(question, [("Sector", figure)])
    return charts.distribution_bars("Spread", "d1", rows)


def test_stacked_shares_sit_on_the_plain_fill_never_on_the_texture():
    chart = _distribution_chart()
    svg = _svg(chart)
    strips = [r for r in svg.iter(f"{SVG}rect") if (r.get("fill") or "").startswith("url(#d1-")]
    strip_tops = {float(r.get("y")) for r in strips if float(r.get("height")) < 14}
    assert strip_tops, "textured segments draw their texture in a strip"
    shares = [(t, x, y) for t, x, y in _texts(svg) if t.endswith("%")]
    assert len(shares) == 5
    for _text, _x, baseline in shares:
        # The label's box (12 px type) ends above the strip.
        assert all(baseline + 3 <= top for top in strip_tops)
    # Each share is printed on a plain rectangle of its segment's colour.
    plain = [r for r in svg.iter(f"{SVG}rect") if (r.get("fill") or "").startswith("#")]
    assert len(plain) >= 5


def test_stacked_legend_names_every_option():
    svg = _svg(_distribution_chart())
    texts = [text for text, _x, _y in _texts(svg)]
    assert [f"Option {v}" for v in range(1, 6)] == [t for t in texts if t.startswith("Option")]


def test_components_escape_their_text():
    svg = render_to_string(
        "components/chart/bars.html",
        {"chart": charts.share_bars("<b>x</b>", [("<i>", _figure(0.5))])},
    )
    assert "<b>" not in svg and "<i>" not in svg and "&lt;b&gt;" in svg
