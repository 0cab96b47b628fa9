"""Charts as server-rendered SVG: the same markup on the page and in the PDF.

Every chart is an image with a title and a description (role="img", aria-labelledby) and has a
table beside it on the page. Colours are presentation attributes and classes, never inline styles
(the CSP forbids them); shapes only show published values, so a hidden count has no bar.
"""
from __future__ import annotations

import math

from markupsafe import Markup, escape

from shared import formats

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48
FONT_SIZE = 14  # about 10 pt where the PDF lays a chart 160 mm wide
CHARACTER_WIDTH = 0.62  # a character's mean width in DejaVu Sans, in font sizes
LINE_HEIGHT = 17
PALETTE = ("#00587a", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0e7490", "#a16207")


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _figure(value) -> str:
    """A bar's published value as its readers write it (a mark such as "<5" as it is)."""
    return formats.number(value) if isinstance(value, (int, float)) else str(value)


def _svg(chart_id: str, title: str, description: str, body: list[str], height: int = HEIGHT) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
            f'font-family="DejaVu Sans, Arial, sans-serif" font-size="{FONT_SIZE}">'
            f'<title id="{chart_id}-title">{escape(title)}</title>'
            f'<desc id="{chart_id}-desc">{escape(description)}</desc>')
    return Markup(head + "".join(body) + "</svg>")


def _text(x: float, y: float, label: str, anchor: str = "start", css: str = "chart__label") -> str:
    return (f'<text x="{_number(x)}" y="{_number(y)}" text-anchor="{anchor}" class="{css}" fill="#1f2937">'
            f'{escape(label)}</text>')


def _axes(y_max: float, y_label, ticks: int = 4, share: bool = False) -> list[str]:
    """The y axis with gridlines (0 … y_max) and the x axis line."""
    body = []
    plot_h = HEIGHT - TOP - BOTTOM
    for i in range(ticks + 1):
        value = y_max * i / ticks
        y = TOP + plot_h - plot_h * i / ticks
        body.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_number(y)}" y2="{_number(y)}" '
                    f'class="chart__grid" stroke="#d1d5db" stroke-width="1"/>')
        text = formats.percent(value) if share else formats.number(round(value, 1))
        body.append(_text(LEFT - 6, y + 4, text, "end"))
    body.append(_text(LEFT, TOP - 4 if TOP > 12 else 12, str(y_label)))
    return body


def _x(value: float, x_max: float) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * (value / x_max if x_max else 0)


def _y(value: float, y_max: float) -> float:
    plot_h = HEIGHT - TOP - BOTTOM
    return TOP + plot_h - plot_h * (value / y_max if y_max else 0)


def _legend(items: list[tuple[str, str, str]], y: float) -> list[str]:
    body, x = [], LEFT
    for label, colour, dash in items:
        body.append(f'<line x1="{x}" x2="{x + 18}" y1="{_number(y)}" y2="{_number(y)}" stroke="{colour}" '
                    f'stroke-width="3"{dash}/>')
        body.append(_text(x + 24, y + 4, label))
        x += 24 + round(FONT_SIZE * CHARACTER_WIDTH * len(label)) + 24
    return body


def line_chart(chart_id: str, title: str, description: str, *, x_labels: list[str],
               series: list[tuple[str, list[float]]], target: tuple[str, float] | None = None,
               y_label: str = "") -> Markup:
    """Lines over evenly spaced x positions (e.g. months), with an optional horizontal target line. Every
    value has a dot, so that a period of one month (one point, no line) still shows its values."""
    top = max([v for _, values in series for v in values] + ([target[1]] if target else []) + [1])
    y_max = float(math.ceil(top * 1.1 / 4) * 4)  # four whole-number steps
    single = len(x_labels) == 1
    n = max(len(x_labels) - 1, 1)

    def x_of(i: int) -> float:
        return _x(0.5, 1) if single else _x(i, n)  # one month stands in the middle

    body = _axes(y_max, y_label)
    step = max(1, math.ceil(len(x_labels) / 6))
    for i, label in enumerate(x_labels):
        if i % step == 0:
            body.append(_text(x_of(i), HEIGHT - BOTTOM + 18, label, "middle"))
    if target:
        y = _y(target[1], y_max)
        body.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_number(y)}" y2="{_number(y)}" '
                    f'class="chart__target" stroke="#b91c1c" stroke-width="2" stroke-dasharray="6 4"/>')
    legend = []
    for k, (name, values) in enumerate(series):
        colour = PALETTE[k % len(PALETTE)]
        points = " ".join(f"{_number(x_of(i))},{_number(_y(v, y_max))}" for i, v in enumerate(values))
        if len(values) > 1:
            body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5" '
                        f'class="chart__line"/>')
        if len(values) <= 24:  # dots where they do not crowd the line
            body += [f'<circle cx="{_number(x_of(i))}" cy="{_number(_y(v, y_max))}" r="4" fill="{colour}" '
                     f'class="chart__point"/>' for i, v in enumerate(values)]
        legend.append((name, colour, ""))
    if target:
        legend.append((target[0], "#b91c1c", ' stroke-dasharray="6 4"'))
    body += _legend(legend, HEIGHT - 12)
    return _svg(chart_id, title, description, body)


