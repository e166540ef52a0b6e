"""Demo imagery: small abstract illustrations in the society's colours, drawn with Pillow.

The same key always gives the same picture, so demo data looks the same on every machine
and nothing is downloaded. Each image is stored once (by title) with its alt text in the
image's description, which Wagtail uses as the default alt text (docs/content.md).
"""

import io
import math
import random

from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.models import Collection

SIZE = (960, 540)
NAVY = (29, 63, 114)
DARK = (19, 43, 79)
TINT = (233, 239, 248)
SKY = (159, 195, 239)
GOLD = (245, 184, 61)
TEAL = (14, 110, 106)
WHITE = (255, 255, 255)

# Motifs: how each is drawn, and the alt text that says what it shows.
MOTIFS = {
    "bars": "Illustration: the rising bars of a chart in blue and gold",
    "network": "Illustration: dots joined by lines, like a network, on dark blue",
    "waves": "Illustration: layered waves in blue, teal and gold",
    "tiles": "Illustration: a grid of rounded tiles, a few picked out in gold",
}
# A post or publication's first topic chooses its motif.
TOPIC_MOTIFS = {
    "data": "bars",
    "benchmarking": "bars",
    "recruitment": "bars",
    "ai": "network",
    "cyber": "network",
    "connected-places": "network",
    "sustainability": "waves",
    "resilience": "waves",
    "place-based": "waves",
}


def motif_for(topic_slugs):
    for slug in topic_slugs:
        if slug in TOPIC_MOTIFS:
            return TOPIC_MOTIFS[slug]
    return "tiles"


def _draw(motif, rng, size):
    from PIL import Image as PILImage
    from PIL import ImageDraw

    width, height = size
    dark = motif == "network"
    canvas = PILImage.new("RGB", size, DARK if dark else TINT)
    draw = ImageDraw.Draw(canvas)
    if motif == "bars":
        count = rng.randint(5, 8)
        step = width / (count + 1)
        for i in range(count):
            x = step * (i + 0.6)
            top = height * (0.75 - 0.55 * (i + rng.random()) / count)
            colour = GOLD if i == count - 1 else (NAVY if i % 2 else SKY)
            draw.rounded_rectangle((x, top, x + step * 0.7, height * 0.88), radius=10, fill=colour)
        draw.line(
            (step * 0.4, height * 0.88, width - step * 0.4, height * 0.88), fill=NAVY, width=6
        )
    elif motif == "network":
        points = [
            (rng.uniform(0.08, 0.92) * width, rng.uniform(0.1, 0.9) * height) for _ in range(14)
        ]
        for i, (x, y) in enumerate(points):
            for x2, y2 in points[i + 1 : i + 3]:
                draw.line((x, y, x2, y2), fill=(60, 96, 150), width=4)
        for i, (x, y) in enumerate(points):
            r = rng.randint(10, 26)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=GOLD if i % 5 == 0 else SKY)
    elif motif == "waves":
        for band, colour in enumerate((SKY, TEAL, NAVY, GOLD)):
            base = height * (0.35 + band * 0.16)
            amplitude = rng.uniform(18, 40)
            phase = rng.uniform(0, 6.28)
            top = [
                (x, base + amplitude * math.sin(phase + x / width * 6.28 * 1.5))
                for x in range(0, width + 20, 20)
            ]
            draw.polygon([*top, (width, height), (0, height)], fill=colour)
    else:  # tiles
        cols, rows = 8, 5
        gap = 14
        w = (width - gap * (cols + 1)) / cols
        h = (height - gap * (rows + 1)) / rows
        for r in range(rows):
            for c in range(cols):
                x = gap + c * (w + gap)
                y = gap + r * (h + gap)
                pick = rng.random()
                colour = (
                    GOLD if pick > 0.94 else (NAVY if pick > 0.78 else SKY if pick > 0.5 else WHITE)
                )
                draw.rounded_rectangle((x, y, x + w, y + h), radius=12, fill=colour)
    return canvas


def illustration(key, *, motif="tiles", size=SIZE):
    """The stored demo illustration for ``key`` (drawn and saved the first time); its
    description is the alt text."""
    title = f"Demo illustration: {key}"
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = _draw(motif, random.Random(key), size)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    if Collection.get_first_root_node() is None:  # a flushed database has no image collection
        Collection.add_root(name="Root")
    return Image.objects.create(
        title=title,
        description=MOTIFS[motif],
        file=ImageFile(buffer, name=f"demo-{_slug(key)}.png"),
    )


def _slug(key):
    return "".join(ch if ch.isalnum() else "-" for ch in key.lower())[:60]
