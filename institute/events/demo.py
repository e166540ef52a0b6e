"""Demo calendar from the society's 2023 year in review, plus a living upcoming programme.

2023: President's Conference in Brighton (£2,629 raised for MindOut), national conferences in
Cardiff, the Midlands and the alumni event (Manchester, made virtual), Partner Day in
Northampton, the AI roundtable, 40 webinars attended by 2,455 delegates and monthly
drop-ins — nearly 3,000 people at events and conferences. Upcoming: the December alumni
event (online again), the next President's Conference in Birmingham in June, monthly
drop-ins and webinars. The Leadership Academy's
training (workshops, Change Agent, the Top Talent cohort in Essex) is the academy's own: its
demo puts those sessions in the calendar (``institute/academy/programmes_demo.py``).
``--scale large`` adds 20,000 items over 25 years and 200,000
bookings (see ``demo_large``). Idempotent: items are found by slug, bookings made once.
"""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from institute.core.demo import ensure_home
from institute.core.models import Topic
from institute.people.models import Organisation, User

from .demo_helpers import add_item, ensure_calendar
from .demo_programme import seed_programmes
from .models import Booking, CalendarItemPage

LONDON = ZoneInfo("Europe/London")
DEMO_DOMAIN = "demo.institute.example"
MEMBERS = 700

WEBINAR_SUBJECTS = [
    ("Cyber security essentials for leaders", "cyber"),
    ("Ransomware: lessons from the front line", "cyber"),
    ("Measuring user satisfaction with ICT", "benchmarking"),
    ("Turning benchmarking reports into action plans", "benchmarking"),
    ("Generative AI: what senior leaders need to know", "ai"),
    ("Responsible AI policies for councils", "ai"),
    ("Exploding data silos", "data"),
    ("Digital skills for every officer", "digital-skills"),
    ("Green IT and e-waste", "sustainability"),
    ("The road to net zero in digital services", "sustainability"),
    ("Connected places and inclusive smart cities", "connected-places"),
    ("Leading in turbulent times", "leadership"),
    ("The essential core skills of leadership", "leadership"),
    ("Inclusive digital teams", "edi"),
    ("Place-based working in practice", "place-based"),
    ("Resilience planning for digital services", "resilience"),
    ("Recruiting and keeping digital talent", "recruitment"),
    ("Cyber leadership after an incident", "cyber"),
    ("Data ethics in local government", "data"),
    ("Coaching conversations for managers", "leadership"),
]
REGIONAL = [
    ("North West digital leaders network", "north-west", "Manchester"),
    ("Yorkshire and The Humber network", "yorkshire-and-the-humber", "Leeds"),
    ("London digital leaders network", "london", "London"),
    ("Scotland digital leaders network", "scotland", "Glasgow"),
]


def _at(year, month, day, hour=9, minute=30):
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def _members(log):
    """The demo membership: people across the demo organisations (no password: demo only)."""
    existing = set(
        User.objects.filter(
            email__endswith=f"@{DEMO_DOMAIN}", username__startswith="member-"
        ).values_list("email", flat=True)
    )
    organisations = list(Organisation.objects.exclude(type=Organisation.Type.PARTNER))
    unusable = make_password(None)
    new = []
    for n in range(1, MEMBERS + 1):
        email = f"member-{n:04d}@{DEMO_DOMAIN}"
        if email not in existing:
            new.append(
                User(
                    username=f"member-{n:04d}",
                    email=email,
                    first_name=f"Member {n:04d}",
                    last_name="(demo)",
                    password=unusable,
                    organisation=organisations[n % len(organisations)] if organisations else None,
                )
            )
    User.objects.bulk_create(new, batch_size=1000)
    log(f"{MEMBERS} demo members ({len(new)} new)")
    return list(
        User.objects.filter(username__startswith="member-", email__endswith=f"@{DEMO_DOMAIN}")
        .order_by("username")
        .values_list("pk", flat=True)
    )


def _topic_ids(*slugs):
    return list(Topic.objects.filter(slug__in=slugs))


