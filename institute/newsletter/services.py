"""Writes of the newsletter: subscriptions, consent, suppression, issues and their queue.

Sending itself — claiming, handing to the mail server, marking — is in ``sending.py``, the
one place that decides who gets a copy."""

from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from institute.core.canonical import absolute_url
from institute.people.consent import WORDING
from institute.people.models import Consent

from . import tokens
from .models import Delivery, Issue, Subscriber, SubscriptionConsent

Status = Subscriber.Status


def _normalise(email: str) -> str:
    local, _, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def _consent(subscriber, *, given, source):
    wording = WORDING[Consent.Purpose.NEWSLETTER]
    SubscriptionConsent.objects.create(
        subscriber=subscriber,
        given=given,
        wording_version=wording.version,
        wording=wording.text,
        source=source[:40],
    )
    if subscriber.user_id:
        from institute.people.services import consent_record

        consent_record(user=subscriber.user, purpose=Consent.Purpose.NEWSLETTER, given=given)


def _send_link_mail(subscriber, *, template, subject, url):
    context = {"subscriber": subscriber, "url": url}
    EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"newsletter/email/{template}.txt", context),
        to=[subscriber.email],
    ).send()


@transaction.atomic
def subscription_request(*, email, topics, frequency, user=None, source="subscribe-form"):
    """Someone asked for the newsletter: a pending subscription and a confirmation e-mail
    (double opt-in). An address already subscribed gets its preferences link instead; a
    suppressed address gets nothing. The answer on the page is the same in every case, so
    the form does not tell who is subscribed."""
    email = _normalise(email)
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(email=email, frequency=frequency)
    if subscriber.status == Status.SUPPRESSED:
        return subscriber
    if user is not None and user.is_authenticated and user.email.lower() == email.lower():
        subscriber.user = user
    if subscriber.status == Status.ACTIVE:
        subscriber.save(update_fields=["user"])
        url = absolute_url(_manage_path(subscriber))
        transaction.on_commit(
            lambda: _send_link_mail(
                subscriber, template="already", subject="Your newsletter preferences", url=url
            )
        )
        return subscriber
    subscriber.status = Status.PENDING
    subscriber.frequency = frequency
    subscriber.source = source[:40]
    subscriber.save()
    subscriber.topics.set(topics)
    url = absolute_url(_path("newsletter:confirm", tokens.make(subscriber, tokens.CONFIRM)))
    transaction.on_commit(
        lambda: _send_link_mail(
            subscriber, template="confirm", subject="Confirm your newsletter subscription", url=url
        )
    )
    return subscriber


def _path(name, token):
    from django.urls import reverse

    return reverse(name, kwargs={"token": token})


def _manage_path(subscriber):
    return _path("newsletter:preferences", tokens.make(subscriber, tokens.MANAGE))


@transaction.atomic
def subscription_confirm(*, subscriber):
    """The address confirmed: subscribed, with the consent recorded (time, words, source)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status != Status.PENDING:
        return subscriber
    subscriber.status = Status.ACTIVE
    subscriber.confirmed_at = timezone.now()
    subscriber.save(update_fields=["status", "confirmed_at"])
    _consent(subscriber, given=True, source=subscriber.source or "subscribe-form")
    return subscriber


@transaction.atomic
def subscription_update(*, subscriber, topics, frequency):
    subscriber.frequency = frequency
    subscriber.save(update_fields=["frequency"])
    subscriber.topics.set(topics)
    return subscriber


@transaction.atomic
def subscription_cancel(*, subscriber, source):
    """Unsubscribe: nothing more is sent, including copies of an issue still queued."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status in (Status.ACTIVE, Status.PENDING):
        was_active = subscriber.status == Status.ACTIVE
        subscriber.status = Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
        if was_active:
            _consent(subscriber, given=False, source=source)
    _drop_queued(subscriber)
    return subscriber


def _drop_queued(subscriber):
    Delivery.objects.filter(subscriber=subscriber, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.FAILED, error="Unsubscribed or suppressed before sending"
    )


