"""Server-side SVG charts for the staff pages: plain markup, no script, no outside request.

Horizontal bars only: they read on a phone as on a desk, and long labels (question names,
dates) need no rotation. Every chart has a title and a description for screen readers; the
page shows the same numbers in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
ROW = 28
LABEL_WIDTH = 210
VALUE_WIDTH = 170
BAR = "#0b3d6b"
TRACK = "#e6ebf0"
INK = "#1b1b1b"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    note: str = ""  # shown after the value, e.g. "42%"


def bar_chart(chart_id: str, title: str, bars: list[Bar], empty: str) -> Markup:
    """An accessible horizontal bar chart; an empty one says ``empty``."""
    height = max(len(bars), 1) * ROW + 8
    top = max((bar.value for bar in bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    summary = "; ".join(f"{bar.label}: {bar.value}{' ' + bar.note if bar.note else ''}" for bar in bars)
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(summary or empty)}</desc>',
    ]
    if not bars:
        parts.append(f'<text x="0" y="20" fill="{INK}" font-size="14">{escape(empty)}</text>')
    for index, bar in enumerate(bars):
        y = index * ROW + 4
        width = round(span * bar.value / top, 1)
        value = f"{bar.value}{' (' + bar.note + ')' if bar.note else ''}"
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end" fill="{INK}" font-size="13">'
            f"{escape(bar.label)}</text>",
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{span}" height="{ROW - 8}" fill="{TRACK}"/>',
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{ROW - 8}" '
            f'fill="{BAR}" data-value="{bar.value}"/>',
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 17}" fill="{INK}" font-size="13">'
            f"{escape(value)}</text>",
        ]
    parts.append("</svg>")
    return Markup("".join(parts))


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"