def _item(calendar, slug, *, topics=(), speakers=(), **fields):
    existing = CalendarItemPage.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    start = fields.pop("start")
    fields.setdefault("end", start + dt.timedelta(hours=fields.pop("hours", 1)))
    item = add_item(
        calendar,
        slug=slug,
        start=start,
        topics=_topic_ids(*topics),
        speakers=speakers,
        **fields,
    )
    return item, True


def _book(item, member_ids, count, *, attended=None, rng, partner_ids=(), waiting=0):
    """Give an item's occurrences ``count`` confirmed places each (attended if past)."""
    bookings = []
    for occurrence in item.occurrences.all():
        if occurrence.bookings.exists():
            continue
        past = occurrence.end < timezone.now()
        chosen = rng.sample(member_ids, min(count + waiting, len(member_ids)))
        came = attended if attended is not None else count
        booked_at = occurrence.start - dt.timedelta(days=21)
        for index, user_id in enumerate(chosen):
            is_waiting = index >= count
            bookings.append(
                Booking(
                    occurrence=occurrence,
                    user_id=user_id,
                    status=Booking.Status.WAITING if is_waiting else Booking.Status.CONFIRMED,
                    allocation=Booking.Allocation.MEMBER,
                    attended=past and not is_waiting and index < came,
                    created_at=booked_at + dt.timedelta(minutes=index),
                    confirmed_at=None if is_waiting else booked_at + dt.timedelta(minutes=index),
                )
            )
        for index, user_id in enumerate(partner_ids):
            bookings.append(
                Booking(
                    occurrence=occurrence,
                    user_id=user_id,
                    status=Booking.Status.CONFIRMED,
                    allocation=Booking.Allocation.PARTNER,
                    attended=past,
                    created_at=booked_at - dt.timedelta(days=1, minutes=index),
                    confirmed_at=booked_at - dt.timedelta(days=1, minutes=index),
                )
            )
    Booking.objects.bulk_create(bookings, batch_size=2000)
    return len(bookings)


def _webinar_delegates(rng, total=2455, webinars=40):
    """40 attendances between 35 and 95 that add up to exactly ``total``."""
    counts = [rng.randint(35, 95) for _ in range(webinars)]
    while sum(counts) != total:
        i = rng.randrange(webinars)
        step = 1 if sum(counts) < total else -1
        if 35 <= counts[i] + step <= 95:
            counts[i] += step
    return counts


