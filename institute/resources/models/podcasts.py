from django.core.validators import MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from institute.core.methods import SAFE_PAGE_METHODS
from institute.core.models.pages import BasePage

from .resource import ResourcePage, ResourceType

# Apple Podcasts' top-level categories that fit the society's programme.
ITUNES_CATEGORIES = [
    ("Technology", "Technology"),
    ("Government", "Government"),
    ("Business", "Business"),
    ("Education", "Education"),
    ("News", "News"),
]


class PodcastSeriesPage(RoutablePageMixin, BasePage):
    """A podcast series; ``feed.rss`` beside it is the feed podcast apps subscribe to."""

    # The series and its feed: read-only (HEAD and OPTIONS included, docs/architecture.md).
    allowed_http_methods = SAFE_PAGE_METHODS

    description = models.TextField(help_text="Plain text; podcast apps show it as is.")
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Square artwork, 1400×1400 to 3000×3000 pixels, as podcast apps require.",
    )
    language = models.CharField(max_length=10, default="en-gb")
    itunes_category = models.CharField(
        max_length=40, choices=ITUNES_CATEGORIES, default="Technology"
    )
    explicit = models.BooleanField(default=False)
    author = models.CharField(max_length=120)
    owner_name = models.CharField(max_length=120)
    owner_email = models.EmailField()

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("language"),
                FieldPanel("itunes_category"),
                FieldPanel("explicit"),
                FieldPanel("author"),
                FieldPanel("owner_name"),
                FieldPanel("owner_email"),
            ],
            heading="For podcast apps",
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("description")]
    parent_page_types = ["resources.ResourceHubPage"]
    subpage_types = ["resources.PodcastEpisodePage"]
    template = "resources/podcast_series_page.html"

    class Meta:
        verbose_name = "podcast series"

    def get_meta_description(self):
        return self.search_description or self.summary or self.description

    @re_path(r"^$")
    def index(self, request):
        return self.render(request)

    @re_path(r"^feed/$", name="feed")
    def feed(self, request):
        from ..feeds import podcast_rss_feed

        return podcast_rss_feed(request, self)

    def feed_url(self):
        return self.url + self.reverse_subpage("feed")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import series_episodes

        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = series_episodes(self)
        return context


class PodcastEpisodePage(ResourcePage):
    """A podcast episode: a resource with audio, a duration and its transcript on the page."""

    episode_number = models.PositiveSmallIntegerField(null=True, blank=True)
    audio_url = models.URLField(help_text="Address of the audio file (MP3 or M4A).")
    audio_size = models.PositiveBigIntegerField(
        "audio file size in bytes", validators=[MinValueValidator(1)]
    )
    audio_type = models.CharField(
        max_length=40,
        default="audio/mpeg",
        choices=[("audio/mpeg", "MP3 (audio/mpeg)"), ("audio/x-m4a", "M4A (audio/x-m4a)")],
    )
    duration_seconds = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    transcript = RichTextField(blank=True, features=["bold", "italic", "link", "h3", "ul"])

    content_panels = [
        *ResourcePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("episode_number"),
                FieldPanel("audio_url"),
                FieldPanel("audio_size"),
                FieldPanel("audio_type"),
                FieldPanel("duration_seconds"),
            ],
            heading="Audio",
        ),
        FieldPanel("transcript"),
    ]
    search_fields = [*ResourcePage.search_fields, index.SearchField("transcript")]
    parent_page_types = ["resources.PodcastSeriesPage"]
    subpage_types = []
    template = "resources/podcast_episode_page.html"

    class Meta:
        verbose_name = "podcast episode"

    def save(self, *args, **kwargs):
        # An episode is always listed under the hub's "podcast episode" type.
        self.resource_type = ResourceType.PODCAST_EPISODE
        return super().save(*args, **kwargs)

    @property
    def duration(self):
        """HH:MM:SS as podcast apps expect in ``itunes:duration``."""
        hours, rest = divmod(self.duration_seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours:02d}:{minutes:02d}:{seconds:02d}"

    @property
    def schema_type(self):
        return "PodcastEpisode"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["series"] = self.get_parent().specific
        return context
