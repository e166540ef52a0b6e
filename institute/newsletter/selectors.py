"""Reads of the newsletter: the archive, a subscriber's data, delivery status."""

import datetime

from django.db.models import Count
from django.utils import timezone

from .models import Delivery, Issue, Subscriber


def archive_issues():
    """Issues in the public archive (approved or sent), newest first."""
    return Issue.objects.exclude(status=Issue.Status.DRAFT).defer("sections").order_by("-friday")


def archive_issue(*, friday):
    return Issue.objects.exclude(status=Issue.Status.DRAFT).filter(friday=friday).first()


def delivery_counts(*, issue) -> dict:
    rows = Delivery.objects.filter(issue=issue).values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(Delivery.Status.values, 0)
    counts.update({r["status"]: r["n"] for r in rows})
    return counts


def subscription_for(*, user):
    """The subscription at ``user``'s account e-mail address (None if there is none), with
    its topics and consents (newest first) read in the same go."""
    if not user.email:
        return None
    return (
        Subscriber.objects.filter(email__iexact=user.email)
        .prefetch_related("topics", "consents")
        .first()
    )


def subscriptions_for(*, user) -> list[dict]:
    """What the newsletter holds about a person: their subscriptions (by account or
    address), consents and the copies sent to them."""
    subscribers = Subscriber.objects.filter(user=user)
    if user.email:
        subscribers = subscribers | Subscriber.objects.filter(email__iexact=user.email)
    found = []
    for s in subscribers.distinct().prefetch_related("topics", "consents"):
        found.append(
            {
                "email": s.email,
                "status": s.status,
                "frequency": s.frequency,
                "topics": sorted(t.name for t in s.topics.all()),
                "subscribed_at": s.created_at.isoformat(),
                "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
                "consents": [
                    {
                        "given": c.given,
                        "wording_version": c.wording_version,
                        "wording": c.wording,
                        "source": c.source,
                        "recorded_at": c.recorded_at.isoformat(),
                    }
                    for c in s.consents.all()
                ],
                "deliveries": [
                    {
                        "issue": d.issue.title,
                        "status": d.status,
                        "sent_at": d.sent_at.isoformat() if d.sent_at else None,
                    }
                    for d in Delivery.objects.filter(subscriber=s).select_related("issue")
                ],
            }
        )
    return found


def issues_sent_count(*, year: int) -> int:
    """Friday issues sent in ``year`` (one query)."""
    return Issue.objects.filter(status=Issue.Status.SENT, friday__year=year).count()


def subscribers_count(*, day) -> int:
    """Addresses subscribed at the end of ``day``: confirmed by then and not unsubscribed by
    then; a suppressed address (bounce or complaint) is not counted, as its date is not kept
    (one query)."""
    end = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    return (
        Subscriber.objects.filter(confirmed_at__lte=end)
        .exclude(unsubscribed_at__lte=end)
        .exclude(status=Subscriber.Status.SUPPRESSED)
        .count()
    )