def seed_2023(calendar, members, rng, log):
    microsoft = Organisation.objects.filter(name="Microsoft").first()
    aws = Organisation.objects.filter(name="AWS").first()
    made = booked = 0
    plan = [
        (
            "presidents-conference-2023",
            {
                "title": "President's Conference 2023",
                "kind": "events",
                "sub_kind": "conference",
                "start": _at(2023, 6, 14),
                "end": _at(2023, 6, 15, 16, 30),
                "region": "south-east",
                "format": "in-person",
                "venue": "Brighton",
                "capacity": 700,
                "partner_allocation": 40,
                "member_price": 295,
                "non_member_price": 495,
                "charity": "MindOut",
                "amount_raised": 2629,
                "sponsor": microsoft,
                "summary": "Two days in Brighton with local government innovators: dynamic "
                "participation, connections and speakers. The Institute was launched here.",
                "topics": ["leadership", "ai", "cyber"],
                "speakers": [("Mark Lumley", "President; director of digital & IT, Hounslow")],
            },
            650,
        ),
        (
            "national-conference-cardiff-2023",
            {
                "title": "National conference: Cardiff",
                "kind": "events",
                "sub_kind": "conference",
                "start": _at(2023, 3, 22),
                "hours": 7,
                "region": "wales",
                "format": "hybrid",
                "venue": "Cardiff",
                "capacity": 400,
                "member_price": 95,
                "non_member_price": 195,
                "summary": "National conference in Cardiff, in person and online.",
                "topics": ["place-based", "data"],
            },
            380,
        ),
        (
            "national-conference-midlands-2023",
            {
                "title": "National conference: Midlands",
                "kind": "events",
                "sub_kind": "conference",
                "start": _at(2023, 10, 11),
                "hours": 7,
                "region": "east-midlands",
                "format": "in-person",
                "venue": "Nottingham",
                "capacity": 400,
                "member_price": 95,
                "non_member_price": 195,
                "summary": "National conference for the Midlands.",
                "topics": ["digital-skills", "resilience"],
            },
            360,
        ),
        (
            "alumni-event-2023",
            {
                "title": "Alumni event 2023",
                "kind": "events",
                "sub_kind": "alumni",
                "start": _at(2023, 12, 6, 13, 0),
                "hours": 3,
                "region": "north-west",
                "format": "virtual",
                "capacity": 500,
                "summary": "Planned for Manchester; members told us the cost of travel was a "
                "worry, so we made an early decision to hold it online for everyone.",
                "topics": ["leadership"],
            },
            420,
        ),
        (
            "partner-day-2023",
            {
                "title": "Partner Day 2023",
                "kind": "events",
                "sub_kind": "partner-day",
                "start": _at(2023, 9, 13),
                "hours": 7,
                "region": "east-midlands",
                "format": "in-person",
                "venue": "Northampton",
                "capacity": 250,
                "summary": "Private sector partners bringing fresh thinking to our events, "
                "training and research.",
                "sponsor": aws,
            },
            220,
        ),
        (
            "ai-roundtable-2023",
            {
                "title": "AI roundtable for senior leaders",
                "kind": "events",
                "sub_kind": "roundtable",
                "start": _at(2023, 9, 20, 14, 0),
                "hours": 3,
                "region": "london",
                "format": "in-person",
                "venue": "London",
                "capacity": 24,
                "members_only": True,
                "summary": "Opportunities and threats of AI, discussed in detail: the start of "
                "our 'what senior leaders need to know' guidance.",
                "topics": ["ai"],
            },
            24,
        ),
        (
            "monthly-drop-in-2023",
            {
                "title": "Monthly drop-in (2023)",
                "kind": "events",
                "sub_kind": "drop-in",
                "start": _at(2023, 1, 4, 12, 30),
                "hours": 1,
                "recurrence": "FREQ=MONTHLY;BYDAY=1WE;COUNT=12",
                "region": "national",
                "format": "virtual",
                "capacity": 60,
                "summary": "By the members, for the members: bring a question, a worry or an "
                "idea. Staff listen and act.",
            },
            35,
        ),
    ]
    for n, (name, region, venue) in enumerate(REGIONAL):
        plan.append(
            (
                f"regional-network-{region}-2023",
                {
                    "title": f"{name} 2023",
                    "kind": "events",
                    "sub_kind": "networking",
                    "start": _at(2023, 4 + n * 2, 18, 10, 0),
                    "hours": 4,
                    "region": region,
                    "format": "in-person",
                    "venue": venue,
                    "capacity": 150,
                    "summary": "Learn, share and connect with digital leaders near you.",
                },
                120,
            )
        )
    delegates = _webinar_delegates(rng)
    for n in range(40):
        title, topic = WEBINAR_SUBJECTS[n % len(WEBINAR_SUBJECTS)]
        month, week = 1 + n * 11 // 40, n % 4
        plan.append(
            (
                f"webinar-2023-{n + 1:02d}",
                {
                    "title": title if n < 20 else f"{title} (part 2)",
                    "kind": "webinars",
                    "start": _at(2023, month, 3 + week * 7, 11, 0),
                    "region": "national",
                    "format": "virtual",
                    "capacity": 120,
                    "summary": "A one-hour webinar for members.",
                    "topics": [topic],
                },
                delegates[n],
            )
        )
    for slug, fields, attendance in plan:
        fields = dict(fields)
        topics = fields.pop("topics", [])
        speakers = fields.pop("speakers", [])
        item, created = _item(calendar, slug, topics=topics, speakers=speakers, **fields)
        made += created
        # Webinars: a few booked but did not come; the attended ones are the delegates.
        no_shows = attendance // 10 if fields["kind"] == "webinars" else 0
        booked += _book(item, members, attendance + no_shows, attended=attendance, rng=rng)
    log(f"2023 calendar: {len(plan)} items ({made} new), {booked} new bookings")


