from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "institute.api"
    label = "api"
    verbose_name = "Public API"

    def ready(self):
        from . import personal_data

        personal_data.register_with_roof()
