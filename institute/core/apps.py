from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "institute.core"
    label = "core"
    verbose_name = "Site (roof)"

    def ready(self):
        from . import cache, figures, search, topics

        cache.connect_invalidation()
        topics.register_core_sections()
        search.register_core_sources()
        figures.register_core_figures()
