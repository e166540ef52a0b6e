"""Double opt-in, consent, preferences by signed link, one-click unsubscribe (RFC 8058) and
the provider's bounce and complaint webhook."""

import json
import re

import pytest
from django.core import mail, signing
from django.test import override_settings
from django.urls import reverse

from institute.core.models import Topic
from institute.newsletter import tokens
from institute.newsletter.emails import issue_message
from institute.newsletter.models import Delivery, Subscriber
from institute.people.models import Consent
from tests.factories.newsletter import make_issue, make_subscriber
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mails_on_commit(django_capture_on_commit_callbacks, monkeypatch):
    """Run what a request leaves for after its commit (the e-mails) when it ends."""
    from django.test import client as test_client

    original = test_client.Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(test_client.Client, "request", request)


def link_in(message):
    return re.search(r"http://testserver(\S+)", message.body).group(1)


def subscribe(client, email, **extra):
    data = {"email": email, "frequency": "weekly", "consent": "on", **extra}
    return client.post(reverse("newsletter:subscribe"), data)


def test_subscribing_needs_confirmation_and_records_consent(client):
    topic = Topic.objects.create(name="Cyber security", slug="cyber")
    response = subscribe(client, "Ann@Example.ORG", topics=[topic.pk])
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Ann@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert list(subscriber.topics.all()) == [topic]
    assert subscriber.consents.count() == 0
    (message,) = mail.outbox
    confirm_url = link_in(message)
    # Opening the link (as link checkers do) confirms nothing: a button does.
    assert client.get(confirm_url).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    response = client.post(confirm_url)
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.confirmed_at
    (consent,) = subscriber.consents.all()
    assert consent.given and consent.source == "subscribe-form"
    assert consent.wording_version == "2026-11" and "Friday digest" in consent.wording


def test_consent_is_required_and_bad_input_is_a_form_error(client):
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": "x@example.org", "frequency": "daily", "topics": ["١", "9" * 30]},
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert b"Tick the box" in response.content


def test_a_member_subscribing_records_their_profile_consent_too(client):
    user = UserFactory()
    client.force_login(user)
    subscribe(client, user.email)
    client.post(link_in(mail.outbox[0]))
    subscriber = Subscriber.objects.get()
    assert subscriber.user == user
    assert Consent.objects.get(user=user, purpose=Consent.Purpose.NEWSLETTER).given


def test_subscribing_again_does_not_tell_who_is_subscribed(client):
    make_subscriber("sub@example.org")
    make_subscriber("gone@example.org", status=Subscriber.Status.SUPPRESSED)
    first = subscribe(client, "sub@example.org")
    second = subscribe(client, "gone@example.org")
    assert first["Location"] == second["Location"]
    assert [m.subject for m in mail.outbox] == ["Your newsletter preferences"]
    assert Subscriber.objects.get(email="gone@example.org").status == "suppressed"


def test_preferences_by_signed_link_without_signing_in(client):
    topic = Topic.objects.create(name="Data", slug="data")
    subscriber = make_subscriber()
    url = reverse(
        "newsletter:preferences", kwargs={"token": tokens.make(subscriber, tokens.MANAGE)}
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"frequency": "monthly", "topics": [topic.pk]})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.frequency == "monthly" and list(subscriber.topics.all()) == [topic]


def test_a_token_is_bound_to_its_subscriber_and_address(client):
    ann = make_subscriber("ann@example.org")
    bob = make_subscriber("bob@example.org")
    token = tokens.make(ann, tokens.MANAGE)
    # Edited to name someone else: the signature no longer matches.
    forged = signing.dumps([bob.pk, "0" * 16], salt=tokens.MANAGE)
    for bad in [token[:-2] + "xx", forged, "nonsense", tokens.make(ann, tokens.CONFIRM)]:
        url = reverse("newsletter:unsubscribe", kwargs={"token": bad})
        assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 404
    # The address changed: old links stop working.
    Subscriber.objects.filter(pk=ann.pk).update(email="ann.new@example.org")
    url = reverse("newsletter:unsubscribe", kwargs={"token": token})
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 404
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"active"}


def test_the_headers_and_the_one_click_post(client):
    subscriber = make_subscriber("ann@example.org")
    other = make_subscriber("bob@example.org")
    issue = make_issue()
    message = issue_message(issue=issue, subscriber=subscriber, message_id="<x@y>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http://testserver/newsletter/unsubscribe/")
    path = url.removeprefix("http://testserver")
    # A mail client's one-click POST: no session, no CSRF token (RFC 8058).
    csrf_client = client.__class__(enforce_csrf_checks=True)
    assert csrf_client.post(path, {"Other": "x"}).status_code == 400
    response = csrf_client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    other.refresh_from_db()
    assert subscriber.status == "unsubscribed" and other.status == "active"
    # The page itself (GET) changes nothing.
    assert client.get(path).status_code == 200


def test_unsubscribing_drops_queued_copies():
    subscriber = make_subscriber()
    issue = make_issue()
    Delivery.objects.create(issue=issue, subscriber=subscriber)
    from institute.newsletter.services import subscription_cancel

    subscription_cancel(subscriber=subscriber, source="test")
    assert Delivery.objects.get().status == Delivery.Status.FAILED
    assert subscriber.consents.get().given is False


@override_settings(NEWSLETTER_WEBHOOK_SECRET="s3cret")
def test_the_webhook_suppresses_bounces_and_complaints(client):
    subscriber = make_subscriber("bounce@example.org")
    issue = make_issue()
    Delivery.objects.create(issue=issue, subscriber=subscriber, status="sent", message_id="<m1>")
    url = reverse("newsletter:webhook")
    body = json.dumps({"event": "bounce", "email": "bounce@example.org", "message_id": "<m1>"})
    assert client.post(url, body, content_type="application/json").status_code == 403
    wrong = {"HTTP_AUTHORIZATION": "Bearer nope"}
    assert client.post(url, body, content_type="application/json", **wrong).status_code == 403
    ok = {"HTTP_AUTHORIZATION": "Bearer s3cret"}
    assert client.post(url, "{not json", content_type="application/json", **ok).status_code == 400
    assert (
        client.post(url, '{"event": "x"}', content_type="application/json", **ok).status_code == 400
    )
    response = client.post(url, body, content_type="application/json", **ok)
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "suppressed" and subscriber.suppressed_reason == "bounce"
    assert Delivery.objects.get().status == "bounced"
    assert client.get(url).status_code == 405


def test_the_webhook_is_closed_without_a_secret(client):
    response = client.post(
        reverse("newsletter:webhook"),
        "{}",
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer ",
    )
    assert response.status_code == 403
