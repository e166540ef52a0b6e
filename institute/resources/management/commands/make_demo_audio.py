"""Write the demo podcast's two short episodes (``institute/resources/demo_audio/*.mp3``).

The files are committed; this command is how they were made, and makes the same bytes again:
a few bars of sine-wave chimes, synthesised sample by sample (no randomness) and encoded as
constant-bitrate MP3 with LAME (the ``lameenc`` package of the ``dev`` extra).
"""

import math
import struct
from pathlib import Path

from django.core.management.base import BaseCommand

from institute.resources.demo_content import PODCAST

SAMPLE_RATE = 22_050
BIT_RATE = 64  # kbit/s: about 8 KB a second
DEMO_AUDIO = Path(__file__).resolve().parents[2] / "demo_audio"
# Each episode's tune: (frequency in Hz, beats); a beat is half a second.
TUNES = [
    [(523.25, 1), (659.25, 1), (783.99, 2), (659.25, 1), (523.25, 1), (392.0, 2)] * 2,
    [(440.0, 1), (554.37, 1), (659.25, 1), (880.0, 3), (659.25, 1), (440.0, 3)] * 2,
]


def pcm(tune) -> bytes:
    """16-bit mono samples: each note a sine with a short attack and an exponential decay."""
    samples = []
    for frequency, beats in tune:
        length = int(SAMPLE_RATE * beats / 2)
        for n in range(length):
            t = n / SAMPLE_RATE
            envelope = min(1.0, t * 50) * math.exp(-3 * t / beats)
            samples.append(int(12_000 * envelope * math.sin(2 * math.pi * frequency * t)))
    return struct.pack(f"<{len(samples)}h", *samples)


def mp3(tune) -> bytes:
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(2)
    return bytes(encoder.encode(pcm(tune)) + encoder.flush())


class Command(BaseCommand):
    help = "Write the demo podcast episodes' audio (deterministic MP3)."

    def handle(self, *args, **options):
        DEMO_AUDIO.mkdir(exist_ok=True)
        for episode, tune in zip(PODCAST["episodes"], TUNES, strict=True):
            path = DEMO_AUDIO / f"{episode['slug']}.mp3"
            path.write_bytes(mp3(tune))
            self.stdout.write(f"{path.name}: {path.stat().st_size} bytes")
