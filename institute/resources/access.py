"""Authorisation rules for the resource hub's named URLs.

The hub, its resources, collections, podcast series and feeds are Wagtail pages and routes
served by the page tree, open to everyone; the members-only part of a resource is decided
inside the page by ``selectors.can_read_members_content``. The one named URL of the room is
a podcast episode's audio, open to everyone like the episode's page (a private episode's
audio follows its page's view restrictions).
"""

from institute.core.access import ANONYMOUS, Rule

RULES = {
    "resources:episode_audio": Rule(ANONYMOUS, kwargs=lambda: _sample_audio()),
}


def _sample_audio():
    from .demo import sample_episode

    episode = sample_episode()
    return {"episode_id": episode.pk, "filename": f"{episode.slug}.mp3"}
