"""News and blog: an index page (one for News, one for Blog) and its posts."""

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import BodyBlock
from ..methods import SAFE_PAGE_METHODS
from .images import WithImage
from .pages import BasePage


class NewsIndexPage(RoutablePageMixin, BasePage):
    """A listing of posts, newest first, filterable by topic, with an Atom feed beside it."""

    # A listing and its feed: read-only (HEAD and OPTIONS included, docs/architecture.md).
    allowed_http_methods = SAFE_PAGE_METHODS

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["core.NewsPage"]
    parent_page_types = ["core.HomePage", "core.StandardPage"]

    class Meta:
        verbose_name = "news index"

    @path("")
    def listing(self, request):
        from ..views_news import news_listing

        return news_listing(request, self)

    @path("feed/")
    def feed(self, request):
        from ..views_news import news_feed

        return news_feed(request, self)


def _today():
    return timezone.localdate()


class NewsPage(WithImage, BasePage):
    """A news story or blog post."""

    search_label = "News and blog"  # the result type shown by site search

    date = models.DateField("published on", default=_today)
    body = StreamField(BodyBlock(), blank=True)
    topics = ParentalManyToManyField("core.Topic", blank=True, related_name="+")

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        InlinePanel("authors", label="Author", heading="Authors"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Image"),
        FieldPanel("body"),
        FieldPanel("topics"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    parent_page_types = ["core.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "news or blog post"

    def get_meta_image(self):
        return self.image

    def get_context(self, request, *args, **kwargs):
        from ..selectors import news_article_jsonld, page_ancestors

        prefetch_related_objects([self], "authors", "topics")
        context = super().get_context(request, *args, **kwargs)
        context["og_type"] = "article"
        context["jsonld"] = news_article_jsonld(post=self, request=request)
        context["parent"] = page_ancestors(page=self)[-1]
        return context


class NewsPageAuthor(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(max_length=120)
    role = models.CharField(
        max_length=160, blank=True, help_text="e.g. 'Director of digital & IT, Hounslow'."
    )

    panels = [FieldPanel("name"), FieldPanel("role")]

    def __str__(self):
        return self.name
