"""Member Voice feedback: hostile text stored as typed and shown inert, the rate limit,
moderation (nothing public before staff publish), each item's own page and the Atom feed."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from institute.core import figures
from institute.core.models import Topic
from institute.membership import services
from institute.membership.models import Feedback
from institute.membership.views import FEEDBACK_LIMIT
from tests.factories import membership as factory
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "ملاحظات الأعضاء حول الفعالية — ‮RTL override‬ and שלום",
    "会員の声：イベントはオンラインで",
    "x" * 3999 + "!",
]


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def member(client):
    user = factory.make_member(UserFactory())
    client.force_login(user)
    return user


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_feedback_is_stored_as_typed_and_shown_inert(client, member, text):
    response = client.post(reverse("membership:feedback_new"), {"text": text})
    assert response.status_code == 302
    item = Feedback.objects.get()
    assert item.text == text
    assert item.state == Feedback.State.SUBMITTED
    # Nothing is public before moderation.
    assert client.get(item.get_absolute_url()).status_code == 404
    services.feedback_publish(
        feedback_id=item.pk, title=text[:160], response=text, acted_on=datetime.date(2024, 1, 2)
    )
    for url in (
        item.get_absolute_url(),
        reverse("membership:board"),
        reverse("membership:board_feed"),
    ):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body
        assert "<img src=x" not in body
    page = client.get(item.get_absolute_url()).content.decode()
    if text.startswith("<script>"):
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    else:
        assert text[:50] in page


def test_too_long_feedback_is_refused_with_a_message(client, member):
    response = client.post(reverse("membership:feedback_new"), {"text": "y" * 4001})
    assert response.status_code == 200
    assert not Feedback.objects.exists()
    assert "at most 4000 characters" in response.content.decode()


def test_nul_bytes_and_blank_text(client, member):
    response = client.post(reverse("membership:feedback_new"), {"text": "  \x00  "})
    assert response.status_code == 200
    assert not Feedback.objects.exists()


def test_rate_limit(client, member):
    url = reverse("membership:feedback_new")
    for n in range(FEEDBACK_LIMIT):
        assert client.post(url, {"text": f"idea {n}"}).status_code == 302
    response = client.post(url, {"text": "one more"})
    assert response.status_code == 429
    assert "try later" in response.content.decode()
    assert Feedback.objects.count() == FEEDBACK_LIMIT


def test_only_members_send_feedback(client):
    client.force_login(UserFactory())
    response = client.post(reverse("membership:feedback_new"), {"text": "hello"})
    assert response.status_code == 200
    assert "join or renew" in response.content.decode()
    assert not Feedback.objects.exists()


def test_moderation_publish_and_reject_from_the_admin(client, django_user_model):
    topic = Topic.objects.create(name="Events", slug="events-topic")
    author = factory.make_member(UserFactory())
    published = services.feedback_submit(user=author, topic=topic, text="Make it virtual.")
    rejected = services.feedback_submit(user=author, topic=None, text="Spam spam.")
    staff = django_user_model.objects.create_superuser("boss", "boss@example.org", "x-Passw0rd!")
    client.force_login(staff)
    url = reverse("membership_admin:feedback_moderate", kwargs={"feedback_id": published.pk})
    response = client.post(
        url,
        {
            "title": "Alumni event turned virtual",
            "response": "We made it virtual.",
            "acted_on": "2023-10-16",
        },
    )
    assert response.status_code == 302
    client.post(
        reverse("membership_admin:feedback_moderate", kwargs={"feedback_id": rejected.pk}),
        {"reject": "on"},
    )
    client.logout()
    board = client.get(reverse("membership:board")).content.decode()
    assert "Alumni event turned virtual" in board
    assert "Spam spam" not in board
    item = client.get(reverse("membership:feedback_item", kwargs={"feedback_id": published.pk}))
    assert "We made it virtual." in item.content.decode()
    assert (
        client.get(
            reverse("membership:feedback_item", kwargs={"feedback_id": rejected.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("membership:feedback_item", kwargs={"feedback_id": "٣"})).status_code
        == 404
    )
    feed = client.get(reverse("membership:board_feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Alumni event turned virtual" in feed.content.decode()
    assert client.post(reverse("membership:board_feed")).status_code == 405
    from institute.membership.selectors import feedback_acted_on

    assert [f.pk for f in feedback_acted_on(year=2023)] == [published.pk]
    acted_on = figures.get("membership.feedback_acted_on")
    assert acted_on.value(year=2023) == 1 and acted_on.value(year=2022) == 0
    assert acted_on.url(year=2023) == reverse("membership:board")


def test_board_queries_do_not_grow_with_the_items(client):
    author = factory.make_member(UserFactory())
    topic = Topic.objects.create(name="Data", slug="data-topic")

    def add(n):
        for i in range(n):
            f = services.feedback_submit(user=author, topic=topic, text=f"t{i}")
            services.feedback_publish(
                feedback_id=f.pk, title=f"T{i}", response="r", acted_on=datetime.date(2024, 1, 1)
            )

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add(2)
    client.get(reverse("membership:board"))  # the site's chrome
    cache.clear()  # and not the anonymous page cache's copy
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("membership:board"))
    add(15)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("membership:board")).content.decode().count("card__title") == 17
    assert 0 < len(many) <= len(few)
