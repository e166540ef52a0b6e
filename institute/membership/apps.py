from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "institute.membership"
    label = "membership"
    verbose_name = "Membership and Member Voice"

    def ready(self):
        from . import registry

        registry.register_with_roof()
        # The year in review's figures.
        from . import figures

        figures.register_figures()
