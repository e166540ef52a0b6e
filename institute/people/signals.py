"""Signal receivers: thin wrappers that hand over to ``services``."""

from django.apps import apps

from . import services


def join_on_email_confirmed(sender, request, email_address, **kwargs):
    """A person who verifies their e-mail address becomes a Member."""
    services.member_join(user=email_address.user)


def sync_roles_after_migrate(sender, **kwargs):
    # post_migrate fires once per app; permissions of every app exist only after the last.
    if sender is not list(apps.get_app_configs())[-1]:
        return
    services.roles_sync()
