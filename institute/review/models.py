"""The year in review: an index at /review/ and one page per year (/review/2023/).

A review page's narrative is written by editors; its numbers are the registered figures
(``institute/core/figures.py``), computed from every room's records when the page is shown.
A frozen year (``Freeze``) shows the figures snapshotted when it was frozen
(``FigureSnapshot``) and, beside any that has changed since, the difference. The freeze
lives beside the page, not on it, so no revision published later can undo it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from institute.core.methods import SAFE_PAGE_METHODS
from institute.core.models.pages import BasePage

from .blocks import ReviewBodyBlock


class ReviewIndexPage(BasePage):
    """/review/: every published year, newest first."""

    search_label = "Year in review"
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["review.ReviewPage"]
    max_count = 1
    template = "review/review_index_page.html"

    class Meta:
        verbose_name = "year in review index"

    def get_context(self, request, *args, **kwargs):
        from .selectors import review_years

        context = super().get_context(request, *args, **kwargs)
        context["reviews"] = review_years(index=self)
        return context


class ReviewPage(RoutablePageMixin, BasePage):
    """One year's review; its address is its year (/review/2023/)."""

    search_label = "Year in review"
    allowed_http_methods = SAFE_PAGE_METHODS
    year = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text="The year this review looks back on; it is also the page's address.",
    )
    intro = models.TextField(blank=True, max_length=1000, help_text="The opening paragraph.")
    body = StreamField(
        ReviewBodyBlock(),
        blank=True,
        help_text="The story of the year. A figure block names a figure computed from the "
        "data: its number stays live until the year is frozen.",
    )
    list_figures = models.BooleanField(
        "list every figure",
        default=True,
        help_text="End the review with every figure of the year, room by room.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("list_figures"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]
    parent_page_types = ["review.ReviewIndexPage"]
    subpage_types = []
    template = "review/review_page.html"

    class Meta:
        verbose_name = "year in review"

    def full_clean(self, *args, **kwargs):
        # The address is the year: /review/2023/.
        if self.year:
            self.slug = str(self.year)
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.year and self.slug != str(self.year):
            raise ValidationError({"slug": "A review's address is its year."})

    @path("")
    def review(self, request):
        from .views import review_page

        return review_page(request, self)

    @path("print/", name="print")
    def printable(self, request):
        from .views import review_print

        return review_print(request, self)

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from .views import review_pdf

        return review_pdf(request, self)


class Freeze(models.Model):
    """A review whose figures were snapshotted on publication (``services.review_freeze``)."""

    page = models.OneToOneField(ReviewPage, on_delete=models.CASCADE, related_name="freeze")
    frozen_at = models.DateTimeField()
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"{self.page} frozen {self.frozen_at:%Y-%m-%d}"


class FigureSnapshot(models.Model):
    """A figure as it stood when its review was frozen, with what it said about itself, so
    it still reads if its room is later removed."""

    page = models.ForeignKey(ReviewPage, on_delete=models.CASCADE, related_name="snapshots")
    key = models.CharField(max_length=100)
    label = models.CharField(max_length=300)
    room = models.CharField(max_length=120)
    unit = models.CharField(max_length=12)
    value = models.DecimalField(max_digits=18, decimal_places=2)
    previous = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    url = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "key"], name="review_snapshot_once_per_key")
        ]

    def __str__(self):
        return f"{self.key} = {self.value}"
