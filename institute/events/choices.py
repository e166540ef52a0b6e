"""The calendar's vocabulary: kinds, sub-kinds, formats and statuses, as the society names them."""

from django.db import models


class Kind(models.TextChoices):
    EVENTS = "events", "Events"
    TRAINING = "training", "Training"
    WEBINARS = "webinars", "Webinars"


class SubKind(models.TextChoices):
    CONFERENCE = "conference", "Conference"
    ROUNDTABLE = "roundtable", "Roundtable"
    NETWORKING = "networking", "Networking"
    PARTNER_DAY = "partner-day", "Partner day"
    ALUMNI = "alumni", "Alumni"
    DROP_IN = "drop-in", "Drop-in"
    PROGRAMME = "programme", "Programme"
    COURSE = "course", "Course"
    WORKSHOP = "workshop", "Workshop"


# Which sub-kinds belong to which kind; webinars have none.
SUB_KINDS = {
    Kind.EVENTS: [
        SubKind.CONFERENCE,
        SubKind.ROUNDTABLE,
        SubKind.NETWORKING,
        SubKind.PARTNER_DAY,
        SubKind.ALUMNI,
        SubKind.DROP_IN,
    ],
    Kind.TRAINING: [SubKind.PROGRAMME, SubKind.COURSE, SubKind.WORKSHOP],
    Kind.WEBINARS: [],
}


class Format(models.TextChoices):
    IN_PERSON = "in-person", "In person"
    VIRTUAL = "virtual", "Virtual"
    HYBRID = "hybrid", "Hybrid"


class Status(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"


class When(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    PAST = "past", "Past"
