from django.apps import AppConfig


class BenchmarkingConfig(AppConfig):
    name = "institute.benchmarking"
    label = "benchmarking"
    verbose_name = "Benchmarking"

    def ready(self):
        from institute.core import cache, topics
        from institute.people import privacy

        from . import models, personal_data, selectors

        # What the public summaries show; responses, answers and action plans are not content.
        cache.content_models(
            models.Module,
            models.ModuleVersion,
            models.Section,
            models.Question,
            models.Cycle,
            models.Result,
        )

        topics.register(
            topics.TopicSection(
                key="benchmarking", title="Benchmarking", order=60, items=selectors.topic_items
            )
        )
        privacy.register(
            privacy.PersonalData(
                key="benchmarking",
                title="Benchmarking action plans and answers",
                export=personal_data.export,
                erase=personal_data.erase,
            )
        )
        # The year in review's figures of benchmarking.
        from . import figures

        figures.register_figures()
