"""Applications to a cohort and what accepted participants attend."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q


class ApplicationQuerySet(models.QuerySet):
    def accepted(self):
        """The applications that hold a place: the one reading of "accepted"."""
        return self.filter(status=Application.Status.ACCEPTED)


def accepted_per_cohort():
    """An annotation for cohorts: how many of their applications hold a place."""
    return Count(
        "applications", filter=Q(applications__status=Application.Status.ACCEPTED), distinct=True
    )


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "Accepted"
        WAITLISTED = "waitlisted", "On the waiting list"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    cohort = models.ForeignKey(
        "academy.CohortPage", on_delete=models.CASCADE, related_name="applications"
    )
    # Kept (anonymised) after erasure so that a cohort's numbers still add up.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="academy_applications",
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    statement = models.TextField("Supporting statement")
    manager_agreed = models.BooleanField(default=False)
    manager_name = models.CharField(max_length=150)
    manager_email = models.EmailField()
    message = models.TextField(blank=True, help_text="The staff's message with the last decision.")
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user"],
                condition=~Q(status="withdrawn"),
                name="academy_one_live_application_per_person",
            )
        ]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self):
        return f"{self.user or 'Former member'} — {self.cohort} ({self.status})"


class Attendance(models.Model):
    """An accepted participant came to a session (a row only for those who came)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(
        "academy.CohortSession", on_delete=models.CASCADE, related_name="attendances"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "session"], name="academy_one_attendance_per_session"
            )
        ]

    def __str__(self):
        return f"{self.application} at {self.session}"
