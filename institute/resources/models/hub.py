from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from institute.core.methods import SAFE_PAGE_METHODS
from institute.core.models.pages import BasePage

from .resource import ResourceType

TYPE_PATTERN = "|".join(value for value, _label in ResourceType.choices)


class ResourceHubPage(RoutablePageMixin, BasePage):
    """The resource hub: every publication, filterable by type (path) and facets (query).

    ``/resources/briefing/?topic=cyber&year=2023&q=…&sort=date`` — the same path with
    ``feed/`` is an Atom feed of exactly that view.
    """

    # A listing and its feed: read-only (HEAD and OPTIONS included, docs/architecture.md).
    allowed_http_methods = SAFE_PAGE_METHODS

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    per_page = models.PositiveSmallIntegerField(default=20)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    parent_page_types = ["core.HomePage"]
    subpage_types = [
        "resources.ResourcePage",
        "resources.CollectionPage",
        "resources.PodcastSeriesPage",
    ]
    max_count = 1
    template = "resources/hub_page.html"

    class Meta:
        verbose_name = "resource hub"

    @re_path(r"^$", name="listing")
    def listing(self, request):
        return self._listing(request, None)

    @re_path(rf"^(?P<type_slug>{TYPE_PATTERN})/$", name="type_listing")
    def type_listing(self, request, type_slug):
        return self._listing(request, type_slug)

    @re_path(r"^feed/$", name="feed")
    def feed(self, request):
        return self._feed(request, None)

    @re_path(rf"^(?P<type_slug>{TYPE_PATTERN})/feed/$", name="type_feed")
    def type_feed(self, request, type_slug):
        return self._feed(request, type_slug)

    def _listing(self, request, type_slug):
        from ..views import hub_listing

        return hub_listing(request, self, type_slug)

    def _feed(self, request, type_slug):
        from ..feeds import hub_atom_feed

        return hub_atom_feed(request, self, type_slug)
