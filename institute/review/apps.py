from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "institute.review"
    label = "review"
    verbose_name = "Year in review"

    def ready(self):
        from institute.core import cache

        from . import models

        # A freeze changes what the published review shows.
        cache.content_models(models.Freeze, models.FigureSnapshot)
        from . import personal_data

        personal_data.register_with_roof()
