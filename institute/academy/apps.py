from django.apps import AppConfig


class AcademyConfig(AppConfig):
    name = "institute.academy"
    label = "academy"
    verbose_name = "Leadership Academy"