def step_chart(chart_id: str, title: str, description: str, *, series: list[tuple[str, list[tuple[int, float]]]],
               x_max: int, x_label: str, y_label: str) -> Markup:
    """Step curves of shares (0–1) over days: the Kaplan–Meier curves."""
    body = _axes(1.0, y_label, share=True)
    for day in range(0, x_max + 1, max(30, x_max // 8 // 30 * 30)):
        body.append(_text(_x(day, x_max), HEIGHT - BOTTOM + 16, formats.number(day), "middle"))
    body.append(_text(WIDTH - RIGHT, HEIGHT - BOTTOM + 32, x_label, "end"))
    legend = []
    for k, (name, points) in enumerate(series):
        if not points:
            continue
        colour = PALETTE[k % len(PALETTE)]
        path = [f"M{_number(_x(points[0][0], x_max))},{_number(_y(points[0][1], 1.0))}"]
        for day, share in points[1:]:
            path.append(f"H{_number(_x(day, x_max))}V{_number(_y(share, 1.0))}")
        body.append(f'<path d="{"".join(path)}" fill="none" stroke="{colour}" stroke-width="2.5" class="chart__line"/>')
        legend.append((name, colour, ""))
    body += _legend(legend, HEIGHT - 12)
    return _svg(chart_id, title, description, body)


def bar_chart(chart_id: str, title: str, description: str, *, bars: list[tuple[str, int | str]]) -> Markup:
    """Horizontal bars with their value; a hidden count ("<5") gets no bar, only its label."""
    height = TOP + 40 * len(bars) + 16
    numbers = [v for _, v in bars if isinstance(v, int)]
    top = max(numbers + [1])
    label_w = 180
    body = []
    for i, (label, value) in enumerate(bars):
        y = TOP + 40 * i
        body.append(_text(label_w - 8, y + 20, label, "end"))
        if isinstance(value, int) and value > 0:
            width = (WIDTH - label_w - 80) * value / top
            body.append(f'<rect x="{label_w}" y="{y + 6}" width="{_number(width)}" height="22" '
                        f'fill="{PALETTE[0]}" class="chart__bar"/>')
            body.append(_text(label_w + width + 6, y + 21, _figure(value)))
        else:
            body.append(_text(label_w + 6, y + 21, _figure(value)))
    return _svg(chart_id, title, description, body, height)


def _lines(label: str, width: float) -> list[str]:
    """A label broken at spaces into lines that fit `width` pixels (a word longer than that stays whole)."""
    most = max(1, int(width / (FONT_SIZE * CHARACTER_WIDTH)))
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _wrapped_text(x: float, y: float, lines: list[str], anchor: str = "start") -> str:
    """Lines of text, one under another, centred on `y`: a text element each, as every other label (an
    accessibility checker reads a text's colour and background, not a tspan's)."""
    first = y + 4 - LINE_HEIGHT * (len(lines) - 1) / 2
    return "".join(_text(x, first + LINE_HEIGHT * i, line, anchor) for i, line in enumerate(lines))


def dumbbell_chart(chart_id: str, title: str, description: str, *, rows: list[tuple[str, float, float]],
                   scale: tuple[int, int], start_label: str, end_label: str) -> Markup:
    """Per row a dot at the mean start and one at the mean end, joined: the personal metrics' change. A long
    scale name is wrapped onto lines beside its row, not cut off at the chart's left edge."""
    label_w, low, high = 300, scale[0], scale[1]
    labels = [_lines(label, label_w - 16) for label, _start, _end in rows]
    row_h = max(32, LINE_HEIGHT * max((len(lines) for lines in labels), default=1) + 12)
    height = TOP + row_h * len(rows) + 56

    def x(value: float) -> float:
        return label_w + (WIDTH - label_w - 24) * (value - low) / (high - low)

    body = []
    for value in range(low, high + 1):
        body.append(f'<line x1="{_number(x(value))}" x2="{_number(x(value))}" y1="{TOP}" '
                    f'y2="{TOP + row_h * len(rows)}" stroke="#e5e7eb" class="chart__grid"/>')
        body.append(_text(x(value), TOP + row_h * len(rows) + 16, str(value), "middle"))
    for i, ((_label, start, end), lines) in enumerate(zip(rows, labels)):
        y = TOP + row_h * i + row_h / 2
        body.append(_wrapped_text(label_w - 8, y, lines, "end"))
        body.append(f'<line x1="{_number(x(start))}" x2="{_number(x(end))}" y1="{_number(y)}" y2="{_number(y)}" '
                    f'stroke="#6b7280" stroke-width="2"/>')
        body.append(f'<circle cx="{_number(x(start))}" cy="{_number(y)}" r="6" fill="{PALETTE[1]}" '
                    f'class="chart__start"/>')
        body.append(f'<circle cx="{_number(x(end))}" cy="{_number(y)}" r="6" fill="{PALETTE[0]}" '
                    f'class="chart__end"/>')
    legend_y = TOP + row_h * len(rows) + 40
    body.append(f'<circle cx="{LEFT}" cy="{legend_y}" r="6" fill="{PALETTE[1]}"/>')
    body.append(_text(LEFT + 12, legend_y + 4, start_label))
    body.append(f'<circle cx="{LEFT + 160}" cy="{legend_y}" r="6" fill="{PALETTE[0]}"/>')
    body.append(_text(LEFT + 172, legend_y + 4, end_label))
    return _svg(chart_id, title, description, body, height)
