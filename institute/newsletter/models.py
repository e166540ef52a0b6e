"""Subscribers, their consents, issues and one delivery row per (issue, subscriber)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.search import index


class Subscriber(models.Model):
    """One address that asked for the newsletter (a member's, or anyone's).

    ``pending`` until the address confirms (double opt-in); ``unsubscribed`` by the person;
    ``suppressed`` by a hard bounce or a complaint: nothing is sent to it again."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        ACTIVE = "active", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        SUPPRESSED = "suppressed", "Suppressed (bounce or complaint)"

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Every Friday"
        MONTHLY = "monthly", "Once a month (the first Friday's issue)"

    email = models.EmailField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletter_subscriptions",
    )
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.PENDING)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    topics = models.ManyToManyField("core.Topic", blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    suppressed_reason = models.CharField(max_length=20, blank=True)
    # Where the pending request came from (recorded with the consent on confirmation).
    source = models.CharField(max_length=40, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "frequency", "id"])]

    def __str__(self):
        return f"{self.email} ({self.get_status_display()})"


class SubscriptionConsent(models.Model):
    """One decision about the newsletter, with the words shown, when and where (kept)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    given = models.BooleanField()
    wording_version = models.CharField(max_length=20)
    wording = models.TextField()
    source = models.CharField(max_length=40)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self):
        return f"{self.subscriber.email}: {'given' if self.given else 'withdrawn'}"


class Issue(index.Indexed, models.Model):
    """One Friday's newsletter. ``sections`` is what composition found, kept as it was
    (key, title and items with their topics), so that every copy and the archive show the
    same items whatever changes afterwards; staff edit ``intro`` and ``section_order``."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved, sending"
        SENT = "sent", "Sent"

    friday = models.DateField(unique=True)
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)
    sections = models.JSONField(default=list)
    section_order = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("intro"),
        index.SearchField("search_text"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["-friday"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("newsletter:issue", kwargs={"friday": self.friday.isoformat()})


class Delivery(models.Model):
    """One subscriber's copy of one issue: the idempotency key is (issue, subscriber).

    ``queued`` → ``claimed`` (a worker took it in a batch, nothing sent yet) → ``sending``
    (committed *before* the SMTP conversation starts) → ``sent`` (committed after the server
    accepted it). A ``claimed`` row whose worker died goes back to ``queued``: it was never
    handed to the server. A ``sending`` row whose worker died becomes ``uncertain`` and is
    never sent again by a worker (docs/newsletter.md, "Exactly once")."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        CLAIMED = "claimed", "Claimed by a worker"
        SENDING = "sending", "Handed to the mail server"
        SENT = "sent", "Sent"
        UNCERTAIN = "uncertain", "Worker stopped mid-send: check the provider's log"
        FAILED = "failed", "Failed"
        BOUNCED = "bounced", "Bounced"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=40, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_one_copy")
        ]
        indexes = [models.Index(fields=["issue", "status", "id"])]

    def __str__(self):
        return f"{self.issue} → {self.subscriber.email}: {self.status}"
