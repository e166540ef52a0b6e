from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.urls import reverse
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from institute.core.models.pages import BasePage
from institute.people.models import Organisation, Region

from ..choices import SUB_KINDS, Format, Kind, Status, SubKind
from ..recurrence import RecurrenceError, parse_rule

KIND_PATTERN = "|".join(Kind.values)
# Path segments the calendar's own routes use; items may not take them as slugs.
RESERVED_SLUGS = {*Kind.values, "feed-ics", "feed"}


class CalendarPage(RoutablePageMixin, BasePage):
    """``/calendar/``: the filtered listing of every item, with its kind and sub-kind views
    (``/calendar/training/workshop/``). The ICS feed beside each view (``…/feed.ics``) is a
    plain Django URL (Wagtail serves only paths ending in a slash) that routes back here."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["events.CalendarItemPage"]
    max_count = 1

    @re_path(r"^$")
    @re_path(rf"^(?P<kind>{KIND_PATTERN})/$")
    @re_path(rf"^(?P<kind>{KIND_PATTERN})/(?P<sub_kind>[-\w]+)/$")
    def listing(self, request, kind=None, sub_kind=None):
        from ..views.calendar import calendar_listing

        check_sub_kind(kind, sub_kind)
        return calendar_listing(request, self, kind, sub_kind)

    def get_sitemap_urls(self, request=None):
        """The page and its kind and sub-kind views, so each filtered calendar can be found."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for kind, subs in SUB_KINDS.items():
            urls.append({"location": f"{base}{kind.value}/", "lastmod": self.last_published_at})
            urls.extend(
                {"location": f"{base}{kind.value}/{sub.value}/", "lastmod": self.last_published_at}
                for sub in subs
            )
        return urls


SEARCHED_FIELDS = {"title", "summary", "venue"}


def searched_text(item) -> str:
    """Title, summary and venue one after another, a line break apart. A search is one line
    (``filters.parse`` folds whitespace), so it matches this text exactly when it matches
    one of the three fields."""
    return "\n".join(getattr(item, name) or "" for name in ("title", "summary", "venue"))


def check_sub_kind(kind, sub_kind):
    if sub_kind is not None and sub_kind not in SUB_KINDS[Kind(kind)]:
        raise Http404(f"{Kind(kind).label} have no sub-kind called “{sub_kind}”.")


