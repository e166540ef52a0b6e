"""Reads of the newsletter: the archive, a subscriber's data, delivery status."""

from django.db.models import Count

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
