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
        # The newsletter's "You said, we did" section, when the newsletter is installed.
        from django.apps import apps

        if apps.is_installed("institute.newsletter"):
            from institute.newsletter.compose import NewsletterSection, register

            register(
                NewsletterSection(
                    key="you-said-we-did",
                    title="You said, we did",
                    order=50,
                    items=_answered,
                )
            )


def _answered(*, week):
    from .selectors import feedback_answered_between

    return feedback_answered_between(since=week.since, until=week.until)
