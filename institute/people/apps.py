from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "institute.people"
    label = "people"
    verbose_name = "People and organisations"