def seed_upcoming(calendar, members, rng, log):
    today = timezone.localdate()
    june = today.year + (1 if today.month >= 6 else 0)
    made = booked = 0
    first_of_month = _at(today.year, today.month, 1, 12, 30)
    # The alumni community meets each December (2023's was held online for everyone).
    december = today.year + (1 if (today.month, today.day) >= (12, 9) else 0)
    plan = [
        (
            f"alumni-event-{december}",
            {
                "title": f"Alumni event {december}",
                "kind": "events",
                "sub_kind": "alumni",
                "start": _at(december, 12, 9, 13, 0),
                "hours": 3,
                "region": "national",
                "format": "virtual",
                "capacity": 500,
                "joining_link": "https://meet.institute.example/alumni",
                "summary": "The Leadership Academy's alumni community meets again online, so "
                "everyone can come: alumni stories and breakout rooms by region.",
                "topics": ["leadership"],
            },
            120,
        ),
        (
            f"presidents-conference-{june}",
            {
                "title": f"President's Conference {june}",
                "kind": "events",
                "sub_kind": "conference",
                "start": _at(june, 6, 17),
                "end": _at(june, 6, 18, 16, 30),
                "region": "west-midlands",
                "format": "in-person",
                "venue": "Birmingham",
                "capacity": 700,
                "partner_allocation": 40,
                "member_price": 295,
                "non_member_price": 495,
                "summary": "Our stellar event of the year, in Birmingham: an even more inspiring "
                "line-up.",
                "topics": ["leadership", "ai"],
            },
            180,
        ),
        (
            f"monthly-drop-in-{today:%Y-%m}",
            {
                "title": "Monthly drop-in",
                "kind": "events",
                "sub_kind": "drop-in",
                "start": first_of_month,
                "hours": 1,
                "recurrence": "FREQ=MONTHLY;BYDAY=1WE;COUNT=12",
                "region": "national",
                "format": "virtual",
                "capacity": 60,
                "joining_link": "https://meet.institute.example/drop-in",
                "members_only": True,
                "summary": "By the members, for the members: bring a question, a worry or an idea.",
            },
            20,
        ),
    ]
    for n in range(8):
        title, topic = WEBINAR_SUBJECTS[(n * 3) % len(WEBINAR_SUBJECTS)]
        start = _at(today.year, today.month, today.day, 11, 0) + dt.timedelta(days=3 + n * 9)
        plan.append(
            (
                f"webinar-{start:%Y-%m-%d}-{n + 1}",
                {
                    "title": title,
                    "kind": "webinars",
                    "start": start,
                    "region": "national",
                    "format": "virtual",
                    "capacity": 100 if n else 30,
                    "joining_link": "https://meet.institute.example/webinar",
                    "summary": "A one-hour webinar for members.",
                    "topics": [topic],
                },
                30 if n == 0 else 10 + n * 5,
            )
        )
    for slug, fields, count in plan:
        fields = dict(fields)
        topics = fields.pop("topics", [])
        item, created = _item(calendar, slug, topics=topics, **fields)
        made += created
        full = count >= item.capacity
        booked += _book(item, members, min(count, item.capacity), rng=rng, waiting=3 if full else 0)
    log(f"upcoming programme: {len(plan)} items ({made} new), {booked} new bookings")


def seed(*, scale, log):
    rng = random.Random(2023)  # the same demo every time
    calendar = ensure_calendar(ensure_home())
    members = _members(log)
    seed_2023(calendar, members, rng, log)
    seed_upcoming(calendar, members, rng, log)
    seed_programmes(log)
    if scale == "large":
        from .demo_large import seed_large

        seed_large(calendar, rng, log)
