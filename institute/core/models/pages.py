from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from .. import routing
from ..blocks import BodyBlock, LinkBlock
from .images import WithImage
from .links import Link


class BasePage(Page):
    """Fields every public page shares: a summary for listings and sharing."""

    summary = models.TextField(
        blank=True, max_length=300, help_text="Shown in listings, search results and link previews."
    )

    promote_panels = [*Page.promote_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        abstract = True

    def route(self, request, path_components):
        # The pages along the path in one query instead of two per level (see routing.py).
        if not path_components:
            return super().route(request, path_components)
        return routing.route_below(self, request, path_components)

    def get_view_restrictions(self):
        # Wagtail looks them up for every page served: two queries, while there are none.
        if not routing.site_has_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_meta_image(self):
        """The image used for link previews (og:image), or None."""
        return None


routing.register_default_route(BasePage.route)


class RoomLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock(required=False, max_length=250)
    link = LinkBlock()

    class Meta:
        icon = "link"


class HomePage(BasePage):
    search_label = "Page"  # the result type shown by site search
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    rooms = StreamField(
        [("room", RoomLinkBlock())],
        blank=True,
        help_text="Cards that lead into the rooms: calendar, resources, academy …",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "highlights",
            label="Highlight",
            heading="Highlights banner",
            help_text="The most useful updates, in the order shown. Three to six work best.",
        ),
        FieldPanel("rooms"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        from ..selectors import home_highlights, latest_news

        context = super().get_context(request, *args, **kwargs)
        context["highlights"] = home_highlights(home=self, request=request)
        context["latest_news"] = latest_news(limit=3, request=request)
        return context


class HomePageHighlight(Orderable, Link, WithImage):
    """One slide of the home page's highlights banner."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="highlights")
    title = models.CharField(max_length=100)
    text = models.CharField(max_length=250, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        MultiFieldPanel(Link.panels, heading="Link"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
    ]


class StandardPage(BasePage):
    """About, Contact, How to join, FAQ and other informational pages."""

    search_label = "Page"  # the result type shown by site search

    body = StreamField(BodyBlock(), blank=True)
    topics = ParentalManyToManyField("core.Topic", blank=True, related_name="+")

    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("topics")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
