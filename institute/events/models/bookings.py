import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class Occurrence(models.Model):
    """One sitting of a calendar item: a single event has one, a monthly drop-in one a month.

    Occurrences are what the calendar lists, what a feed turns into VEVENTs (their ``uid``
    stays the same for ever) and what members book: capacity applies to each occurrence.
    """

    item = models.ForeignKey(
        "events.CalendarItemPage", on_delete=models.CASCADE, related_name="occurrences"
    )
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["item", "start"]),
            # What is not over yet (``end >= now``) and where it starts, from the index alone.
            models.Index(fields=["end", "start"], name="events_occurrence_end_idx"),
        ]

    def __str__(self):
        return f"{self.item.title} ({self.start:%Y-%m-%d %H:%M} UTC)"


class Booking(models.Model):
    """A member's place (or place on the waiting list) at one occurrence."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    class Allocation(models.TextChoices):
        MEMBER = "member", "Member"
        PARTNER = "partner", "Partner"

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="bookings")
    # Kept (anonymised) after a member asks for erasure so that attendance figures still add up.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_bookings",
    )
    status = models.CharField(max_length=12, choices=Status.choices, db_index=True)
    allocation = models.CharField(
        max_length=10, choices=Allocation.choices, default=Allocation.MEMBER
    )
    # The organisation whose reserved place a partner contact's booking uses (``reservations.py``);
    # empty for every other booking, a partner's beyond its reservation included.
    organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attended = models.BooleanField(default=False)
    created_at = models.DateTimeField(db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # One live booking per person and occurrence; cancelled ones stay as history.
            models.UniqueConstraint(
                fields=["occurrence", "user"],
                condition=~Q(status="cancelled"),
                name="events_one_active_booking_per_person",
            )
        ]
        indexes = [models.Index(fields=["occurrence", "status"])]

    def __str__(self):
        return f"{self.user or 'Former member'} — {self.occurrence} ({self.status})"
