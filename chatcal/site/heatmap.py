"""An SVG heatmap of busy hours: which hours of the week (UTC) are crowded.

Made at build time so someone starting a chat can see busy and free slots.
"""

from __future__ import annotations

from html import escape

DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
CELL, LEFT, TOP = 22, 40, 22
# From "no chat" to "busiest": a light-to-dark blue ramp that reads in light and dark mode.
RAMP = ["#f1f5f9", "#cfe3f3", "#9cc7e8", "#5ea3d6", "#2f7fbf", "#1a5a91", "#0d3b66"]


def shade(count: int, busiest: int) -> str:
    if count == 0 or busiest == 0:
        return RAMP[0]
    return RAMP[1 + min(len(RAMP) - 2, (count - 1) * (len(RAMP) - 1) // busiest)]


def heatmap_svg(counts: list[list[int]], title: str) -> str:
    busiest = max(max(row) for row in counts)
    width, height = LEFT + 24 * CELL + 4, TOP + 7 * CELL + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="heatmap-title" class="heatmap">',
        f'<title id="heatmap-title">{escape(title)}</title>',
    ]
    for hour in range(0, 24, 3):
        parts.append(f'<text x="{LEFT + hour * CELL + 2}" y="{TOP - 6}" font-size="10">{hour:02d}</text>')
    for day, row in enumerate(counts):
        y = TOP + day * CELL
        parts.append(f'<text x="2" y="{y + 15}" font-size="11">{DAY_NAMES[day]}</text>')
        for hour, count in enumerate(row):
            label = f"{DAY_NAMES[day]} {hour:02d}:00 UTC: {count} chat{'s' if count != 1 else ''}"
            parts.append(
                f'<rect x="{LEFT + hour * CELL}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" '
                f'fill="{shade(count, busiest)}"><title>{label}</title></rect>'
            )
    parts.append("</svg>")
    return "".join(parts)
