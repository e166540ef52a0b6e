from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "institute.resources"
    label = "resources"
    verbose_name = "Resource hub"

    def ready(self):
        from institute.core.topics import TopicSection, register

        from .selectors import topic_items, topic_more_url

        register(
            TopicSection(
                key="resources",
                title="Resources",
                order=20,
                items=topic_items,
                more_url=topic_more_url,
            )
        )
