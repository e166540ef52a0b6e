"""Programmes and their cohorts, as Wagtail pages: ``/academy/`` lists the programmes, each
programme page lists its cohorts, each cohort page its sessions and how to apply.

A cohort's sessions are calendar items of the training kind, kept in step by
``services.cohort_sessions_sync`` through the calendar's public services whenever the cohort
is published (``apps.py``); the cohort keeps only their page ids.
"""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from institute.core.models.images import WithImage
from institute.core.models.pages import BasePage
from institute.events.choices import Format
from institute.people.models import Organisation, Region

# The Academy's own Django URLs under /academy/ (urls.py); programme slugs may not take them.
RESERVED_SLUGS = {"mine", "alumni", "certificates", "cohorts", "applications", "badges"}


class ProgrammeForm(models.TextChoices):
    """How a programme runs; also the sub-kind its sessions take in the calendar."""

    PROGRAMME = "programme", "Programme"
    COURSE = "course", "Course"
    WORKSHOP = "workshop", "Workshop"


class AcademyIndexPage(BasePage):
    """``/academy/``: the Leadership Academy's programmes and workshops."""

    search_label = "Page"
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["academy.ProgrammePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from ..selectors import programme_index_cards

        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = programme_index_cards(index=self, request=request)
        return context


class ProgrammePage(WithImage, BasePage):
    """A Leadership Academy programme, course or workshop: who it is for, what it gives,
    how it runs, what it costs and how to apply; its cohorts are its child pages. Its image
    (with its alt text) heads the page and the programme's card on the Academy index."""

    search_label = "Academy programme"
    form = models.CharField(max_length=12, choices=ProgrammeForm.choices, default="programme")
    audience = models.TextField("Who it is for", blank=True)
    outcomes = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    format_description = models.TextField(
        "Format", blank=True, help_text="How it runs: days, modules, coaching, online or in person."
    )
    duration = models.CharField(max_length=100, blank=True, help_text="E.g. “Two days”.")
    member_price = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    non_member_price = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    cost_note = models.CharField(
        max_length=200, blank=True, help_text="E.g. “Free, with our partner Microsoft”."
    )
    sponsor = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sponsored_programmes",
    )
    how_to_apply = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    sessions_to_complete = models.PositiveSmallIntegerField(
        default=1,
        help_text="Sessions a participant must attend to complete the programme, become an "
        "alumnus and receive a certificate.",
    )
    badge_criteria = models.TextField(
        blank=True,
        help_text="What earning the certificate means, shown on it and in its digital badge.",
    )
    topics = ParentalManyToManyField("core.Topic", blank=True, related_name="+")

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("form"), FieldPanel("duration")]),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Image"),
        FieldPanel("audience"),
        FieldPanel("outcomes"),
        FieldPanel("format_description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("member_price"), FieldPanel("non_member_price")]),
                FieldPanel("cost_note"),
                FieldPanel("sponsor"),
            ],
            heading="Cost and sponsor",
        ),
        FieldPanel("how_to_apply"),
        MultiFieldPanel(
            [FieldPanel("sessions_to_complete"), FieldPanel("badge_criteria")],
            heading="Completion and certificate",
        ),
        FieldPanel("topics"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("audience"),
        index.SearchField("format_description"),
    ]
    parent_page_types = ["academy.AcademyIndexPage"]
    subpage_types = ["academy.CohortPage"]

    class Meta:
        verbose_name = "academy programme"

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": "The Academy uses this address; choose another."})

    def get_meta_image(self):
        return self.image

    def get_context(self, request, *args, **kwargs):
        from ..views import programme_context

        context = super().get_context(request, *args, **kwargs)
        context.update(programme_context(request, self))
        return context


class CohortPage(BasePage):
    """One group of participants going through a programme together, on set dates."""

    search_label = "Academy cohort"
    region = models.CharField(max_length=30, choices=Region.choices, default=Region.NATIONAL)
    format = models.CharField(max_length=12, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField(max_length=200, blank=True)
    capacity = models.PositiveIntegerField(default=20, help_text="Participants accepted at most.")
    sponsor = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sponsored_cohorts",
        help_text="If this cohort has its own sponsor (else the programme's).",
    )
    applications_open = models.BooleanField(default=True)
    # Kept by ``services.cohort_sessions_sync`` from the sessions, for listings and ordering.
    starts_on = models.DateField(null=True, blank=True, editable=False, db_index=True)
    ends_on = models.DateField(null=True, blank=True, editable=False)
    # The calendar items the sessions were last synced to (to withdraw those of removed ones).
    synced_item_ids = models.JSONField(default=list, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("region"), FieldPanel("format")]),
        FieldPanel("venue"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("applications_open")]),
        FieldPanel("sponsor"),
        InlinePanel("sessions", label="Session", heading="Sessions", min_num=1),
    ]
    parent_page_types = ["academy.ProgrammePage"]
    subpage_types = []

    class Meta:
        verbose_name = "academy cohort"

    def get_context(self, request, *args, **kwargs):
        from ..views import cohort_context

        context = super().get_context(request, *args, **kwargs)
        context.update(cohort_context(request, self))
        return context


class CohortSession(Orderable):
    """One session of a cohort (a day, two days or three hours); a training item in the
    calendar, whose page id ``calendar_item`` holds."""

    cohort = ParentalKey(CohortPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=150, help_text="E.g. “Module 1: leading yourself”.")
    start = models.DateTimeField(help_text="Europe/London time.")
    end = models.DateTimeField(help_text="Europe/London time.")
    calendar_item = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("start"), FieldPanel("end")])]

    def __str__(self):
        return self.title
