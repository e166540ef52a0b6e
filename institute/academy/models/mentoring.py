"""The mentoring scheme: rounds, registrations, pairs, meetings and feedback."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from institute.people.models import Region

from .. import matching


class Seniority(models.IntegerChoices):
    NEW = 1, "New to the profession"
    OFFICER = 2, "Officer or analyst"
    SENIOR = 3, "Senior officer or team leader"
    MANAGER = 4, "Service manager"
    HEAD = 5, "Head of service"
    DIRECTOR = 6, "Director or chief officer"


class Format(models.TextChoices):
    IN_PERSON = matching.IN_PERSON, "In person"
    VIRTUAL = matching.VIRTUAL, "Virtual"
    EITHER = matching.EITHER, "Either"


class Round(models.Model):
    """One round of the scheme: registration, matching, confirmed pairs, then closed."""

    class State(models.TextChoices):
        OPEN = "open", "Open for registration"
        MATCHING = "matching", "Matching"
        CONFIRMED = "confirmed", "Pairs confirmed"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    registration_closes = models.DateField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-starts_on", "pk"]

    def __str__(self):
        return self.name


class Registration(models.Model):
    """A mentor's or mentee's sign-up for a round."""

    class Role(models.TextChoices):
        MENTOR = "mentor", "Mentor"
        MENTEE = "mentee", "Mentee"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_registrations"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    topics = models.ManyToManyField("core.Topic", blank=True, related_name="+")
    seniority = models.PositiveSmallIntegerField(choices=Seniority.choices)
    region = models.CharField(max_length=30, choices=Region.choices)
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.EITHER)
    available = models.BooleanField(default=True)
    capacity = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    goals = models.TextField(blank=True)
    not_with = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # Why the round's last matching left this person without a pair (blank: matched, or
    # not matched yet). Written with the pairs, so staff read what is stored.
    unmatched_reason = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="academy_one_registration"),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1, capacity__lte=3),
                name="academy_mentor_capacity_1_3",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.round})"


class Pair(models.Model):
    """A mentor and a mentee, as matching proposed or staff set them."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="pairs")
    mentor = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="mentees")
    mentee = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="pair")
    score = models.IntegerField(default=0)
    parts = models.JSONField(default=dict)
    locked = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "mentor", "mentee"]

    def __str__(self):
        return f"{self.mentor.user} and {self.mentee.user}"

    def has_member(self, user):
        return user.pk in (self.mentor.user_id, self.mentee.user_id)


class Meeting(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    minutes = models.PositiveSmallIntegerField(default=60)
    summary = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"Meeting on {self.held_on}"


class Feedback(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_feedback"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pair", "author"], name="academy_feedback_once")
        ]

    def __str__(self):
        return f"Feedback on {self.pair}"
