"""Certificates of completion (each an Open Badges 2.0 assertion) and the alumni directory."""

import secrets

from django.conf import settings
from django.db import models

from institute.people.models import Region

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


class Certificate(models.Model):
    """Anyone can check a certificate at ``/academy/certificates/<code>/``.

    The recipient is in the badge only as ``sha256$…`` of the e-mail address and the salt,
    as Open Badges 2.0 asks; after erasure the certificate stays (the programme's numbers
    and any badge already shared still verify) with the name removed and no account."""

    code = models.CharField(max_length=16, unique=True, default=new_code, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="academy_certificates",
    )
    application = models.OneToOneField(
        "academy.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificate",
    )
    programme = models.ForeignKey(
        "academy.ProgrammePage", on_delete=models.PROTECT, related_name="certificates"
    )
    cohort = models.ForeignKey(
        "academy.CohortPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    recipient_name = models.CharField(max_length=200)
    recipient_identity = models.CharField(max_length=80, help_text="sha256$ of e-mail + salt")
    salt = models.CharField(max_length=32)
    region = models.CharField(max_length=30, choices=Region.choices, default=Region.NATIONAL)
    issued_at = models.DateTimeField(db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-issued_at", "pk"]
        indexes = [models.Index(fields=["programme", "issued_at"])]

    def __str__(self):
        return f"{self.code} — {self.recipient_name}"

    @property
    def is_valid(self):
        return self.revoked_at is None


class AlumniProfile(models.Model):
    """An alumnus's choice to appear in the members-only alumni directory, and what they
    would talk to other alumni about."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alumni_profile"
    )
    listed = models.BooleanField("List me in the alumni directory", default=False)
    region = models.CharField(max_length=30, choices=Region.choices, default=Region.NATIONAL)
    job_title = models.CharField(max_length=150, blank=True)
    topics = models.ManyToManyField("core.Topic", blank=True, related_name="+")
    about = models.TextField("What I can help other alumni with", blank=True, max_length=500)

    def __str__(self):
        return str(self.user)
