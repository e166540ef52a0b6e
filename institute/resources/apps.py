from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "institute.resources"
    label = "resources"
    verbose_name = "Resource hub"

    def ready(self):
        from institute.core.topics import TopicSection, register
        from institute.people import privacy

        from .personal_data import author_credits
        from .selectors import topic_items, topic_more_url

        privacy.register(
            privacy.PersonalData(
                key="resources.authors",
                title="Author credits in the resource hub",
                export=author_credits,
                erase=None,
            )
        )

        register(
            TopicSection(
                key="resources",
                title="Resources",
                order=20,
                items=topic_items,
                more_url=topic_more_url,
            )
        )
        # The year in review's figures of the hub.
        from . import figures

        figures.register_figures()
