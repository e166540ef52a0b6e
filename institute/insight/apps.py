from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "institute.insight"
    label = "insight"
    verbose_name = "Place insight"

    def ready(self):
        from . import registry

        registry.register_with_roof()
