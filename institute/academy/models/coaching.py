"""Coaching: coaches with their capacity and topics, and one-to-one sessions."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from institute.people import roles


class Coach(models.Model):
    """A person with the coach role, as the Academy offers them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coach_profile",
        limit_choices_to={"groups__name": roles.COACH},
        help_text="Someone with the Coach role.",
    )
    sessions_per_month = models.PositiveSmallIntegerField(default=4)
    sessions_per_year = models.PositiveSmallIntegerField(default=30)
    topics = models.ManyToManyField("core.Topic", blank=True, related_name="+")
    about = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name", "pk"]

    def __str__(self):
        return self.user.get_full_name() or self.user.username


class CoachingSession(models.Model):
    """One-to-one: a participant requests, the coach confirms, holds and records it.

    ``notes`` are for the coach and the participant only (never staff, never anyone else)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        BOOKED = "booked", "Booked"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    coach = models.ForeignKey(Coach, on_delete=models.PROTECT, related_name="sessions")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="coaching_sessions",
    )
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=60)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    request = models.CharField("What you would like to discuss", max_length=500, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="academy_coaching_starts")]

    def __str__(self):
        return f"Coaching with {self.coach} on {self.starts_at:%Y-%m-%d}"

    def is_party(self, user):
        return user.is_authenticated and user.pk in (self.coach.user_id, self.participant_id)
