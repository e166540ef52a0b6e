"""Demo newsletter: a year of Friday issues (the 52 Fridays of 2023, composed from the demo
content through the section registry, and sent), this week's issue as a draft for staff,
and subscribers with topics: a share of the demo members and readers who are not members.
``--scale large``: 50,000 subscribers. Idempotent: issues by Friday, subscribers by address,
one delivery per (issue, subscriber)."""

import datetime as dt
import random

from django.utils import timezone

from institute.core.models import Topic
from institute.people.consent import WORDING
from institute.people.models import Consent, User

from . import compose
from .models import Delivery, Issue, Subscriber, SubscriptionConsent

YEAR = 2023
READERS = {"demo": 250, "large": 50_000}
BATCH = 2000
INTROS = [
    "This week: what members have published, what is new in the hub and what is coming up.",
    "A busy week for the society: new resources, news from the regions and the next events.",
    "Our pick of the week's reading, and where to meet colleagues in the weeks ahead.",
]


def _fridays(year):
    day = dt.date(year, 1, 1)
    day += dt.timedelta(days=(4 - day.weekday()) % 7)
    while day.year == year:
        yield day
        day += dt.timedelta(days=7)


def seed(*, scale, log):
    rng = random.Random(15)
    topics = list(Topic.objects.order_by("pk"))
    _subscribers(scale=scale, rng=rng, topics=topics, log=log)
    issues = []
    for n, friday in enumerate(_fridays(YEAR)):
        issue = compose.issue_compose(friday=friday, empty="send")
        if issue.status == Issue.Status.DRAFT:
            issue.intro = issue.intro or INTROS[n % len(INTROS)]
            issue.status = Issue.Status.SENT
            sent = timezone.make_aware(dt.datetime.combine(friday, dt.time(8)))
            issue.approved_at = issue.sent_at = sent
            issue.save()
        issues.append(issue)
    log(f"newsletter: {len(issues)} Friday issues of {YEAR}")
    draft = compose.issue_compose(empty="send")
    if draft is not None:
        log(f"newsletter: this week's draft, {draft.title}")
    if scale == "demo":
        _deliveries(issues)


def _subscribers(*, scale, rng, topics, log):
    wanted = READERS[scale]
    members = list(
        User.objects.filter(email__endswith="@demo.institute.example")
        .order_by("pk")
        .values_list("pk", "email")[: wanted // 5]
    )
    rows = [
        Subscriber(email=email, user_id=pk, status=Subscriber.Status.ACTIVE, source="demo")
        for pk, email in members
    ]
    rows += [
        Subscriber(
            email=f"reader{n:05d}@readers.demo.institute.example",
            status=Subscriber.Status.ACTIVE,
            frequency="monthly" if n % 7 == 0 else "weekly",
            source="demo",
        )
        for n in range(wanted - len(rows))
    ]
    now = timezone.now()
    for row in rows:
        row.confirmed_at = now
    for start in range(0, len(rows), BATCH):
        Subscriber.objects.bulk_create(rows[start : start + BATCH], ignore_conflicts=True)
    fresh = Subscriber.objects.filter(source="demo", consents__isnull=True).order_by("pk")
    wording = WORDING[Consent.Purpose.NEWSLETTER]
    Through = Subscriber.topics.through
    added = 0
    ids = list(fresh.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        SubscriptionConsent.objects.bulk_create(
            SubscriptionConsent(
                subscriber_id=pk,
                given=True,
                wording_version=wording.version,
                wording=wording.text,
                source="demo",
            )
            for pk in chunk
        )
        if topics:
            Through.objects.bulk_create(
                [
                    Through(subscriber_id=pk, topic_id=t.pk)
                    for pk in chunk
                    for t in rng.sample(topics, k=rng.randint(0, min(3, len(topics))))
                ],
                ignore_conflicts=True,
            )
        added += len(chunk)
    log(f"newsletter: {added} new subscribers ({Subscriber.objects.count()} in all)")


def _deliveries(issues):
    ids = list(Subscriber.objects.filter(status="active").values_list("pk", flat=True))
    for issue in issues:
        sent_at = issue.sent_at
        Delivery.objects.bulk_create(
            [
                Delivery(
                    issue=issue,
                    subscriber_id=pk,
                    status=Delivery.Status.SENT,
                    attempts=1,
                    sent_at=sent_at,
                    message_id=f"<issue-{issue.pk}.subscriber-{pk}@newsletter.institute.example>",
                )
                for pk in ids
            ],
            ignore_conflicts=True,
            batch_size=BATCH,
        )
