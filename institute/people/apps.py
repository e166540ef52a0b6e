from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PeopleConfig(AppConfig):
    name = "institute.people"
    label = "people"
    verbose_name = "People and organisations"

    def ready(self):
        from allauth.account.signals import email_confirmed

        from . import personal_data, signals

        personal_data.register()
        email_confirmed.connect(signals.join_on_email_confirmed, dispatch_uid="people-join")
        post_migrate.connect(signals.sync_roles_after_migrate, dispatch_uid="people-roles")
