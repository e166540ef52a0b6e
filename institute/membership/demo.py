"""Demo membership: the tiers of 2024 (the membership page the year in review mentions) and
of the year people join now, members across every status, the Member Voice group with its
monthly drop-ins in the calendar, and "You said, we did" with answers. ``--scale large``:
20,000 members with five years of history. Idempotent."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from institute.people import roles

from . import selectors, services
from .models import CoveredPerson, Feedback, Membership, Status, StatusChange, Tier, VoiceSeat
from .status import grace_end_for, period_end_for, status_on

User = get_user_model()
DOMAIN = "demo.institute.example"
LARGE_MEMBERS = 20_000
LARGE_DOMAIN = "members.demo.institute.example"

TIERS = [
    # kind, name, price, needs approval, people, summary, benefits
    (
        Tier.Kind.INDIVIDUAL,
        "Individual",
        Decimal("195"),
        False,
        1,
        "For one person who leads or works in digital, data and technology.",
        "Member prices for President's Conference, national and regional events\n"
        "Monthly webinars\nThe resource hub, members-only reports included\n"
        "The Leadership Academy, coaching and mentoring\nThe Friday newsletter",
    ),
    (
        Tier.Kind.ORGANISATIONAL,
        "Organisational",
        Decimal("2950"),
        False,
        25,
        "For an organisation: up to 25 named people, added and removed by its coordinator.",
        "Every individual benefit for each named person\nYearly benchmarking of your ICT "
        "service\nA coordinator who manages the named people\nPlaces at events for your team",
    ),
    (
        Tier.Kind.ASSOCIATE,
        "Associate",
        Decimal("95"),
        True,
        1,
        "For students, people between jobs and retired members; approved by our team.",
        "Webinars and the resource hub\nMember prices at events\nThe Friday newsletter",
    ),
    (
        Tier.Kind.PARTNER,
        "Partner",
        Decimal("6500"),
        True,
        5,
        "For suppliers and partners who work with public services; approved by our team.",
        "Five named people\nPartner days and sponsorship opportunities\nYour profile in the "
        "partner directory",
    ),
]

FEEDBACK = [
    (
        "The December alumni event turned virtual",
        "Several of us are worried we will not be able to travel to the alumni event in "
        "Manchester in December: budgets for travel and overnight stays have been cut.",
        "We took the feedback and decided early to make the December alumni event virtual. "
        "Attendance was much more inclusive, from across the membership.",
        datetime.date(2023, 10, 16),
        "leadership",
    ),
    (
        "Webinar recordings within a week",
        "I cannot always attend the monthly webinars live. Could the recordings be posted sooner?",
        "Recordings of every webinar now go on the resource hub within five working days.",
        datetime.date(2023, 6, 5),
        "digital-skills",
    ),
    (
        "Newsletter by topic",
        "The Friday newsletter is long: I would like only the topics I follow.",
        "The newsletter now follows the topics on your profile.",
        datetime.date(2023, 9, 1),
        "data",
    ),
    (
        "Benchmarking guidance for first-timers",
        "Our council is new to benchmarking and found the survey hard to start.",
        "We ran two webinars on measuring and comparing an ICT service, and published a "
        "guide for first-time participants.",
        datetime.date(2023, 11, 8),
        "benchmarking",
    ),
]
WAITING = [
    "Could the regional roundtables rotate between cities?",
    "More content on AI procurement, please.",
]


def seed(*, scale, log):
    today = timezone.localdate()
    tiers = _seed_tiers(today)
    log(f"membership tiers for {sorted(tiers)}")
    n = _seed_members(tiers[selectors.offered_year(day=today)], today)
    log(f"{n} demo memberships across every status")
    _seed_voice(today)
    log("Member Voice group, drop-ins and You said, we did")
    if scale == "large":
        _seed_large(tiers, today, log)


def _seed_tiers(today) -> dict:
    years = {2024, today.year, today.year + 1 if today.month >= 10 else today.year}
    found = {}
    for year in sorted(years):
        for order, (kind, name, price, approval, people, summary, benefits) in enumerate(TIERS):
            tier, _ = Tier.objects.get_or_create(
                year=year,
                kind=kind,
                defaults={
                    "name": name,
                    "price": price,
                    "needs_approval": approval,
                    "people_included": people,
                    "summary": summary,
                    "benefits": benefits,
                    "order": order,
                },
            )
            found[(year, kind)] = tier
    return {year: {k: t for (y, k), t in found.items() if y == year} for year in years}


def _membership(
    tier,
    holder,
    *,
    join,
    start,
    today,
    approval="approved",
    cancelled=None,
    organisation=None,
    paid=True,
):
    m = Membership(
        tier=tier,
        holder=holder,
        organisation=organisation,
        approval=approval,
        applied_at=timezone.make_aware(datetime.datetime.combine(join, datetime.time(9))),
    )
    if approval == "approved":
        m.join_date, m.start_date = join, start
        m.end_date = period_end_for(start)
        m.grace_end = grace_end_for(m.end_date)
        m.paid, m.paid_on = paid, (start if paid else None)
    m.cancelled_on = cancelled
    m.status = status_on(m, today)
    m.save()
    m.invoice_reference = f"INV-{(m.end_date or join):%Y}-{m.pk:06d}" if m.end_date else ""
    m.save(update_fields=["invoice_reference"])
    StatusChange.objects.create(
        membership=m,
        from_status="",
        to_status=Status.PENDING,
        on=join,
        recorded_at=m.applied_at,
        note="Applied",
    )
    if m.status != Status.PENDING:
        StatusChange.objects.create(
            membership=m,
            from_status=Status.PENDING,
            to_status=m.status,
            on=today,
            recorded_at=timezone.now(),
            note="Demo data",
        )
    return m


@transaction.atomic
def _seed_members(tiers, today):
    """Every person the people room made a Member gets a current membership (the group then
    follows it); extra people show the other statuses."""
    if Membership.objects.filter(holder__email__endswith=f"@{DOMAIN}").exists():
        return 0
    group = Group.objects.filter(name=roles.MEMBER).first()
    people = (
        list(
            User.objects.filter(groups=group, email__endswith=f"@{DOMAIN}")
            .exclude(email__startswith="person")
            .select_related("organisation")
            .order_by("pk")
        )
        if group
        else []
    )
    made = 0
    for n, user in enumerate(people):
        join = today - datetime.timedelta(days=400 + 30 * n)
        start = today - datetime.timedelta(days=100 + 7 * n)
        _membership(tiers[Tier.Kind.INDIVIDUAL], user, join=join, start=start, today=today)
        made += 1
    password = make_password("Leading-digital-2023")
    statuses = {
        "new": {
            "join": today - datetime.timedelta(days=20),
            "start": today - datetime.timedelta(days=20),
        },
        "grace": {
            "join": today - datetime.timedelta(days=800),
            "start": today - datetime.timedelta(days=380),
        },
        "expired": {
            "join": today - datetime.timedelta(days=1200),
            "start": today - datetime.timedelta(days=500),
        },
        "cancelled": {
            "join": today - datetime.timedelta(days=300),
            "start": today - datetime.timedelta(days=300),
            "cancelled": today - datetime.timedelta(days=30),
        },
        "pending": {
            "join": today - datetime.timedelta(days=3),
            "start": None,
            "approval": "pending",
        },
        "renewing": {
            "join": today - datetime.timedelta(days=700),
            "start": today - datetime.timedelta(days=345),
        },
    }
    for name, dates in statuses.items():
        email = f"{name}.member@{DOMAIN}"
        user, _ = User.objects.get_or_create(
            email=email,
            defaults={
                "username": email,
                "first_name": name.capitalize(),
                "last_name": "Member",
                "password": password,
            },
        )
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        tier = tiers[Tier.Kind.ASSOCIATE if name == "pending" else Tier.Kind.INDIVIDUAL]
        _membership(tier, user, today=today, paid=name != "renewing", **dates)
        made += 1
    # An organisational membership: the first coordinator names colleagues.
    from institute.people.selectors import coordinated_organisations

    for coordinator in people:
        orgs = list(coordinated_organisations(user=coordinator)[:1])
        if orgs:
            org = orgs[0]
            Membership.objects.filter(holder=coordinator).delete()
            m = _membership(
                tiers[Tier.Kind.ORGANISATIONAL],
                coordinator,
                organisation=org,
                join=today - datetime.timedelta(days=900),
                start=today - datetime.timedelta(days=200),
                today=today,
            )
            colleague = f"colleague@{DOMAIN}"
            user, _ = User.objects.get_or_create(
                email=colleague,
                defaults={
                    "username": colleague,
                    "first_name": "Colleague",
                    "last_name": "Named",
                    "organisation": org,
                    "password": password,
                },
            )
            CoveredPerson.objects.get_or_create(
                membership=m, user=user, defaults={"added_at": timezone.now()}
            )
            break
    # The people room's large-scale people ("person00001@…") get theirs in ``_seed_large``.
    ids = set(
        User.objects.filter(email__endswith=f"@{DOMAIN}")
        .exclude(email__startswith="person")
        .values_list("pk", flat=True)
    )
    services.member_role_sync(user_ids=ids, day=today)
    return made


def _seed_voice(today):
    from institute.core.models import Topic

    people = list(
        User.objects.filter(
            memberships_held__status__in=[Status.CURRENT, Status.NEW], email__endswith=f"@{DOMAIN}"
        )
        .exclude(email__startswith="person")
        .order_by("pk")
        .distinct()[:8]
    )
    focuses = [
        "Events",
        "Resource hub",
        "Webinars",
        "Newsletter",
        "Academy",
        "Benchmarking",
        "Website",
        "Podcasts",
    ]
    for user, focus in zip(people, focuses, strict=False):
        if not VoiceSeat.objects.filter(user=user).exists():
            VoiceSeat.objects.create(user=user, focus=focus, joined_on=datetime.date(2023, 2, 1))
    if selectors.voice_drop_in_id() is None:
        year = today.year if today.month < 12 else today.year + 1
        first = timezone.make_aware(datetime.datetime(year, 1, 3, 12, 30))
        services.voice_drop_ins_sync(
            start=first,
            end=first + datetime.timedelta(hours=1),
            recurrence="FREQ=MONTHLY;BYDAY=1WE;COUNT=12",
        )
    if Feedback.objects.exists():
        return
    topics = {t.slug: t for t in Topic.objects.all()}
    author = people[0] if people else None
    for title, text, response, acted, slug in FEEDBACK:
        f = Feedback.objects.create(
            author=author,
            topic=topics.get(slug),
            text=text,
            submitted_at=timezone.make_aware(
                datetime.datetime.combine(acted - datetime.timedelta(days=30), datetime.time(10))
            ),
        )
        services.feedback_publish(feedback_id=f.pk, title=title, response=response, acted_on=acted)
    for text in WAITING:
        Feedback.objects.create(author=author, text=text, submitted_at=timezone.now())


def _seed_large(tiers, today, log):
    """20,000 members with five years of history — the people room's large-scale people and
    as many more accounts as it takes: each joined on a day of the last five years and
    renewed yearly; a share stopped renewing (grace, expired), a few cancelled."""
    from django.db.models import Q

    large_people = Q(email__startswith="person", email__endswith=f"@{DOMAIN}") | Q(
        email__endswith=f"@{LARGE_DOMAIN}"
    )
    existing = Membership.objects.filter(
        holder__in=User.objects.filter(large_people).values("pk")
    ).count()
    if existing >= LARGE_MEMBERS:
        log(f"{LARGE_MEMBERS} members at large scale (already there)")
        return
    password = make_password(None)
    have = set(
        User.objects.filter(email__endswith=f"@{LARGE_DOMAIN}").values_list("email", flat=True)
    )
    users = [
        User(
            username=f"m{n:05d}@{LARGE_DOMAIN}",
            email=f"m{n:05d}@{LARGE_DOMAIN}",
            first_name="Member",
            last_name=f"{n:05d}",
            password=password,
        )
        for n in range(
            max(
                0,
                LARGE_MEMBERS
                - User.objects.filter(large_people, email__startswith="person").count(),
            )
        )
        if f"m{n:05d}@{LARGE_DOMAIN}" not in have
    ]
    for start in range(0, len(users), 2000):
        User.objects.bulk_create(users[start : start + 2000])
    log(f"large: {len(users)} member accounts")
    tier = tiers[selectors.offered_year(day=today)][Tier.Kind.INDIVIDUAL]
    rows = list(
        User.objects.filter(large_people)
        .exclude(memberships_held__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(rows), 2000):
        batch = rows[start : start + 2000]
        memberships, history = [], []
        for i, pk in enumerate(batch, start=start):
            n = (i * 7919) % 1826  # join days spread over five years
            join = today - datetime.timedelta(days=n)
            years = n // 365
            stopped = i % 7 == 0  # one in seven stopped renewing a year ago
            renewals = max(0, years - (1 if stopped and years else 0))
            period_start = join + datetime.timedelta(days=365 * renewals)
            m = Membership(
                tier=tier,
                holder_id=pk,
                approval="approved",
                applied_at=timezone.make_aware(datetime.datetime.combine(join, datetime.time(9))),
                join_date=join,
                start_date=period_start,
                end_date=period_end_for(period_start),
                paid=True,
                paid_on=period_start,
                cancelled_on=today - datetime.timedelta(days=10) if i % 97 == 0 else None,
            )
            m.grace_end = grace_end_for(m.end_date)
            m.status = status_on(m, today)
            memberships.append((m, join, renewals))
        Membership.objects.bulk_create([m for m, _, _ in memberships])
        now = timezone.now()
        for m, join, renewals in memberships:
            history.append(
                StatusChange(membership=m, to_status=Status.NEW, on=join, recorded_at=now)
            )
            history.append(
                StatusChange(
                    membership=m,
                    from_status=Status.NEW,
                    to_status=Status.CURRENT,
                    on=join + datetime.timedelta(days=91),
                    recorded_at=now,
                )
            )
            for r in range(1, renewals + 1):
                history.append(
                    StatusChange(
                        membership=m,
                        from_status=Status.CURRENT,
                        to_status=Status.CURRENT,
                        on=join + datetime.timedelta(days=365 * r),
                        recorded_at=now,
                        note="Renewed",
                    )
                )
            if m.status != Status.CURRENT:
                history.append(
                    StatusChange(
                        membership=m,
                        from_status=Status.CURRENT,
                        to_status=m.status,
                        on=today,
                        recorded_at=now,
                    )
                )
        StatusChange.objects.bulk_create(history, batch_size=5000)
        services.member_role_sync(user_ids=batch, day=today)
        log(f"large: memberships {min(start + 2000, len(rows))} of {len(rows)}")


# Samples for the authorisation walk and the fuzz test -------------------------------------


def sample_membership():
    tier = Tier.objects.get_or_create(
        year=2024,
        kind=Tier.Kind.INDIVIDUAL,
        defaults={"name": "Individual", "price": Decimal("195")},
    )[0]
    m = Membership.objects.filter(tier=tier).first()
    if m is None:
        email = f"sample.member@{DOMAIN}"
        user = User.objects.get_or_create(email=email, defaults={"username": email})[0]
        m = services.membership_apply(user=user, tier=tier, day=datetime.date(2024, 1, 10))
    return m


def sample_feedback(published=True):
    state = Feedback.State.PUBLISHED if published else Feedback.State.SUBMITTED
    f = Feedback.objects.filter(state=state).first()
    if f is None:
        f = Feedback.objects.create(
            text="The alumni event should be online.", submitted_at=timezone.now()
        )
        if published:
            f = services.feedback_publish(
                feedback_id=f.pk,
                title="The December alumni event turned virtual",
                response="We made it virtual.",
                acted_on=datetime.date(2023, 10, 16),
            )
    return f
