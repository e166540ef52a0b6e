"""An optional image with its alt text, for models that show one (a rule with one owner)."""

from django.core.exceptions import ValidationError
from django.db import models


class WithImage(models.Model):
    """``image`` and ``image_alt``: the alt text is required whenever there is an image."""

    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.CharField(
        "image alt text",
        max_length=250,
        blank=True,
        help_text="Required with an image: describe it for people who cannot see it.",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": "Describe the image: alt text is required."})
