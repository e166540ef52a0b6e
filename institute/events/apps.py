from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "institute.events"
    label = "events"
    verbose_name = "Calendar and bookings"

    def ready(self):
        from . import registry, signals

        registry.register_with_roof()
        signals.connect()
        # The year in review's figures of the calendar.
        from . import figures

        figures.register_figures()
