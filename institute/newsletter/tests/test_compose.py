"""Composition of a known week through the section registry, each subscriber's topics
first, and the empty week as staff choose."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from institute.core.demo import child_page
from institute.core.models import NewsIndexPage, NewsPage
from institute.newsletter import compose
from institute.newsletter.models import Issue, Subscriber
from tests.factories import events as event_factories
from tests.factories import resources as resource_factories
from tests.factories.newsletter import item, make_issue, make_subscriber

pytestmark = pytest.mark.django_db
FRIDAY = dt.date(2026, 11, 27)


def news(home, title, date, topics=()):
    index = child_page(home, NewsIndexPage, "news", title="News")
    post = NewsPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        date=date,
        summary=f"About {title}.",
        body=[("paragraph", RichText("<p>x</p>"))],
        topics=list(topics),
    )
    index.add_child(instance=post)
    return post


def test_a_known_week(home):
    cyber = resource_factories.topic("cyber", "Cyber security")
    data = resource_factories.topic("data", "Data")
    hub = resource_factories.hub_page(home)
    resource_factories.resource(
        hub, title="Cyber toolkit", published=FRIDAY - dt.timedelta(days=2), topics=[cyber]
    )
    resource_factories.resource(hub, title="Last month's report", published=dt.date(2026, 10, 1))
    news(home, "Data awards", FRIDAY - dt.timedelta(days=1), topics=[data])
    news(home, "Old news", FRIDAY - dt.timedelta(days=20))
    calendar = event_factories.ensure_calendar(home)
    start = timezone.make_aware(dt.datetime.combine(FRIDAY + dt.timedelta(days=5), dt.time(10)))
    event_factories.add_item(
        calendar,
        title="Cyber webinar",
        slug="cyber-webinar",
        start=start,
        end=start + dt.timedelta(hours=1),
        topics=[cyber],
    )
    far = start + dt.timedelta(days=60)
    event_factories.add_item(
        calendar, title="Far away", slug="far-away", start=far, end=far + dt.timedelta(hours=1)
    )

    issue = compose.issue_compose(friday=FRIDAY)
    titles = {s["key"]: [i["title"] for i in s["items"]] for s in issue.sections}
    assert titles["resources"] == ["Cyber toolkit"]
    assert titles["news"] == ["Data awards"]
    assert titles["calendar"] == ["Cyber webinar"]
    assert "academy" not in titles  # no cohort open: the section is left out
    assert issue.status == Issue.Status.DRAFT
    assert issue.section_order == ["resources", "news", "calendar"]
    assert issue.sections[0]["items"][0]["url"].startswith("http://testserver/")
    # Idempotent: Friday's task running twice gives the same issue.
    assert compose.issue_compose(friday=FRIDAY).pk == issue.pk

    reader = make_subscriber(topics=[data])
    ordered = compose.ordered_sections(issue=issue, subscriber=reader)
    assert [s["key"] for s in ordered] == ["news", "resources", "calendar"]
    assert [s["key"] for s in compose.ordered_sections(issue=issue)] == issue.section_order


def test_topics_first_within_a_section_and_staff_order():
    cyber = resource_factories.topic("cyber")
    issue = make_issue(
        sections=[
            {"key": "news", "title": "News", "items": [item("A"), item("B", topics=["cyber"])]},
            {"key": "calendar", "title": "Coming up", "items": [item("C")]},
        ]
    )
    issue.section_order = ["calendar", "news"]
    issue.save()
    assert [s["key"] for s in compose.ordered_sections(issue=issue)] == ["calendar", "news"]
    reader = make_subscriber(topics=[cyber])
    ordered = compose.ordered_sections(issue=issue, subscriber=reader)
    assert [s["key"] for s in ordered] == ["news", "calendar"]
    assert [i["title"] for i in ordered[0]["items"]] == ["B", "A"]


def test_an_empty_week_as_staff_choose(settings):
    settings.NEWSLETTER_EMPTY_WEEK = "skip"
    assert compose.issue_compose(friday=FRIDAY) is None
    assert not Issue.objects.exists()
    settings.NEWSLETTER_EMPTY_WEEK = "send"
    issue = compose.issue_compose(friday=FRIDAY)
    assert issue.sections == [] and "quiet week" in issue.intro


def test_the_registry_takes_a_new_room():
    compose.register(
        compose.NewsletterSection(
            key="answers",
            title="You said, we did",
            order=50,
            items=lambda *, week: [{"title": f"Answer of {week.friday}", "url": "/x/"}],
        )
    )
    try:
        issue = compose.issue_compose(friday=FRIDAY)
        assert issue.sections[-1]["title"] == "You said, we did"
        assert issue.sections[-1]["items"][0]["title"] == "Answer of 2026-11-27"
    finally:
        compose.unregister("answers")


def test_the_friday_of_any_day():
    assert compose.friday_of(dt.date(2026, 11, 23)) == FRIDAY
    assert compose.friday_of(dt.date(2026, 11, 29)) == FRIDAY


def test_the_friday_task_and_command_compose_a_draft_only(settings):
    from django.core.management import call_command

    from institute.newsletter.tasks import compose_friday_issue

    settings.NEWSLETTER_EMPTY_WEEK = "send"
    make_subscriber()
    result = compose_friday_issue.enqueue()
    issue = Issue.objects.get(pk=result.return_value)
    assert issue.friday == compose.friday_of(timezone.localdate())
    assert issue.status == Issue.Status.DRAFT and not issue.deliveries.exists()
    call_command("newsletter_compose")
    assert Issue.objects.count() == 1


def test_the_year_in_review_counts_issues_sent_and_subscribers():
    from institute.core import figures

    make_issue(dt.date(2023, 3, 3), status=Issue.Status.SENT)
    make_issue(dt.date(2023, 3, 10), status=Issue.Status.SENT)
    make_issue(dt.date(2023, 3, 17))  # a draft never sent
    make_issue(dt.date(2024, 1, 5), status=Issue.Status.SENT)
    confirmed = timezone.make_aware(dt.datetime(2023, 6, 1, 9))
    for status, unsubscribed in (
        (Subscriber.Status.ACTIVE, None),
        (Subscriber.Status.UNSUBSCRIBED, timezone.make_aware(dt.datetime(2024, 2, 1))),
        (Subscriber.Status.UNSUBSCRIBED, timezone.make_aware(dt.datetime(2023, 9, 1))),
        (Subscriber.Status.SUPPRESSED, None),
    ):
        subscriber = make_subscriber(status=status)
        subscriber.confirmed_at, subscriber.unsubscribed_at = confirmed, unsubscribed
        subscriber.save()
    make_subscriber(status=Subscriber.Status.PENDING)  # never confirmed
    assert figures.get("newsletter.issues_sent").value(year=2023) == 2
    assert figures.get("newsletter.subscribers").value(year=2023) == 2
    assert figures.get("newsletter.subscribers").value(year=2022) == 0


def test_members_answers_join_the_week_they_are_published(home):
    from institute.membership import services as membership_services
    from tests.factories.membership import make_member
    from tests.factories.people import UserFactory

    author = make_member(UserFactory())
    feedback = membership_services.feedback_submit(
        user=author, topic=None, text="Make the December alumni event one we can all reach."
    )
    membership_services.feedback_publish(
        feedback_id=feedback.pk,
        title="Alumni event turned virtual",
        response="We held it online.",
        acted_on=dt.date(2023, 11, 1),
    )
    wednesday = timezone.make_aware(dt.datetime(2026, 11, 25, 12))
    type(feedback).objects.filter(pk=feedback.pk).update(published_at=wednesday)
    found = {s["key"]: s for s in compose.gather(week=compose.week_for(FRIDAY))}
    [answer] = found["you-said-we-did"]["items"]
    assert answer["title"] == "Alumni event turned virtual" and "online" in answer["summary"]
