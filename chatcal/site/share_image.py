"""The picture a shared link shows (Open Graph, Twitter cards): the site's mark and name.

Social sites do not read SVG, so it is a PNG, made once at build time: one
image for every page, 1200×630 as Open Graph and Twitter's large card ask.
Drawn with Pillow's own font, so no font file has to be installed.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
ACCENT = (31, 95, 139)  # the favicon's blue
INK = (255, 255, 255)
SOFT = (214, 230, 242)


def share_image_png(name: str, tagline: str) -> bytes:
    image = Image.new("RGB", SIZE, ACCENT)
    draw = ImageDraw.Draw(image)
    _mark(draw, left=96, top=150, size=180)
    draw.text((320, 160), name, font=ImageFont.load_default(size=120), fill=INK)
    for number, line in enumerate(_wrap(tagline, 40)):
        draw.text((100, 390 + number * 60), line, font=ImageFont.load_default(size=46), fill=SOFT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _mark(draw: ImageDraw.ImageDraw, left: int, top: int, size: int) -> None:
    """The favicon: a rounded square holding a hash sign."""
    draw.rounded_rectangle((left, top, left + size, top + size), radius=size // 5, fill=INK)
    bar, third = size // 12, size // 3
    for offset in (third, 2 * third):
        draw.rectangle((left + offset - bar // 2 + 8, top + size // 6, left + offset + bar // 2 + 8,
                        top + size - size // 6), fill=ACCENT)
        draw.rectangle((left + size // 6, top + offset - bar // 2, left + size - size // 6,
                        top + offset + bar // 2), fill=ACCENT)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:2]
