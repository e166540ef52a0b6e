from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from institute.core.models.pages import BasePage


class CollectionPage(BasePage):
    """A curated one-stop source (Digital Trends 2023, Resilience …) or a magazine issue.

    Its items are existing resources in the order an editor sets; a resource may sit in
    several collections. The hub's ``collection`` facet filters by these memberships.
    """

    class Kind(models.TextChoices):
        COLLECTION = "collection", "Collection"
        MAGAZINE_ISSUE = "magazine-issue", "Magazine issue"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COLLECTION)
    magazine = models.CharField(
        max_length=120, blank=True, help_text="For a magazine issue: the magazine's name."
    )
    issue_date = models.DateField(null=True, blank=True, help_text="For a magazine issue.")
    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    topics = models.ManyToManyField("core.Topic", blank=True, related_name="+")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("magazine"), FieldPanel("issue_date")],
            heading="Kind",
        ),
        FieldPanel("intro"),
        InlinePanel("items", label="Resources in this collection", min_num=0),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["resources.ResourceHubPage"]
    subpage_types = []
    template = "resources/collection_page.html"

    class Meta:
        verbose_name = "collection"

    def get_context(self, request, *args, **kwargs):
        from ..selectors import collection_items

        context = super().get_context(request, *args, **kwargs)
        context["items"] = collection_items(collection=self)
        return context


class CollectionItem(Orderable):
    collection = ParentalKey(CollectionPage, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="collection_items"
    )
    note = models.CharField(
        max_length=250, blank=True, help_text="Why this resource is in the collection (optional)."
    )

    panels = [FieldPanel("resource"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "resource"], name="unique_collection_item"
            )
        ]
