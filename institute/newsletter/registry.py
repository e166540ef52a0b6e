"""What the newsletter takes from the rooms (its sections, through their public selectors)
and gives the roof: the archive in site search, and personal data."""

from institute.core import search
from institute.core.selectors import Item
from institute.people.privacy import PersonalData
from institute.people.privacy import register as register_personal_data

from .compose import NewsletterSection, register


def _resources(*, week):
    from institute.resources.selectors import resources_published_between

    return resources_published_between(since=week.since, until=week.until)


def _news(*, week):
    from institute.core.selectors import news_published_between

    return news_published_between(since=week.since, until=week.until)


def _calendar(*, week):
    from institute.events.selectors import occurrences_starting_between

    return occurrences_starting_between(start=week.start, end=week.end)


def _academy(*, week):
    from institute.academy.selectors import cohorts_open_for_application

    return cohorts_open_for_application(today=week.friday)


def _export(user):
    from .selectors import subscriptions_for

    return subscriptions_for(user=user)


def _erase(user):
    from .services import newsletter_erase

    newsletter_erase(user=user)


def _archive():
    from .models import Issue

    return Issue.objects.exclude(status=Issue.Status.DRAFT)


def _to_item(issue):
    return Item(title=issue.title, url=issue.get_absolute_url(), summary=issue.intro[:300])


def register_with_roof():
    register(
        NewsletterSection(
            key="resources", title="New in the resource hub", order=10, items=_resources
        )
    )
    register(NewsletterSection(key="news", title="News", order=20, items=_news))
    register(NewsletterSection(key="calendar", title="Coming up", order=30, items=_calendar))
    register(
        NewsletterSection(
            key="academy",
            title="Leadership Academy: open for applications",
            order=40,
            items=_academy,
        )
    )
    search.register(
        search.SearchSource(
            key="newsletter", label="Newsletter", queryset=_archive, to_item=_to_item
        )
    )
    register_personal_data(
        PersonalData(
            key="newsletter",
            title="Newsletter subscriptions, consents and copies sent",
            export=_export,
            erase=_erase,
        )
    )
