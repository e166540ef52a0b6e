"""A podcast episode's audio: measured from the file, served with byte ranges.

Editors upload the episode's MP3 or M4A as a document and choose it on the episode; its size,
type and duration are read from the file (``measure``), never typed. Podcast apps and the
page's player fetch it from ``episode_audio``, which answers ``Range`` requests (docs/resources.md,
"Podcasts").
"""

from dataclasses import dataclass

import mutagen
from django.http import Http404
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4

from institute.core.methods import safe_methods
from institute.core.params import whole_number
from institute.core.ranges import ranged_file

# What podcast apps accept, with the extension each is served under.
FORMATS = {MP3: ("audio/mpeg", "mp3"), MP4: ("audio/x-m4a", "m4a")}
EXTENSIONS = dict(FORMATS.values())  # content type: extension


class AudioError(ValueError):
    """The file is not audio podcast apps can play."""


@dataclass(frozen=True)
class Measured:
    size: int
    duration_seconds: int
    content_type: str


def measure(file) -> Measured:
    """Size in bytes, duration in whole seconds and type of an MP3 or M4A ``file`` (a stored
    or uploaded ``File``), read from the file itself."""
    try:
        with file.open("rb") as handle:
            audio = mutagen.File(handle, options=list(FORMATS))
    except (mutagen.MutagenError, OSError, ValueError) as error:
        raise AudioError("The file cannot be read as MP3 or M4A audio.") from error
    if audio is None or audio.info is None or not audio.info.length:
        raise AudioError("The file is not MP3 or M4A audio, or it holds no sound.")
    content_type, _ = FORMATS[type(audio)]
    return Measured(
        size=file.size,
        duration_seconds=max(1, round(audio.info.length)),
        content_type=content_type,
    )


@safe_methods
def episode_audio(request, episode_id, filename):
    """``/podcast-audio/<episode>/<slug>.<mp3|m4a>``: a live episode's audio, with ranges."""
    from .models import PodcastEpisodePage

    if whole_number(episode_id) is None:  # past the database's integers: no such episode
        raise Http404("There is no such episode.")
    episode = (
        PodcastEpisodePage.objects.live().filter(pk=episode_id).select_related("audio").first()
    )
    if episode is None or episode.audio is None:
        raise Http404("There is no such episode.")
    for restriction in episode.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404("There is no such episode.")
    return ranged_file(
        request,
        episode.audio.file,
        content_type=episode.audio_type,
        modified=episode.audio.created_at,
    )
