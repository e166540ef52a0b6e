"""Partner organisations: the society's partnership with an organisation of the people
register (``people.Organisation`` of type *partner*), its level and dates, and the places
reserved for it at calendar items (``PartnerAllocation``, enforced by the calendar)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from wagtail.search import index

from institute.people.models import Organisation


class Partner(index.Indexed, models.Model):
    """One organisation's partnership: who, at what level, since when (and until when).

    Name, slug and website are the organisation's own (one register of organisations);
    contacts are its people with the *partner contact* role (``people.OrganisationRole``).
    """

    class Level(models.TextChoices):
        STRATEGIC = "strategic", "Strategic"
        PREMIER = "premier", "Premier"
        SUPPORTING = "supporting", "Supporting"

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="partnership",
        limit_choices_to={"type": Organisation.Type.PARTNER},
    )
    level = models.CharField(max_length=12, choices=Level.choices, default=Level.SUPPORTING)
    started_on = models.DateField("partnership started", db_index=True)
    ended_on = models.DateField(
        "partnership ended", null=True, blank=True, help_text="Leave empty while it lasts."
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    logo_alt = models.CharField(
        "logo alt text",
        max_length=200,
        blank=True,
        help_text="What the logo says, usually the organisation's name. Required with a logo.",
    )
    description = models.TextField(blank=True)
    topics = models.ManyToManyField("core.Topic", blank=True, related_name="+")

    search_fields = [
        index.SearchField("description"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("ended_on"),
    ]

    class Meta:
        ordering = ["organisation__name"]
        indexes = [models.Index(fields=["level", "started_on"])]

    def __str__(self):
        return self.organisation.name

    def get_absolute_url(self):
        return reverse("partners:profile", kwargs={"slug": self.organisation.slug})

    @property
    def name(self):
        return self.organisation.name

    @property
    def slug(self):
        return self.organisation.slug

    @property
    def website(self):
        return self.organisation.website

    def clean(self):
        errors = {}
        if self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = "The partnership cannot end before it started."
        if self.logo_id and not self.logo_alt.strip():
            errors["logo_alt"] = "Say what the logo shows."
        if errors:
            raise ValidationError(errors)


class PartnerAllocation(models.Model):
    """Places reserved for a partner's contacts at each occurrence of a calendar item.

    The calendar owns capacity and bookings; it reads these through the reservation source
    this room registers (``events/reservations.py``), so the rule stays in its one place.
    The item is held by id: rooms do not point into each other's models.
    """

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="allocations")
    item_id = models.PositiveIntegerField("calendar item", db_index=True)
    places = models.PositiveIntegerField(help_text="Places reserved at each occurrence.")

    class Meta:
        ordering = ["item_id", "partner"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "item_id"], name="partners_one_allocation")
        ]

    def __str__(self):
        return f"{self.partner}: {self.places} places at item {self.item_id}"

    def item_title(self):
        """The calendar item's title (set in bulk by the admin's listing, else read)."""
        title = getattr(self, "title_from_calendar", None)
        if title is None:
            from institute.events import selectors as calendar

            item = calendar.items_titled(item_ids=[self.item_id]).get(self.item_id)
            title = item["title"] if item else "(removed)"
        return title

    item_title.short_description = "Calendar item"

    def clean(self):
        from .services import allocation_check

        if self.partner_id and self.item_id and self.places:
            allocation_check(
                partner_id=self.partner_id,
                item_id=self.item_id,
                places=self.places,
                exclude_pk=self.pk,
            )
