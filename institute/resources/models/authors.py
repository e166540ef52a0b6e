from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Author(index.Indexed, models.Model):
    """Someone who wrote or spoke in a publication: staff, members or partners such as APSE."""

    name = models.CharField(max_length=120)
    role = models.CharField(max_length=200, blank=True, help_text="Job title and organisation.")

    panels = [FieldPanel("name"), FieldPanel("role")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "role"], name="unique_author")]

    def __str__(self):
        return self.name
