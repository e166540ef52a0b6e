from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .validators import validate_first_name, validate_last_name


class Region(models.TextChoices):
    """ITL1 regions of the UK, plus national and international reach."""

    NORTH_EAST = "north-east", "North East"
    NORTH_WEST = "north-west", "North West"
    YORKSHIRE = "yorkshire-and-the-humber", "Yorkshire and The Humber"
    EAST_MIDLANDS = "east-midlands", "East Midlands"
    WEST_MIDLANDS = "west-midlands", "West Midlands"
    EAST = "east-of-england", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south-east", "South East"
    SOUTH_WEST = "south-west", "South West"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"
    NATIONAL = "national", "National"
    INTERNATIONAL = "international", "International"


class Organisation(models.Model):
    class Type(models.TextChoices):
        COUNCIL = "council", "Council"
        COMBINED_AUTHORITY = "combined-authority", "Combined authority"
        HEALTH = "health", "Health"
        POLICE_FIRE = "police-fire", "Police & fire"
        CENTRAL_GOVERNMENT = "central-government", "Central government"
        PARTNER = "partner", "Partner"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    type = models.CharField(max_length=30, choices=Type.choices, default=Type.COUNCIL)
    region = models.CharField(max_length=30, choices=Region.choices, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A person with an account. Signs in with e-mail; ``username`` is kept for Wagtail."""

    email = models.EmailField("e-mail address", unique=True)
    # As Django's, with the society's rule for names (validators.py, docs/people.md "Names").
    first_name = models.CharField(
        "first name", max_length=150, blank=True, validators=[validate_first_name]
    )
    last_name = models.CharField(
        "last name", max_length=150, blank=True, validators=[validate_last_name]
    )
    job_title = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    topics = models.ManyToManyField(
        "core.Topic",
        blank=True,
        related_name="interested_people",
        help_text="Topics of interest: they shape the digest and suggestions.",
    )
    # Set when the person asked for erasure: the row stays, anonymised, so that counts of
    # members, bookings or responses over the years still add up.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self):
        return self.get_full_name() or self.email

    def get_absolute_url(self):
        return reverse("people:profile")


class OrganisationRole(models.Model):
    """A person's standing role at an organisation (beyond simply working there)."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", "Organisation coordinator"
        PARTNER_CONTACT = "partner-contact", "Partner contact"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="organisation_roles")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_org_role")
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} at {self.organisation}"


class Consent(models.Model):
    """One decision about a kind of communication: given or withdrawn, with the words shown.

    The history is kept (never updated in place); the latest record per purpose is the
    person's current choice.
    """

    class Purpose(models.TextChoices):
        NEWSLETTER = "newsletter", "Newsletter"
        EVENT_REMINDERS = "event-reminders", "Event reminders"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    given = models.BooleanField()
    wording_version = models.CharField(max_length=20)
    wording = models.TextField(help_text="The exact words the person agreed to or withdrew.")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["user", "purpose", "-recorded_at"])]

    def __str__(self):
        state = "given" if self.given else "withdrawn"
        return f"{self.get_purpose_display()} consent {state} ({self.wording_version})"


class ErasureRecord(models.Model):
    """That an account was erased, when and at whose request — deliberately nothing personal."""

    class RequestedBy(models.TextChoices):
        MEMBER = "member", "The member"
        STAFF = "staff", "Staff"

    erased_at = models.DateTimeField(default=timezone.now)
    requested_by = models.CharField(
        max_length=10, choices=RequestedBy.choices, default=RequestedBy.MEMBER
    )
    sections = models.JSONField(
        default=list, help_text="Keys of the personal-data sections that were erased."
    )

    class Meta:
        ordering = ["-erased_at"]

    def __str__(self):
        return f"Erasure on {timezone.localtime(self.erased_at):%d %b %Y %H:%M}"
