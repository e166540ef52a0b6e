from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "institute.newsletter"
    label = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        from . import registry

        registry.register_with_roof()
        # The year in review's figures.
        from . import figures

        figures.register_figures()
