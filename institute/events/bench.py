"""The calendar's benchmark: its listing and detail pages, and booking under contention.

``run(ctx)`` books with 32 concurrent clients (threads, each with its own database
connection), first all competing for one occurrence, then each on an occurrence of its own,
and reports bookings per second and the number of overbooked occurrences (which must be 0).
The figures mean most on PostgreSQL (``BENCH_DATABASE_URL``); on SQLite writers queue.
"""

import datetime as dt
import threading
import time

PAGES = [
    ("Calendar listing", "/calendar/"),
    (
        "Calendar, filtered",
        "/calendar/training/workshop/?region=north-west&format=virtual&when=past",
    ),
    ("Calendar search", "/calendar/events/?q=leadership&when=past"),
    ("Calendar feed", "/calendar/webinars/feed.ics?region=national"),
    ("Calendar item", "/calendar/presidents-conference-2023/"),
]

CLIENTS = 32
BOOKINGS_PER_CLIENT = 20
CAPACITY = 100
PREFIX = "bench-booker-"


def _bookers(count):
    from django.contrib.auth.hashers import make_password

    from institute.people.models import User

    have = set(User.objects.filter(username__startswith=PREFIX).values_list("username", flat=True))
    unusable = make_password(None)
    User.objects.bulk_create(
        [
            User(username=name, email=f"{name}@demo.institute.example", password=unusable)
            for name in (f"{PREFIX}{n:04d}" for n in range(count))
            if name not in have
        ]
    )
    return list(User.objects.filter(username__startswith=PREFIX).order_by("username")[:count])


def _occurrences(count):
    from django.utils import timezone

    from .demo_helpers import add_item, ensure_calendar

    calendar = ensure_calendar()
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=60)
    items = [
        add_item(
            calendar,
            title=f"Booking benchmark {n}",
            slug=f"booking-benchmark-{int(time.time())}-{n}",
            kind="webinars",
            start=start,
            end=start + dt.timedelta(hours=1),
            capacity=CAPACITY,
        )
        for n in range(count)
    ]
    return items, [item.occurrences.get() for item in items]


def _race(assignments):
    """Each client books its list of (occurrence, user); returns (seconds, errors)."""
    from django.db import connection

    from . import services

    barrier = threading.Barrier(len(assignments))
    errors = []

    def client(work):
        try:
            barrier.wait()
            for occurrence, user in work:
                services.booking_create(occurrence=occurrence, user=user)
        except Exception as exc:  # noqa: BLE001 - counted and reported
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(work,)) for work in assignments]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, errors


def _overbooked(occurrences):
    from django.db.models import Count, F, Q

    from .models import Occurrence

    return (
        Occurrence.objects.filter(pk__in=[o.pk for o in occurrences])
        .annotate(confirmed=Count("bookings", filter=Q(bookings__status="confirmed")))
        .filter(confirmed__gt=F("item__capacity"))
        .count()
    )


def run(ctx):
    from django.db import connection

    vendor = connection.vendor
    users = _bookers(CLIENTS * BOOKINGS_PER_CLIENT)
    items, occurrences = _occurrences(CLIENTS + 1)
    shared, own = occurrences[0], occurrences[1:]
    total = CLIENTS * BOOKINGS_PER_CLIENT
    rows = []
    try:
        ctx.log(f"events: {CLIENTS} clients booking one occurrence ({vendor})")
        chunks = [users[i::CLIENTS] for i in range(CLIENTS)]
        seconds, errors = _race([[(shared, u) for u in chunk] for chunk in chunks])
        over = _overbooked([shared])
        rows.append(
            {
                "name": f"bookings/s, {CLIENTS} clients, one item ({CAPACITY} places)",
                "value": round(total / seconds, 1),
                "unit": "bookings/s",
                "target": "0 overbooked",
                "note": f"{vendor}; {total} requests in {seconds:.2f} s; overbooked: {over};"
                f" errors: {len(errors)}",
            }
        )
        ctx.log(f"events: {CLIENTS} clients, an occurrence each")
        seconds, errors_own = _race(
            [
                [(occurrence, u) for u in chunk]
                for occurrence, chunk in zip(own, chunks, strict=True)
            ]
        )
        over_own = _overbooked(own)
        rows.append(
            {
                "name": f"bookings/s, {CLIENTS} clients, different items",
                "value": round(total / seconds, 1),
                "unit": "bookings/s",
                "target": "0 overbooked",
                "note": f"{vendor}; {total} requests in {seconds:.2f} s; overbooked: {over_own};"
                f" errors: {len(errors_own)}",
            }
        )
        rows.append(
            {
                "name": "overbooked occurrences under contention",
                "value": float(over + over_own),
                "unit": "occurrences",
                "target": "= 0",
                "note": "ok" if over + over_own == 0 else "CAPACITY EXCEEDED",
            }
        )
    finally:
        for item in items:  # leave the bench database as it was
            item.delete()
    return rows
