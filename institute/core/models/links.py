from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, PageChooserPanel


class Link(models.Model):
    """An editor-made link: a label and either a page of the site or a URL (never both)."""

    label = models.CharField(max_length=60)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A page of the site (preferred: the link follows the page if it moves).",
    )
    link_url = models.CharField(
        "or URL",
        max_length=300,
        blank=True,
        help_text="A path such as /calendar/ or a full address, for pages outside the page tree.",
    )

    panels = [FieldPanel("label"), PageChooserPanel("link_page"), FieldPanel("link_url")]

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError({"link_url": "Choose a page or give a URL, not both."})

    def get_url(self, request=None):
        if self.link_page_id:
            return self.link_page.get_url(request) or ""
        return self.link_url
