from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "institute.partners"
    label = "partners"
    verbose_name = "Partners"

    def ready(self):
        from . import registry

        registry.register_with_roof()
        # The year in review's figures.
        from . import figures

        figures.register_figures()
