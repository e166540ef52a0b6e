from django.apps import AppConfig


class AcademyConfig(AppConfig):
    name = "institute.academy"
    label = "academy"
    verbose_name = "Leadership Academy"

    def ready(self):
        # Programmes, applications, alumni and certificates.
        from . import registry

        registry.register_with_roof()
        # --- Mentoring and coaching ------------------------------------------------------
        from . import mentoring_personal_data

        mentoring_personal_data.register_with_roof()
        # --- The year in review's figures ------------------------------------------------
        from . import figures

        figures.register_figures()
