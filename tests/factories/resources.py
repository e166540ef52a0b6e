"""The resource hub: pages built the way editors build them."""

import datetime
import io
import itertools
import uuid

from django.core.files import File
from django.core.files.images import ImageFile
from wagtail.documents.models import Document
from wagtail.images.models import Image

from institute.core.models import Topic
from institute.resources.demo import DEMO_AUDIO
from institute.resources.models import (
    CollectionItem,
    CollectionPage,
    PodcastEpisodePage,
    PodcastSeriesPage,
    ResourceHubPage,
    ResourcePage,
)
from tests.factories.membership import make_member

_seq = itertools.count(1)


def text_block(html):
    return {"type": "text", "value": html, "id": str(uuid.uuid4())}


def hub_page(home):
    hub = ResourceHubPage.objects.first()
    if hub is None:
        hub = home.add_child(instance=ResourceHubPage(title="Resources", slug="resources"))
    return hub


def topic(slug, name=None):
    return Topic.objects.get_or_create(slug=slug, defaults={"name": name or slug.title()})[0]


def resource(hub, *, title=None, body="<p>Public text.</p>", members_body=None, topics=(), **kw):
    n = next(_seq)
    kw.setdefault("published", datetime.date(2023, 5, 1))
    kw.setdefault("resource_type", "briefing")
    page = hub.add_child(
        instance=ResourcePage(
            title=title or f"Resource {n}",
            body=[text_block(body)] if body else [],
            members_body=[text_block(members_body)] if members_body else [],
            **kw,
        )
    )
    if topics:
        page.topics.set(topics)
        page.save()  # ParentalManyToManyField values are written on save
    return page


def collection(hub, *, title="Digital Trends 2023", items=(), **kw):
    page = hub.add_child(instance=CollectionPage(title=title, **kw))
    for n, item in enumerate(items):
        CollectionItem.objects.create(collection=page, resource=item, sort_order=n)
    return page


def image(title="Artwork", size=(1400, 1400)):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, (29, 63, 114)).save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="artwork.png"))


def series(hub, **kw):
    fields = {
        "title": "Institute Says",
        "slug": "institute-says",
        "description": "Conversations with digital leaders.",
        "author": "The Institute",
        "owner_name": "Podcast team",
        "owner_email": "podcast@demo.institute.example",
        "image": image(),
    }
    fields.update(kw)
    return hub.add_child(instance=PodcastSeriesPage(**fields))


DEMO_FILES = [
    "recruitment-and-retention-in-local-government-technology.mp3",  # 8 s
    "the-global-problem-of-electronic-waste.mp3",  # 10 s
]


def audio_document(name=DEMO_FILES[0]):
    """One of the demo's generated MP3s (8 s, 64 KB) as a document."""
    return Document.objects.create(
        title=name, file=File(io.BytesIO((DEMO_AUDIO / name).read_bytes()), name=name)
    )


def episode(series_page, *, title=None, **kw):
    n = next(_seq)
    fields = {
        "published": datetime.date(2023, 10, 4),
        "summary": "An episode about electronic waste.",
        "audio": audio_document(),
        "episode_number": n,
        "transcript": "<p>Host: welcome.</p>",
    }
    fields.update(kw)
    return series_page.add_child(
        instance=PodcastEpisodePage(title=title or f"Episode {n}", **fields)
    )


def member(django_user_model, username="member"):
    """A person with a current membership (``tests/factories/membership.py``)."""
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@demo.institute.example", password="x-Passw0rd!"
    )
    return make_member(user)


def non_member(django_user_model, username="visitor"):
    return django_user_model.objects.create_user(
        username=username, email=f"{username}@demo.institute.example", password="x-Passw0rd!"
    )
