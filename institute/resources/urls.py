from django.urls import path

from . import audio

app_name = "resources"

urlpatterns = [
    # Served by the application (with byte ranges) in production too: docs/resources.md.
    path(
        "podcast-audio/<int:episode_id>/<str:filename>",
        audio.episode_audio,
        name="episode_audio",
    ),
]
