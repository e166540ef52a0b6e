"""Demo mentoring scheme and coaching from the society's 2023 year in review.

2023: 37 people paired in the mentoring scheme (14 mentors and 23 mentees, in one round,
matched by ``matching.match`` and confirmed; two more mentees registered and were not
paired), and 56 one-to-one coaching sessions held by the three coaches with participants of
Top Talent and Empowering Women. ``--scale large`` adds a round being matched with 2,000
mentees and 600 mentors (capacity 1–3), in bulk, for ``bench.py``. Idempotent.
"""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from institute.core.models import Topic
from institute.people import roles
from institute.people.models import Organisation, Region, User

from . import mentoring_services
from .models import Coach, CoachingSession, Registration, Round

LONDON = ZoneInfo("Europe/London")
DOMAIN = "demo.institute.example"
ROUND_2023 = "mentoring-scheme-2023"
LARGE_ROUND = "mentoring-scheme-large"
MENTORS_2023, MENTEES_2023 = 14, 25  # 23 paired; 2 left out (one unavailable, one over)
COACHING_SESSIONS_2023 = 56
LARGE_MENTEES, LARGE_MENTORS = 2000, 600
REGIONS = [r for r, _ in Region.choices if r not in ("national", "international")]
FIRST = [
    "Amira",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Femi",
    "Grace",
    "Harry",
    "Isla",
    "Jon",
    "Kiran",
    "Leah",
    "Marek",
    "Nadia",
    "Owen",
    "Priya",
    "Rhys",
    "Sara",
    "Tom",
    "Uma",
]
LAST = [
    "Ahmed",
    "Brown",
    "Campbell",
    "Davies",
    "Edwards",
    "Fraser",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lloyd",
    "Murray",
    "Nolan",
    "O'Neill",
    "Patel",
    "Reid",
]


def _people(prefix, count, organisations, rng):
    unusable = make_password(None)
    have = set(User.objects.filter(username__startswith=prefix).values_list("username", flat=True))
    User.objects.bulk_create(
        [
            User(
                username=f"{prefix}{n:04d}@{DOMAIN}",
                email=f"{prefix}{n:04d}@{DOMAIN}",
                password=unusable,
                first_name=FIRST[n % len(FIRST)],
                last_name=LAST[(n * 7) % len(LAST)],
                organisation=organisations[n % len(organisations)],
            )
            for n in range(count)
            if f"{prefix}{n:04d}@{DOMAIN}" not in have
        ]
    )
    return list(User.objects.filter(username__startswith=prefix).order_by("username")[:count])


def seed(*, scale, log):
    rng = random.Random(2023)
    organisations = list(Organisation.objects.filter(type="council").order_by("name")[:60])
    if not organisations:
        organisations = [
            Organisation.objects.get_or_create(
                slug="demo-council", defaults={"name": "Demo Council"}
            )[0]
        ]
    topics = list(Topic.objects.order_by("slug"))
    _seed_round_2023(organisations, topics, rng, log)
    _seed_coaching_2023(organisations, rng, log)
    if scale == "large":
        _seed_large_round(topics, rng, log)


