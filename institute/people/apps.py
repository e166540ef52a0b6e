from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PeopleConfig(AppConfig):
    name = "institute.people"
    label = "people"
    verbose_name = "People and organisations"

    def ready(self):
        from institute.core import cache

        from . import personal_data, signals
        from .models import Organisation

        personal_data.register()
        # Organisations are named on public pages (an event's sponsor).
        cache.content_models(Organisation)
        post_migrate.connect(signals.sync_roles_after_migrate, dispatch_uid="people-roles")
