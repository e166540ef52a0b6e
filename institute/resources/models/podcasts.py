from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from institute.core.methods import SAFE_PAGE_METHODS
from institute.core.models.pages import BasePage

from ..audio import EXTENSIONS, AudioError, measure
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
        context["episodes"] = series_episodes(series=self)
        return context


class PodcastEpisodePage(ResourcePage):
    """A podcast episode: a resource with audio, a duration and its transcript on the page."""

    episode_number = models.PositiveSmallIntegerField(null=True, blank=True)
    audio = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The episode's MP3 or M4A file, uploaded as a document. Its size, type "
        "and duration are read from the file.",
    )
    # Read from the audio file whenever the episode is saved (``audio.measure``).
    audio_size = models.PositiveBigIntegerField(
        "audio file size in bytes", default=0, editable=False
    )
    audio_type = models.CharField(max_length=40, default="audio/mpeg", editable=False)
    duration_seconds = models.PositiveIntegerField(default=0, editable=False)
    transcript = RichTextField(blank=True, features=["bold", "italic", "link", "h3", "ul"])
    sponsor = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"type": "partner"},
        help_text="The partner who sponsored this episode, if any.",
    )

    content_panels = [
        *ResourcePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("episode_number"),
                FieldPanel("audio"),
            ],
            heading="Audio",
        ),
        FieldPanel("transcript"),
        FieldPanel("sponsor"),
    ]
    search_fields = [*ResourcePage.search_fields, index.SearchField("transcript")]
    parent_page_types = ["resources.PodcastSeriesPage"]
    subpage_types = []
    template = "resources/podcast_episode_page.html"

    class Meta:
        verbose_name = "podcast episode"

    def clean(self):
        super().clean()
        if self.audio_id:
            try:
                self.measure_audio()
            except AudioError as error:
                raise ValidationError({"audio": str(error)}) from error

    def save(self, *args, **kwargs):
        # An episode is always listed under the hub's "podcast episode" type.
        self.resource_type = ResourceType.PODCAST_EPISODE
        if self.audio_id and (self._measured_audio_id != self.audio_id or not self.audio_size):
            self.measure_audio()
        return super().save(*args, **kwargs)

    _measured_audio_id = None

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if instance.__dict__.get("audio_size"):  # measured when it was saved
            instance._measured_audio_id = instance.__dict__.get("audio_id")
        return instance

    def measure_audio(self):
        """Size, type and duration from the chosen file, never typed (docs/resources.md)."""
        measured = measure(self.audio.file)
        self.audio_size = measured.size
        self.audio_type = measured.content_type
        self.duration_seconds = measured.duration_seconds
        self._measured_audio_id = self.audio_id

    @property
    def audio_url(self):
        """Where players and podcast apps fetch the audio (with byte ranges), or ``""``."""
        if not self.audio_id:
            return ""
        filename = f"{self.slug}.{EXTENSIONS.get(self.audio_type, 'mp3')}"
        return reverse(
            "resources:episode_audio", kwargs={"episode_id": self.pk, "filename": filename}
        )

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
