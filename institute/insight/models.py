"""Place insight: a wellbeing index of the UK's local authority areas (docs/insight.md).

A ``FrameworkVersion`` holds the structure (dimensions → components → indicators), the
weights and the utopia/dystopia bounds; indicator values are kept by indicator key, so a
new version reuses them; every score names the version that made it (``ScoreRun``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from wagtail.search import index


class FrameworkVersion(models.Model):
    class Weighting(models.TextChoices):
        EQUAL = "equal", "Equal weights within each component"
        PCA = "pca", "Principal-component weights within each component"

    number = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200)
    published = models.BooleanField(
        default=False, help_text="Unpublished versions and their scores are shown to staff only."
    )
    weighting = models.CharField(max_length=10, choices=Weighting.choices, default="equal")
    peer_count = models.PositiveSmallIntegerField(
        default=15, help_text="How many similar places make a place's peer group."
    )
    band = models.FloatField(
        default=5.0,
        help_text="A score more than this many points above (below) the typical score of its "
        "peers is a strength (weakness).",
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        state = "published" if self.published else "draft"
        return f"Version {self.number}: {self.title} ({state})"


class Dimension(models.Model):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="dimensions"
    )
    key = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    question = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="insight_dimension_key")
        ]

    def __str__(self):
        return self.name


class Component(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="components")
    key = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    # The roof's topic this component speaks to (a Topic's slug), e.g. "digital-skills".
    topic_slug = models.SlugField(max_length=80, blank=True)

    class Meta:
        ordering = ["dimension__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "key"], name="insight_component_key")
        ]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="indicators")
    key = models.SlugField(max_length=60, help_text="The column or row name in imported files.")
    name = models.CharField(max_length=200)
    source = models.CharField(max_length=200)
    unit = models.CharField(max_length=60)
    year = models.PositiveSmallIntegerField(help_text="The year of the source's latest release.")
    higher_is_better = models.BooleanField(default=True)
    utopia = models.FloatField(help_text="The best value: scores 100.")
    dystopia = models.FloatField(help_text="The worst value: scores 0.")
    weight = models.FloatField(
        default=0.0, help_text="Its share of the component (weights of a component add to 1)."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["component__dimension__order", "component__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["component", "key"], name="insight_indicator_key")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.utopia == self.dystopia:
            raise ValidationError("Utopia and dystopia must differ.")
        if self.higher_is_better != (self.utopia > self.dystopia):
            raise ValidationError(
                "The direction of good and the bounds disagree: when higher is better, utopia "
                "must be above dystopia, and below it otherwise."
            )


class Place(index.Indexed, models.Model):
    """A UK local authority area (its ONS GSS code) and what its peers are chosen by."""

    gss_code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=120)
    nation = models.CharField(max_length=30)
    region = models.CharField(max_length=60)
    population = models.PositiveIntegerField()
    area_km2 = models.FloatField()
    # Share of residents in rural areas (0–100) and a deprivation score (0–100, higher is
    # more deprived): stated characteristics for the peer groups.
    rurality = models.FloatField(default=0.0)
    deprivation = models.FloatField(default=0.0)

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("gss_code"),
        index.FilterField("nation"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("insight:scorecard", kwargs={"code": self.gss_code})

    @property
    def density(self) -> float:
        return self.population / self.area_km2 if self.area_km2 else 0.0


class PlaceOrganisation(models.Model):
    """A member organisation's place (a council and its area)."""

    organisation = models.OneToOneField(
        "people.Organisation", on_delete=models.CASCADE, related_name="insight_place"
    )
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="organisations")

    def __str__(self):
        return f"{self.organisation} → {self.place}"


class IndicatorValue(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="values")
    indicator_key = models.SlugField(max_length=60)
    year = models.PositiveSmallIntegerField()
    value = models.FloatField()
    synthetic = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "indicator_key", "place"], name="insight_value_unique"
            )
        ]

    def __str__(self):
        return f"{self.indicator_key} {self.year}: {self.value}"


class ScoreRun(models.Model):
    """One computation of every place's scores for a year by one framework version."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="runs")
    year = models.PositiveSmallIntegerField()
    computed_at = models.DateTimeField(auto_now=True)
    places = models.PositiveIntegerField(default=0)
    synthetic = models.BooleanField(default=False)
    # {gss_code: [peer gss codes, nearest first]}
    peers = models.JSONField(default=dict)
    # The stated characteristics the peers were chosen by.
    characteristics = models.JSONField(default=list)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["version", "year"], name="insight_run_unique")
        ]

    def __str__(self):
        return f"{self.year} by version {self.version.number}"


class Score(models.Model):
    class Level(models.TextChoices):
        INDEX = "index", "Index"
        DIMENSION = "dimension", "Dimension"
        COMPONENT = "component", "Component"
        INDICATOR = "indicator", "Indicator"

    run = models.ForeignKey(ScoreRun, on_delete=models.CASCADE, related_name="scores")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="scores")
    level = models.CharField(max_length=10, choices=Level.choices)
    key = models.SlugField(max_length=60)
    score = models.FloatField(null=True)
    typical = models.FloatField(null=True)
    mark = models.CharField(max_length=10, blank=True)  # "strength", "weakness" or ""
    rank = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["run", "place", "level", "key"], name="insight_score_unique"
            )
        ]
        indexes = [models.Index(fields=["run", "level", "key"])]

    def __str__(self):
        return f"{self.level} {self.key}: {self.score}"


class ImportRun(models.Model):
    """A file of indicator values checked (a dry run) or written."""

    class Status(models.TextChoices):
        CHECKED = "checked", "Checked (dry run)"
        INVALID = "invalid", "Invalid: nothing written"
        REFUSED = "refused", "Refused: already imported"
        WRITTEN = "written", "Written"

    original_name = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices)
    layout = models.CharField(max_length=10, blank=True)
    rows = models.PositiveIntegerField(default=0)
    values = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    errors = models.JSONField(default=list)
    error_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.original_name} ({self.year}, {self.get_status_display()})"
