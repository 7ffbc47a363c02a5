"""Draw the EU emblem from its official geometry: static/img/eu-emblem.svg and eu-emblem.png.

    .venv/bin/python tools/eu_emblem.py

A 3:2 rectangle of Reflex Blue (#003399); twelve gold (#FFDD00) five-pointed stars, one point up,
at the positions of the hours on a clock face, on a circle whose radius is one third of the
flag's height; each star's outer radius is one eighteenth of the height. The PNG (96 x 64) is for
the e-mail edition: most e-mail programs do not show SVG. The output is committed.
"""

import math
import pathlib

from PIL import Image, ImageDraw

OUT = pathlib.Path(__file__).resolve().parent.parent / "static" / "img"
HEIGHT = 540
WIDTH = HEIGHT * 3 // 2
BLUE, GOLD = "#003399", "#FFDD00"


def star(cx, cy, scale=1.0):
    """The ten points of a star centred on (cx, cy): outer radius H/18, inner in the pentagram's ratio."""
    outer = HEIGHT / 18
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    points = []
    for i in range(10):
        angle = math.radians(-90 + 36 * i)
        radius = outer if i % 2 == 0 else inner
        points.append(((cx + radius * math.cos(angle)) * scale, (cy + radius * math.sin(angle)) * scale))
    return points


def centres():
    """The twelve stars' centres, clockwise from twelve o'clock."""
    radius = HEIGHT / 3
    angles = [math.radians(30 * hour) for hour in range(12)]
    return [(WIDTH / 2 + radius * math.sin(a), HEIGHT / 2 - radius * math.cos(a)) for a in angles]


def svg():
    path = "M" + " L".join(f"{x:.2f},{y:.2f}" for x, y in star(0, 0)) + " Z"
    uses = "".join(f'<use href="#star" x="{x:.2f}" y="{y:.2f}"/>' for x, y in centres())
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="Flag of the European Union">\n'
        "<!-- The EU emblem from its official geometry: tools/eu_emblem.py. -->\n"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{BLUE}"/>\n'
        f'<defs><path id="star" d="{path}"/></defs>\n'
        f'<g fill="{GOLD}">{uses}</g>\n'
        "</svg>\n"
    )


def png(width=96):
    big = 8  # drawn 8 times larger, then scaled down: smooth edges
    scale = width * big / WIDTH
    image = Image.new("RGB", (width * big, width * big * 2 // 3), BLUE)
    draw = ImageDraw.Draw(image)
    for x, y in centres():
        draw.polygon(star(x, y, scale), fill=GOLD)
    return image.resize((width, width * 2 // 3), Image.LANCZOS)


if __name__ == "__main__":
    (OUT / "eu-emblem.svg").write_text(svg(), encoding="utf-8")
    png().save(OUT / "eu-emblem.png", optimize=True)
