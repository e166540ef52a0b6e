"""Signal receivers: thin wrappers that hand over to ``services``."""

from django.apps import apps

from . import services


def sync_roles_after_migrate(sender, **kwargs):
    # post_migrate fires once per app with models, in order; every app's permissions exist
    # only once the last of them has had its turn.
    with_models = [app for app in apps.get_app_configs() if app.models_module is not None]
    if sender is not with_models[-1]:
        return
    services.roles_sync()
