"""Benchmark volumes: 20,000 calendar items over 25 years and 200,000 bookings.

Items go in through ``bulk.bulk_add_items`` and bookings through ``bulk_create`` in batches;
nothing is created one row at a time. Idempotent: the archive is made once.
"""

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from wagtail.models import Page

from institute.core.demo import analyse
from institute.core.models import Topic
from institute.people.models import Region, User

from .bulk import bulk_add_items
from .choices import SUB_KINDS, Format, Kind
from .models import Booking, CalendarItemPage, Occurrence

ITEMS = 20_000
BOOKINGS = 200_000
PEOPLE = 5_000
YEARS = 25
DOMAIN = "demo.institute.example"


def _people(log):
    prefix = "archive-member-"
    have = User.objects.filter(username__startswith=prefix).count()
    unusable = make_password(None)
    User.objects.bulk_create(
        [
            User(
                username=f"{prefix}{n:05d}",
                email=f"{prefix}{n:05d}@{DOMAIN}",
                first_name=f"Archive member {n:05d}",
                last_name="(demo)",
                password=unusable,
            )
            for n in range(have, PEOPLE)
        ],
        batch_size=2000,
    )
    log(f"{PEOPLE} archive members")
    return list(User.objects.filter(username__startswith=prefix).values_list("pk", flat=True))


def _items(calendar, rng, log):
    if CalendarItemPage.objects.filter(slug__startswith="archive-").exists():
        log("archive items already there")
        return
    topics = list(Topic.objects.values_list("pk", flat=True))
    regions = Region.values
    now = timezone.now()
    first = now - dt.timedelta(days=365 * (YEARS - 1))
    span = (now + dt.timedelta(days=365) - first).total_seconds()
    items, topic_map = [], {}
    for n in range(ITEMS):
        kind = rng.choice(Kind.values)
        subs = SUB_KINDS[Kind(kind)]
        start = first + dt.timedelta(seconds=rng.random() * span)
        start = start.replace(minute=0, second=0, microsecond=0)
        slug = f"archive-{n:05d}"
        items.append(
            CalendarItemPage(
                title=f"{Kind(kind).label[:-1] if kind != 'training' else 'Training'} "
                f"{n:05d}: {rng.choice(['leadership', 'cyber', 'data', 'AI', 'skills'])}",
                slug=slug,
                summary="An item from the calendar archive (benchmark data).",
                kind=kind,
                sub_kind=rng.choice(subs).value if subs else "",
                start=start,
                end=start + dt.timedelta(hours=rng.choice([1, 2, 3, 7])),
                format=rng.choice(Format.values),
                region=rng.choice(regions),
                capacity=rng.choice([20, 40, 60, 100, 200]),
            )
        )
        topic_map[slug] = rng.sample(topics, k=min(len(topics), rng.randint(0, 2)))
    bulk_add_items(calendar, items, topics_by_slug=topic_map)
    log(f"{ITEMS} archive items over {YEARS} years")


def _bookings(people, rng, log):
    if Booking.objects.filter(user_id__in=people[:50]).exists():
        log("archive bookings already there")
        return
    now = timezone.now()
    occurrences = list(
        Occurrence.objects.filter(item__slug__startswith="archive-").values_list(
            "pk", "start", "end", "item__capacity"
        )
    )
    per = BOOKINGS // len(occurrences)
    extra = BOOKINGS - per * len(occurrences)
    batch, made = [], 0
    for index, (pk, start, end, capacity) in enumerate(occurrences):
        count = per + (1 if index < extra else 0)
        past = end < now
        for position, user_id in enumerate(rng.sample(people, count)):
            confirmed = position < capacity
            booked = start - dt.timedelta(days=14, minutes=position)
            batch.append(
                Booking(
                    occurrence_id=pk,
                    user_id=user_id,
                    status="confirmed" if confirmed else "waiting",
                    allocation="member",
                    attended=past and confirmed and rng.random() < 0.85,
                    created_at=booked,
                    confirmed_at=booked if confirmed else None,
                )
            )
        if len(batch) >= 10_000:
            Booking.objects.bulk_create(batch, batch_size=5000)
            made += len(batch)
            batch = []
            if made % 50_000 == 0:
                log(f"  {made} bookings")
    Booking.objects.bulk_create(batch, batch_size=5000)
    made += len(batch)
    log(f"{made} archive bookings")


# Analysed after the bulk inserts: the listing is read through its indexes only with
# statistics of the fresh rows.
ANALYSED = [Page, CalendarItemPage, CalendarItemPage.topics.through, Occurrence, Booking]


def seed_large(calendar, rng, log):
    people = _people(log)
    _items(calendar, rng, log)
    _bookings(people, rng, log)
    analyse(ANALYSED)
    log("calendar statistics updated")
