"""Membership tiers, memberships and their history, and Member Voice (docs/membership.md)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from wagtail.search import index


class Tier(models.Model):
    """What a year's membership of one kind costs and gives."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", "Individual"
        ORGANISATIONAL = "organisational", "Organisational"
        ASSOCIATE = "associate", "Associate"
        PARTNER = "partner", "Partner"

    year = models.PositiveSmallIntegerField(help_text="The membership year the price is for.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=100)
    summary = models.CharField(max_length=300, blank=True)
    price = models.DecimalField(max_digits=8, decimal_places=2, help_text="Pounds, per year.")
    benefits = models.TextField(blank=True, help_text="One benefit per line.")
    needs_approval = models.BooleanField(
        default=False, help_text="Staff approve each application before it starts."
    )
    people_included = models.PositiveSmallIntegerField(
        default=1, help_text="How many named people the membership covers."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["year", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["year", "kind"], name="tier_year_kind")]

    def __str__(self):
        return f"{self.name} {self.year}"

    @property
    def benefit_list(self):
        return [line.strip() for line in self.benefits.splitlines() if line.strip()]

    @property
    def is_organisational(self):
        return self.kind == self.Kind.ORGANISATIONAL


class Status(models.TextChoices):
    """A membership's status, computed from its dates (``status.py``)."""

    PENDING = "pending", "Pending"
    NEW = "new", "New"
    CURRENT = "current", "Current"
    GRACE = "grace", "Grace"
    EXPIRED = "expired", "Expired"
    CANCELLED = "cancelled", "Cancelled"


class Membership(models.Model):
    """One person's or organisation's membership, renewed year after year in the same row."""

    class Approval(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="memberships")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="memberships_held",
        help_text="The member, or the coordinator of an organisational membership.",
    )
    organisation = models.ForeignKey(
        "people.Organisation", null=True, blank=True, on_delete=models.SET_NULL
    )
    statement = models.TextField(blank=True, help_text="What the applicant told us.")
    approval = models.CharField(max_length=10, choices=Approval.choices, default=Approval.PENDING)
    applied_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    join_date = models.DateField(null=True, blank=True, help_text="First day as a member.")
    start_date = models.DateField(null=True, blank=True, help_text="First day of this period.")
    end_date = models.DateField(null=True, blank=True, help_text="Last day of this period.")
    grace_end = models.DateField(
        null=True, blank=True, help_text="Last day of grace (kept by the services)."
    )
    cancelled_on = models.DateField(null=True, blank=True)
    invoice_reference = models.CharField(max_length=40, blank=True)
    paid = models.BooleanField(default=False)
    paid_on = models.DateField(null=True, blank=True)
    # The status last recorded in the history (the daily refresh and every service keep it).
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)

    class Meta:
        ordering = ["-applied_at", "-pk"]
        indexes = [
            models.Index(fields=["end_date"]),
            models.Index(fields=["start_date", "grace_end"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self):
        who = self.organisation.name if self.organisation_id else str(self.holder or "—")
        return f"{self.tier.name}: {who}"

    def get_absolute_url(self):
        return reverse("membership:mine")


class CoveredPerson(models.Model):
    """A named person an organisational membership covers (the coordinator adds them)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships_covering"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["membership", "user"], name="covered_once")]

    def __str__(self):
        return f"{self.user} on {self.membership_id}"


class StatusChange(models.Model):
    """One row per change of a membership's status: its history."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    on = models.DateField(help_text="The day the status took effect.")
    recorded_at = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["on", "pk"]
        indexes = [models.Index(fields=["on", "to_status"])]

    def __str__(self):
        return f"{self.on}: {self.to_status}"


class RenewalReminder(models.Model):
    """A reminder sent for one period of a membership: at most one per period."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="reminders")
    period_end = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "period_end"], name="reminder_once")
        ]

    def __str__(self):
        return f"Reminder for {self.membership_id} ({self.period_end})"


class VoiceSeat(models.Model):
    """A member of the Member Voice group, who reviews the society's content."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="voice_seat"
    )
    focus = models.CharField(max_length=120, blank=True, help_text="What they review.")
    joined_on = models.DateField()
    listed = models.BooleanField(default=True, help_text="Named on the group's public page.")

    class Meta:
        ordering = ["joined_on", "pk"]

    def __str__(self):
        return str(self.user)


class VoiceSettings(models.Model):
    """The Member Voice group's drop-in series in the calendar (one row)."""

    drop_in_item_id = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self):
        return "Member Voice settings"


class Feedback(index.Indexed, models.Model):
    """What a member said, and once staff publish it, what the society did."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for moderation"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Not published"

    topic = models.ForeignKey(
        "core.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_given",
    )
    submitted_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUBMITTED)
    title = models.CharField(max_length=160, blank=True, help_text="Headline on the board.")
    response = models.TextField(blank=True, help_text="What we did.")
    acted_on = models.DateField(null=True, blank=True, help_text="When we did it.")
    published_at = models.DateTimeField(null=True, blank=True)

    search_fields = [
        index.SearchField("title"),
        index.SearchField("text"),
        index.SearchField("response"),
        index.FilterField("state"),
    ]

    class Meta:
        ordering = ["-published_at", "-submitted_at", "-pk"]
        verbose_name_plural = "feedback"
        indexes = [models.Index(fields=["state", "published_at"])]

    def __str__(self):
        return self.title or self.text[:60]

    def get_absolute_url(self):
        return reverse("membership:feedback_item", kwargs={"feedback_id": self.pk})