def _seed_round_2023(organisations, topics, rng, log):
    round, created = Round.objects.get_or_create(
        slug=ROUND_2023,
        defaults={
            "name": "Mentoring scheme 2023",
            "registration_closes": dt.date(2023, 2, 28),
            "starts_on": dt.date(2023, 3, 15),
            "ends_on": dt.date(2023, 12, 15),
        },
    )
    if not created:
        log("mentoring 2023: already there")
        return
    # Mentors and mentees from different councils (mentors the first half of the list).
    half = max(1, len(organisations) // 2)
    mentors = _people("mentor-2023-", MENTORS_2023, organisations[:half], rng)
    mentees = _people("mentee-2023-", MENTEES_2023, organisations[half:] or organisations, rng)
    capacities = [2] * 9 + [1] * 5  # 23 places
    rows = []
    for n, user in enumerate(mentors):
        rows.append(
            Registration(
                round=round,
                user=user,
                role="mentor",
                seniority=rng.randint(4, 6),
                region=rng.choice(REGIONS),
                format=rng.choice(["in-person", "virtual", "either"]),
                capacity=capacities[n],
                created_at=timezone.now(),
            )
        )
    for n, user in enumerate(mentees):
        rows.append(
            Registration(
                round=round,
                user=user,
                role="mentee",
                seniority=rng.randint(1, 3),
                region=rng.choice(REGIONS),
                format=rng.choice(["in-person", "virtual", "either"]),
                available=n != MENTEES_2023 - 1,
                created_at=timezone.now(),
            )
        )
    Registration.objects.bulk_create(rows)
    _topics_bulk(Registration.objects.filter(round=round), topics, rng)
    round.state = Round.State.MATCHING
    round.save(update_fields=["state"])
    result = mentoring_services.round_match(round=round)
    Round.objects.filter(pk=round.pk).update(
        state=Round.State.CLOSED, confirmed_at=dt.datetime(2023, 3, 10, 12, tzinfo=LONDON)
    )
    log(f"mentoring 2023: {len(result.pairs)} pairs, total fit {result.total}")


def _topics_bulk(registrations, topics, rng):
    if not topics:
        return
    through = Registration.topics.through
    through.objects.bulk_create(
        [
            through(registration_id=pk, topic_id=topic.pk)
            for pk in registrations.values_list("pk", flat=True)
            for topic in rng.sample(topics, min(len(topics), rng.randint(1, 3)))
        ],
        ignore_conflicts=True,
    )


def _seed_coaching_2023(organisations, rng, log):
    coaches = []
    for user in User.objects.filter(groups__name=roles.COACH).order_by("pk"):
        coaches.append(
            Coach.objects.get_or_create(
                user=user, defaults={"sessions_per_month": 4, "sessions_per_year": 30}
            )[0]
        )
    if not coaches:
        log("coaching 2023: no coaches (seed people first)")
        return
    year = CoachingSession.objects.filter(starts_at__year=2023)
    if year.exists():
        log("coaching 2023: already there")
        return
    participants = _people("coachee-2023-", 28, organisations, rng)
    sessions = []
    for n in range(COACHING_SESSIONS_2023):
        day = dt.date(2023, 2, 1) + dt.timedelta(days=(n * 300) // COACHING_SESSIONS_2023)
        sessions.append(
            CoachingSession(
                coach=coaches[n % len(coaches)],
                participant=participants[n % len(participants)],
                starts_at=dt.datetime.combine(day, dt.time(10 + n % 6), tzinfo=LONDON),
                status=CoachingSession.Status.HELD,
                request="Reflecting on my leadership programme and next steps.",
                notes="Discussed goals and agreed three actions for the next month.",
            )
        )
    CoachingSession.objects.bulk_create(sessions)
    log(f"coaching 2023: {len(sessions)} sessions held")


def _seed_large_round(topics, rng, log):
    round, created = Round.objects.get_or_create(
        slug=LARGE_ROUND,
        defaults={
            "name": "Mentoring scheme (large)",
            "registration_closes": dt.date(2026, 2, 28),
            "starts_on": dt.date(2026, 3, 15),
            "ends_on": dt.date(2026, 12, 15),
            "state": Round.State.MATCHING,
        },
    )
    if not created:
        log("mentoring large: already there")
        return
    people = list(
        User.objects.filter(email__startswith="person", email__endswith=f"@{DOMAIN}")
        .order_by("pk")
        .values_list("pk", flat=True)[: LARGE_MENTEES + LARGE_MENTORS]
    )
    if len(people) < LARGE_MENTEES + LARGE_MENTORS:
        organisations = list(Organisation.objects.order_by("pk")[:400])
        people = [
            u.pk
            for u in _people("mentoring-large-", LARGE_MENTEES + LARGE_MENTORS, organisations, rng)
        ]
    formats = ["in-person", "virtual", "either"]
    now = timezone.now()
    Registration.objects.bulk_create(
        [
            Registration(
                round=round,
                user_id=pk,
                role="mentor" if n < LARGE_MENTORS else "mentee",
                seniority=rng.randint(3, 6) if n < LARGE_MENTORS else rng.randint(1, 4),
                region=rng.choice(REGIONS),
                format=rng.choice(formats),
                available=rng.random() > 0.03,
                capacity=rng.randint(1, 3) if n < LARGE_MENTORS else 1,
                created_at=now,
            )
            for n, pk in enumerate(people)
        ],
        batch_size=1000,
    )
    _topics_bulk(Registration.objects.filter(round=round), topics, rng)
    log(f"mentoring large: {LARGE_MENTORS} mentors and {LARGE_MENTEES} mentees registered")
