from django.apps import AppConfig


class BenchmarkingConfig(AppConfig):
    name = "institute.benchmarking"
    label = "benchmarking"
    verbose_name = "Benchmarking"

    def ready(self):
        from institute.core import topics
        from institute.people import privacy

        from . import selectors

        topics.register(
            topics.TopicSection(
                key="benchmarking", title="Benchmarking", order=60, items=selectors.topic_items
            )
        )
        privacy.register(
            privacy.PersonalData(
                key="benchmarking",
                title="Benchmarking action plans",
                export=selectors.personal_data_export,
                erase=selectors.personal_data_erase,
            )
        )
