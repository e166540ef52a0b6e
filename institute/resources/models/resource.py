import math

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from institute.core.models.pages import BasePage

from ..blocks import ResourceBodyBlock
from ..text import stream_text

WORDS_PER_MINUTE = 230


class ResourceType(models.TextChoices):
    """The society's categorisation of its publications; the value is the hub's path segment."""

    REPORT = "report", "Report"
    WHITE_PAPER = "white-paper", "White paper"
    BRIEFING = "briefing", "Briefing"
    GUIDANCE = "guidance", "Guidance"
    POLICY_TEMPLATE = "policy-template", "Policy template"
    CASE_STUDY = "case-study", "Case study"
    INFOGRAPHIC = "infographic", "Infographic"
    ARTICLE = "article", "Magazine article"
    PODCAST_EPISODE = "podcast-episode", "Podcast episode"
    VIDEO = "video", "Video"


class ResourcePage(BasePage):
    """A publication in HTML: a report, briefing, guidance, infographic, video …

    ``body`` is public. When ``members_body`` is filled, ``body`` is the public teaser and
    ``members_body`` is shown only to those ``can_read_members_content`` allows; it is never
    indexed for search, so it cannot leak through results or snippets.
    """

    resource_type = models.CharField(
        "type", max_length=20, choices=ResourceType.choices, default=ResourceType.BRIEFING
    )
    published = models.DateField("publication date", default=timezone.localdate, db_index=True)
    updated = models.DateField("last updated", null=True, blank=True)
    topics = ParentalManyToManyField("core.Topic", blank=True, related_name="resources")
    authors = ParentalManyToManyField("resources.Author", blank=True, related_name="resources")
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Used for link previews when shared.",
    )
    body = StreamField(ResourceBodyBlock(), blank=True, help_text="Public to everyone.")
    members_body = StreamField(
        ResourceBodyBlock(),
        blank=True,
        verbose_name="members-only body",
        help_text="Only members and staff read this; others see the body above as a teaser.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("resource_type"),
                FieldPanel("published"),
                FieldPanel("updated"),
                FieldPanel("topics"),
                FieldPanel("authors"),
                FieldPanel("image"),
            ],
            heading="About this resource",
        ),
        FieldPanel("body"),
        FieldPanel("members_body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("resource_type"),
        index.FilterField("published"),
    ]
    # What Wagtail's page API may expose: never ``members_body``.
    api_fields = [
        APIField("resource_type"),
        APIField("published"),
        APIField("updated"),
        APIField("summary"),
        APIField("topics"),
        APIField("body"),
    ]
    parent_page_types = ["resources.ResourceHubPage"]
    subpage_types = []
    template = "resources/resource_page.html"

    class Meta:
        verbose_name = "resource"
        # The hub's listing, newest first: read in this order, the first page of 10,000
        # resources is 20 index entries rather than a sort of them all.
        indexes = [models.Index(fields=["published", "page_ptr"], name="resource_published_key")]

    @property
    def is_members_only(self):
        return bool(self.members_body)

    @cached_property
    def reading_minutes(self):
        """Minutes to read the whole publication (teaser and members' part), at least one."""
        words = len(stream_text(self.body).split()) + len(stream_text(self.members_body).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @property
    def schema_type(self):
        return "Report" if self.resource_type == ResourceType.REPORT else "Article"

    def get_context(self, request, *args, **kwargs):
        from ..selectors import can_read_members_content, related_by_topic, related_elsewhere

        context = super().get_context(request, *args, **kwargs)
        # Topics and authors once, for the page, its JSON-LD and the related items alike (not
        # in a preview, whose unsaved choices live on the page object itself).
        if not getattr(request, "is_preview", False):
            prefetch_related_objects([self], "topics", "authors")
        context["can_read_members"] = can_read_members_content(user=request.user)
        context["og_type"] = "article"
        context["related"] = related_by_topic(resource=self)
        context["related_elsewhere"] = related_elsewhere(resource=self)
        return context