@transaction.atomic
def address_suppress(*, email, reason, message_id=""):
    """A hard bounce or a complaint: the address gets nothing more. The delivery it names
    (by Message-ID) is marked bounced. Returns whether an address was found."""
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber is None:
        return False
    subscriber.status = Status.SUPPRESSED
    subscriber.suppressed_reason = reason[:20]
    subscriber.save(update_fields=["status", "suppressed_reason"])
    _drop_queued(subscriber)
    if message_id:
        Delivery.objects.filter(subscriber=subscriber, message_id=message_id).update(
            status=Delivery.Status.BOUNCED, error=reason[:300]
        )
    return True


def delivery_confirm(*, message_ids):
    """The provider reports these Message-IDs delivered: a copy whose worker stopped
    mid-send (``uncertain``) is settled as sent. Returns how many rows changed."""
    return Delivery.objects.filter(
        message_id__in=list(message_ids), status=Delivery.Status.UNCERTAIN
    ).update(status=Delivery.Status.SENT, sent_at=timezone.now())


def deliveries_release_uncertain(*, issue):
    """Staff have checked the provider's log: the ``uncertain`` copies it does not show were
    never accepted; they go back to the queue (each keeps its Message-ID)."""
    return Delivery.objects.filter(issue=issue, status=Delivery.Status.UNCERTAIN).update(
        status=Delivery.Status.QUEUED, claim="", claimed_at=None
    )


# --- Issues ---------------------------------------------------------------------------------


def issue_update(*, issue, intro, section_order):
    if issue.status != Issue.Status.DRAFT:
        return issue
    issue.intro = intro
    issue.section_order = section_order
    issue.save(update_fields=["intro", "section_order"])
    return issue


@transaction.atomic
def issue_approve(*, issue, user):
    """Approve a draft: it becomes public in the archive and a copy is queued for every
    active subscriber it is for (``issue_queue``). Sending starts when the transaction
    commits."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != Issue.Status.DRAFT:
        return issue
    issue.status = Issue.Status.APPROVED
    issue.approved_at = timezone.now()
    issue.approved_by = user if user is not None and user.is_authenticated else None
    issue.save(update_fields=["status", "approved_at", "approved_by"])
    issue_queue(issue=issue)
    from .tasks import send_issue

    transaction.on_commit(lambda: send_issue.enqueue(issue.pk))
    return issue


def recipients(*, issue):
    """Ids of the active subscribers an issue is for: weekly ones always, monthly ones for
    the first Friday of a month."""
    subscribers = Subscriber.objects.filter(status=Status.ACTIVE)
    if issue.friday.day > 7:
        subscribers = subscribers.filter(frequency=Subscriber.Frequency.WEEKLY)
    return subscribers.order_by("pk").values_list("pk", flat=True)


def issue_queue(*, issue, recipient_ids=None):
    """Queue a copy for each recipient (``recipients``, or a queryset of subscriber ids
    given): one ``INSERT … SELECT`` in the database, so neither time in Python nor memory
    grows with the list; ``ON CONFLICT DO NOTHING`` on the (issue, subscriber) key makes it
    safe to run twice. Returns how many rows were new."""
    ids = recipients(issue=issue) if recipient_ids is None else recipient_ids
    sql, params = ids.query.sql_with_params()
    table = connection.ops.quote_name(Delivery._meta.db_table)
    with connection.cursor() as cursor:
        # SQLite needs a WHERE in an INSERT … SELECT … ON CONFLICT (its parser's ambiguity).
        cursor.execute(
            f"INSERT INTO {table} "  # noqa: S608 — our table, the ORM's own SQL and parameters
            "(subscriber_id, issue_id, status, attempts, claim, message_id, error) "
            f"SELECT recipient.*, %s, %s, 0, '', '', '' FROM ({sql}) AS recipient WHERE 1 = 1 "
            "ON CONFLICT DO NOTHING",
            [issue.pk, Delivery.Status.QUEUED, *params],
        )
        return cursor.rowcount


def issue_send_test(*, issue, email, subscriber=None):
    """A test copy to staff (``subject`` marked as a test); no delivery row, no queue."""
    from .emails import issue_message

    message = issue_message(issue=issue, subscriber=subscriber, to=email, test=True)
    message.send()


def newsletter_erase(*, user):
    """A member's erasure: their subscription rows, consents and delivery records go."""
    Subscriber.objects.filter(user=user).delete()
    if user.email:
        Subscriber.objects.filter(email__iexact=user.email).delete()
