from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """Fields every public page shares: a summary for listings and sharing, and topics."""

    summary = models.TextField(
        blank=True, max_length=300, help_text="Shown in listings, search results and link previews."
    )

    promote_panels = [*Page.promote_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.summary


class HomePage(BasePage):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]


class StandardPage(BasePage):
    """About, Contact, How to join, FAQ and other informational pages."""

    body = RichTextField(blank=True)
    topics = ParentalManyToManyField("core.Topic", blank=True, related_name="+")

    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("topics")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