class CalendarItemPage(BasePage):
    """An event, a training course or a webinar — one page, whether it runs once or monthly."""

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.EVENTS)
    sub_kind = models.CharField(
        max_length=20,
        choices=SubKind.choices,
        blank=True,
        help_text="Events: conference, roundtable … Training: programme, course, workshop. "
        "Webinars have none.",
    )
    body = RichTextField(blank=True)
    start = models.DateTimeField(help_text="Europe/London time.")
    end = models.DateTimeField(help_text="Europe/London time.")
    recurrence = models.CharField(
        max_length=200,
        blank=True,
        help_text="For a series, an iCalendar rule, e.g. FREQ=MONTHLY;BYDAY=1WE;COUNT=12 "
        "(the first Wednesday of each month, twelve times). Leave empty for a one-off.",
    )
    format = models.CharField(max_length=12, choices=Format.choices, default=Format.IN_PERSON)
    region = models.CharField(max_length=30, choices=Region.choices, default=Region.NATIONAL)
    venue = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)
    joining_link = models.URLField(
        blank=True, help_text="Shown only to people with a confirmed place."
    )
    joining_details = models.TextField(
        blank=True, help_text="Shown only to people with a confirmed place."
    )
    topics = ParentalManyToManyField("core.Topic", blank=True, related_name="+")
    capacity = models.PositiveIntegerField(default=100, help_text="Places at each occurrence.")
    partner_allocation = models.PositiveIntegerField(
        default=0, help_text="How many of those places partners may take at each occurrence."
    )
    members_only = models.BooleanField(
        default=False,
        help_text="Only members (and staff) may book; others are asked to join. Who counts as "
        "a member is the membership room's rule.",
    )
    member_price = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    non_member_price = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    sponsor = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sponsored_calendar_items",
        limit_choices_to={"type": Organisation.Type.PARTNER},
    )
    sponsor_logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The sponsor's logo as shown on this page; its description is the alt text.",
    )
    price_includes = models.CharField(
        max_length=250,
        blank=True,
        help_text="What the price includes, e.g. lunch, refreshments and the conference dinner.",
    )
    charity = models.CharField(max_length=150, blank=True)
    amount_raised = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    recording = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="After a webinar: the resource with its recording.",
    )
    # What the calendar's search box looks in: title, summary and venue, one per line, kept
    # with the page row (``save``) so a search reads one column of one table.
    search_text = models.TextField(blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("sub_kind")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("recurrence")],
            heading="When",
        ),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("format"), FieldPanel("region")]),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("joining_link"),
                FieldPanel("joining_details"),
            ],
            heading="Where and how to join",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("partner_allocation")]),
                FieldPanel("members_only"),
                FieldRowPanel([FieldPanel("member_price"), FieldPanel("non_member_price")]),
                FieldPanel("price_includes"),
            ],
            heading="Places and prices",
        ),
        FieldPanel("body"),
        InlinePanel("agenda", label="Agenda"),
        InlinePanel("speakers", label="Speakers"),
        FieldPanel("topics"),
        MultiFieldPanel([FieldPanel("sponsor"), FieldPanel("sponsor_logo")], heading="Sponsor"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("charity"), FieldPanel("amount_raised")]),
                FieldPanel("recording"),
                InlinePanel("resources", label="Resources from it"),
            ],
            heading="Afterwards",
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.CalendarPage"]
    subpage_types = []

    class Meta:
        verbose_name = "calendar item"
        indexes = [
            # The listing's filters. Not led by the kind: each kind is a third of the items,
            # which a database reads faster in order than through an index; a sub-kind
            # belongs to one kind and narrows it down.
            models.Index(fields=["sub_kind", "region", "format"], name="events_item_sub_kind_idx"),
            models.Index(fields=["region", "format"], name="events_item_region_idx"),
        ]

    def save(self, *args, **kwargs):
        self.search_text = searched_text(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and SEARCHED_FIELDS & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The end must come after the start."
        if self.sub_kind and self.sub_kind not in SUB_KINDS.get(Kind(self.kind), []):
            errors["sub_kind"] = f"{Kind(self.kind).label} have no sub-kind “{self.sub_kind}”."
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = "The calendar uses this address for its own views; choose another."
        if self.partner_allocation > self.capacity:
            errors["partner_allocation"] = "The partner allocation cannot exceed the capacity."
        if self.recurrence and self.start:
            try:
                parse_rule(self.recurrence, self.start)
            except RecurrenceError as exc:
                errors["recurrence"] = str(exc)
        if errors:
            raise ValidationError(errors)

    def calendar_file_url(self, request=None):
        """The address of this item's calendar file (``<item>/calendar.ics``), or None
        when the item has no address (not routable from any site)."""
        parts = self.get_url_parts(request)
        url = self.get_url(request)
        if parts is None or not url:
            return None
        page_path = parts[2]
        calendar_path = reverse("events:item_calendar", kwargs={"path": page_path.lstrip("/")})
        # ``url`` carries the site's root address only when there are several sites.
        return url.removesuffix(page_path) + calendar_path

    def get_context(self, request, *args, **kwargs):
        from ..views.item import item_context

        context = super().get_context(request, *args, **kwargs)
        context.update(item_context(request, self))
        return context

    @property
    def is_cancelled(self):
        return self.status == Status.CANCELLED


class Speaker(Orderable):
    item = ParentalKey(CalendarItemPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(max_length=150)
    role = models.CharField(
        max_length=200, blank=True, help_text="Job title, e.g. Chief digital officer."
    )
    organisation = models.CharField(max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square portrait; the image's description is the alt text.",
    )
    bio = models.TextField(blank=True, max_length=600, help_text="Two or three sentences.")

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]

    def __str__(self):
        return self.name


class AgendaItem(Orderable):
    """One timed session of an item's programme (London time, on the item's first day or a
    later one)."""

    item = ParentalKey(CalendarItemPage, on_delete=models.CASCADE, related_name="agenda")
    day = models.PositiveSmallIntegerField(
        default=1, help_text="1 for the first day, 2 for the second …"
    )
    starts_at = models.TimeField("Starts")
    ends_at = models.TimeField("Ends", null=True, blank=True)
    title = models.CharField(max_length=200)
    speaker = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who leads it; a name given under Speakers links to that speaker.",
    )
    description = models.TextField(blank=True, max_length=600)

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("title"),
        FieldPanel("speaker"),
        FieldPanel("description"),
    ]

    def __str__(self):
        return self.title


class ItemResource(Orderable):
    """A page that came out of the item: slides, a write-up, a recording in the hub."""

    item = ParentalKey(CalendarItemPage, on_delete=models.CASCADE, related_name="resources")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]

    def __str__(self):
        return str(self.page)
