"""Demo programmes from the society's 2023 year in review, and the small samples the
authorisation walk and the tests build on.

2023: the Leadership Academy's programmes and workshops — Top Talent and Empowering Women
(the very first Northern Ireland cohort among them), the place-based leadership pilot,
Change Agent with Microsoft (free, over two or five days, for more than 500 officers), the
new Equality, Diversity & Inclusion workshops and the three-hour workshops — and "more than
600" new alumni (certificates, bulk-inserted). Upcoming: the next Top Talent cohort in Essex
on 24 and 25 June, Empowering Women in Northern Ireland, Change Agent and workshops.
``--scale large`` adds 25 years of alumni. Each programme has a drawn illustration
(``core.demo_images``) with its alt text. Idempotent: pages by slug, alumni once.
"""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.utils import timezone

from institute.core import demo_images
from institute.core.demo import child_page, ensure_home
from institute.core.models import Topic
from institute.people.models import Organisation, User

from . import services
from .models import (
    AcademyIndexPage,
    AlumniProfile,
    Application,
    Certificate,
    CohortPage,
    CohortSession,
    ProgrammePage,
)
from .models.certificates import new_code

LONDON = ZoneInfo("Europe/London")
ALUMNI_2023 = 612  # "Our alumni numbers increased by more than 600!"


def _at(year, month, day, hour=9, minute=30):
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def ensure_index(home=None) -> AcademyIndexPage:
    return child_page(
        home or ensure_home(),
        AcademyIndexPage,
        "academy",
        title="Leadership Academy",
        summary="Programmes and workshops that give confidence, develop talent and provide "
        "the skills essential to exercise effective contemporary leadership.",
        intro="<p>Our unique set of Leadership Academy programmes and workshops, including "
        "cyber leadership, gives confidence, develops talent and provides the skills "
        "essential to exercise effective contemporary leadership.</p>",
    )


def _topics(*slugs):
    return list(Topic.objects.filter(slug__in=slugs))


def _microsoft():
    return Organisation.objects.filter(name__icontains="microsoft").first()


PROGRAMMES = [
    {
        "slug": "top-talent",
        "title": "Top Talent",
        "form": "programme",
        "summary": "Our development programme for the sector's rising digital leaders, now "
        "with one-on-one coaching for every participant.",
        "audience": "Officers in local public services who are ready for their next "
        "leadership role.",
        "outcomes": "<ul><li>Confidence to lead change</li><li>A personal development plan, "
        "shaped in one-on-one coaching</li><li>A network of peers across the sector</li></ul>",
        "format_description": "Two days together in person, then one-on-one coaching "
        "sessions to discuss, reflect and come up with meaningful actions.",
        "duration": "Two days, with coaching",
        "member_price": 1200,
        "non_member_price": 1800,
        "sessions_to_complete": 1,
        "topics": ("leadership",),
        "motif": "bars",
    },
    {
        "slug": "empowering-women",
        "title": "Empowering Women",
        "form": "programme",
        "summary": "A leadership programme for women in public-sector digital, data and "
        "technology — in England, Scotland, Wales and Northern Ireland.",
        "audience": "Women at any grade in local public services who want to grow as leaders.",
        "outcomes": "<ul><li>Preparing for public speaking and presenting at meetings</li>"
        "<li>Documenting your success in blogs and videos</li>"
        "<li>One-on-one coaching</li></ul>",
        "format_description": "Three sessions over three months, with one-on-one coaching.",
        "duration": "Three months",
        "member_price": 950,
        "non_member_price": 1450,
        "sessions_to_complete": 2,
        "topics": ("leadership", "edi"),
        "motif": "waves",
    },
    {
        "slug": "place-based-leadership",
        "title": "Place-based leadership pilot",
        "form": "programme",
        "summary": "A place-based leadership pilot, tested with and approved by members.",
        "audience": "Leaders working with partners across a place: councils, health, police "
        "and the voluntary sector.",
        "outcomes": "<ul><li>Leading across organisational boundaries</li>"
        "<li>Using data about a place to target resources</li></ul>",
        "format_description": "Two workshops in the place itself.",
        "duration": "Two days",
        "member_price": 600,
        "non_member_price": 900,
        "sessions_to_complete": 2,
        "topics": ("place-based", "leadership"),
        "motif": "waves",
    },
    {
        "slug": "change-agent-two-day",
        "title": "Change Agent: two-day course",
        "form": "course",
        "summary": "Free digital skills training with Microsoft for local government officers "
        "from junior to senior grades, over two days.",
        "audience": "Local government officers at junior through to senior grades.",
        "outcomes": "<ul><li>Improved digital skills</li><li>Confidence to lead digital "
        "change in your team</li></ul>",
        "format_description": "Online, two days.",
        "duration": "Two days",
        "cost_note": "Free, with our partner Microsoft",
        "sessions_to_complete": 1,
        "topics": ("digital-skills",),
        "motif": "network",
        "sponsored": True,
    },
    {
        "slug": "change-agent-five-day",
        "title": "Change Agent: five-day course",
        "form": "course",
        "summary": "Free digital skills training with Microsoft for local government officers "
        "from junior to senior grades, over five days.",
        "audience": "Local government officers at junior through to senior grades.",
        "outcomes": "<ul><li>Improved digital skills</li><li>A change project of your own"
        "</li></ul>",
        "format_description": "Online, five days.",
        "duration": "Five days",
        "cost_note": "Free, with our partner Microsoft",
        "sessions_to_complete": 1,
        "topics": ("digital-skills",),
        "motif": "network",
        "sponsored": True,
    },
    {
        "slug": "edi-workshops",
        "title": "Equality, Diversity & Inclusion workshops",
        "form": "workshop",
        "summary": "Our Equality, Diversity & Inclusion workshops, launched in 2023.",
        "audience": "Everyone who leads or works in a team.",
        "format_description": "A three-hour online workshop.",
        "duration": "Three hours",
        "member_price": 75,
        "non_member_price": 150,
        "sessions_to_complete": 1,
        "topics": ("edi",),
        "motif": "tiles",
    },
    {
        "slug": "emotional-intelligence",
        "title": "Introduction to Emotional Intelligence",
        "form": "workshop",
        "summary": "A short (three-hour) Leadership Academy workshop.",
        "audience": "Managers and aspiring managers.",
        "format_description": "A three-hour online workshop.",
        "duration": "Three hours",
        "member_price": 75,
        "non_member_price": 150,
        "sessions_to_complete": 1,
        "topics": ("leadership",),
        "motif": "tiles",
    },
    {
        "slug": "effective-coach",
        "title": "How to Be an Effective Coach",
        "form": "workshop",
        "summary": "A short (three-hour) Leadership Academy workshop.",
        "audience": "Managers who coach their teams, and mentors.",
        "format_description": "A three-hour online workshop.",
        "duration": "Three hours",
        "member_price": 75,
        "non_member_price": 150,
        "sessions_to_complete": 1,
        "topics": ("leadership",),
        "motif": "bars",
    },
    {
        "slug": "remote-teams",
        "title": "Managing and Motivating Remote Teams",
        "form": "workshop",
        "summary": "A short (three-hour) Leadership Academy workshop.",
        "audience": "Managers of remote and hybrid teams.",
        "format_description": "A three-hour online workshop.",
        "duration": "Three hours",
        "member_price": 75,
        "non_member_price": 150,
        "sessions_to_complete": 1,
        "topics": ("leadership",),
        "motif": "network",
    },
]
HOW_TO_APPLY = (
    "<p>Choose a cohort above and apply online with a short supporting statement. Your line "
    "manager must agree to your taking part. We e-mail you when we have decided.</p>"
)


def _programme(index, spec):
    spec = dict(spec)
    topics = _topics(*spec.pop("topics", ()))
    sponsored = spec.pop("sponsored", False)
    slug = spec.pop("slug")
    image = demo_images.illustration(f"programme {slug}", motif=spec.pop("motif"))
    page = child_page(
        index,
        ProgrammePage,
        slug,
        how_to_apply=HOW_TO_APPLY,
        sponsor=_microsoft() if sponsored else None,
        image=image,
        image_alt=image.description,
        **spec,
    )
    if page.image_id is None:  # seeded before programmes had pictures
        ProgrammePage.objects.filter(pk=page.pk).update(image=image, image_alt=image.description)
        page.image, page.image_alt = image, image.description
    if topics and not page.topics.exists():
        page.topics.set(topics)
        page.save()
    return page


def _cohort(programme, slug, title, sessions, **fields):
    page = programme.get_children().filter(slug=slug).specific().first()
    if page is None:
        now = timezone.now()
        page = programme.add_child(
            instance=CohortPage(
                slug=slug,
                title=title,
                first_published_at=now,
                last_published_at=now,
                sessions=[CohortSession(title=t, start=s, end=e) for t, s, e in sessions],
                **fields,
            )
        )
    services.cohort_sessions_sync(cohort=page)
    return CohortPage.objects.get(pk=page.pk)  # with the dates the sync wrote


def _day(title, start, *, days=1, hours=7):
    return (title, start, start + dt.timedelta(days=days - 1, hours=hours))


def _workshop(start):
    return [("Workshop", start, start + dt.timedelta(hours=3))]


def seed_programmes(index, log):
    programmes = {spec["slug"]: _programme(index, spec) for spec in PROGRAMMES}
    cohorts = []
    p = programmes
    # 2023, as the year in review tells it.
    cohorts.append(
        _cohort(
            p["top-talent"],
            "2023-london",
            "London 2023",
            [_day("Two days together", _at(2023, 3, 14), days=2)],
            region="london",
            format="in-person",
            venue="London",
            capacity=24,
        )
    )
    for slug, title, region, venue, start in [
        ("2023-birmingham", "Birmingham 2023", "west-midlands", "Birmingham", _at(2023, 4, 18)),
        ("2023-belfast", "Northern Ireland 2023", "northern-ireland", "Belfast", _at(2023, 9, 12)),
    ]:
        cohorts.append(
            _cohort(
                p["empowering-women"],
                slug,
                title,
                [_day(f"Session {n + 1}", start + dt.timedelta(days=28 * n)) for n in range(3)],
                region=region,
                format="in-person",
                venue=venue,
                capacity=20,
            )
        )
    cohorts.append(
        _cohort(
            p["place-based-leadership"],
            "2023-pilot",
            "Pilot 2023",
            [_day("Workshop 1", _at(2023, 10, 10)), _day("Workshop 2", _at(2023, 11, 7))],
            region="north-west",
            format="in-person",
            venue="Manchester",
            capacity=16,
        )
    )
    for n in range(8):
        days = 2 if n % 2 == 0 else 5
        start = _at(2023, 2 + n, 6 + n)
        cohorts.append(
            _cohort(
                p[f"change-agent-{'two' if days == 2 else 'five'}-day"],
                f"2023-{n + 1}",
                f"Cohort {n + 1}, 2023",
                [_day(f"{days} days online", start, days=days)],
                region="national",
                format="virtual",
                capacity=70,
            )
        )
    for n, slug in enumerate(
        ["emotional-intelligence", "effective-coach", "remote-teams", "edi-workshops"]
    ):
        cohorts.append(
            _cohort(
                p[slug],
                "2023",
                "2023 workshop",
                _workshop(_at(2023, 2 + n * 2, 9)),
                region="national",
                format="virtual",
                capacity=25,
            )
        )
    # Upcoming: the next Top Talent cohort in Essex on 24 and 25 June, and more.
    today = timezone.localdate()
    june = today.year + (1 if (today.month, today.day) >= (6, 24) else 0)
    soon = _at(today.year, today.month, today.day) + dt.timedelta(days=20)
    cohorts.append(
        _cohort(
            p["top-talent"],
            f"essex-{june}",
            f"Essex {june}",
            [_day("Two days together", _at(june, 6, 24), days=2)],
            region="east-of-england",
            format="in-person",
            venue="Essex",
            capacity=24,
        )
    )
    autumn = _at(today.year + (1 if today.month >= 9 else 0), 9, 15)
    cohorts.append(
        _cohort(
            p["empowering-women"],
            f"northern-ireland-{autumn.year}",
            f"Northern Ireland {autumn.year}",
            [_day(f"Session {n + 1}", autumn + dt.timedelta(days=28 * n)) for n in range(3)],
            region="northern-ireland",
            format="in-person",
            venue="Belfast",
            capacity=20,
        )
    )
    cohorts.append(
        _cohort(
            p["change-agent-two-day"],
            f"{soon:%Y-%m}",
            f"Cohort {soon:%B %Y}",
            [_day("2 days online", soon + dt.timedelta(days=10), days=2)],
            region="national",
            format="virtual",
            capacity=70,
        )
    )
    cohorts.append(
        _cohort(
            p["edi-workshops"],
            f"{soon:%Y-%m}",
            f"Workshop {soon:%B %Y}",
            _workshop(soon),
            region="north-west",
            format="virtual",
            capacity=20,
        )
    )
    log(f"academy: {len(programmes)} programmes, {len(cohorts)} cohorts")
    return programmes, cohorts


def _demo_members():
    return list(User.objects.filter(email__endswith="@demo.institute.example").order_by("pk")[:700])


def seed_alumni(programmes, cohorts, log, *, rng, scale):
    if Certificate.objects.filter(issued_at__year=2023).exists():
        return
    members = _demo_members()
    if not members:
        log("academy: no demo members, so no alumni")
        return
    past = [c for c in cohorts if c.starts_on and c.starts_on.year == 2023]
    parent = {c.pk: c.get_parent().pk for c in past}
    # Change Agent brought more than 500 of the 600-plus.
    weights = [(c, 60 if "change-agent" in c.get_parent().slug else 12) for c in past]
    population = [c for c, w in weights for _ in range(w)]
    certificates = []
    for n in range(ALUMNI_2023):
        cohort = population[n % len(population)]
        user = members[n % len(members)]
        salt = f"{rng.getrandbits(64):016x}"
        issued = timezone.make_aware(
            dt.datetime.combine(cohort.ends_on or cohort.starts_on, dt.time(17)), LONDON
        )
        certificates.append(
            Certificate(
                code=new_code(),
                user=user,
                programme_id=parent[cohort.pk],
                cohort=cohort,
                recipient_name=user.get_full_name() or user.email,
                recipient_identity=services.recipient_identity(email=user.email, salt=salt),
                salt=salt,
                region=cohort.region,
                issued_at=issued,
            )
        )
    Certificate.objects.bulk_create(certificates, batch_size=500)
    topics = list(Topic.objects.all())
    listed = {c.user_id: c for c in certificates[::5]}
    profiles = [
        AlumniProfile(
            user_id=user_id,
            listed=True,
            region=c.region if c.region != "national" else rng.choice(["london", "north-west"]),
            job_title=rng.choice(["Head of Digital", "Service Manager", "ICT Manager", "CIO"]),
        )
        for user_id, c in listed.items()
    ]
    AlumniProfile.objects.bulk_create(profiles, ignore_conflicts=True)
    if topics:
        through = AlumniProfile.topics.through
        rows = [
            through(alumniprofile_id=p.pk, topic_id=rng.choice(topics).pk)
            for p in AlumniProfile.objects.filter(user_id__in=list(listed))
        ]
        through.objects.bulk_create(rows, ignore_conflicts=True)
    log(f"academy: {len(certificates)} alumni of 2023, {len(profiles)} in the directory")
    # Applications to the next Top Talent cohort in Essex.
    essex = next(c for c in cohorts if c.slug.startswith("essex-"))
    if not Application.objects.filter(cohort=essex).exists():
        now = timezone.now()
        Application.objects.bulk_create(
            [
                Application(
                    cohort=essex,
                    user=user,
                    status=Application.Status.ACCEPTED if i < 10 else Application.Status.SUBMITTED,
                    statement="I want to lead my council's digital change with confidence.",
                    manager_agreed=True,
                    manager_name="Alex Manager",
                    manager_email="manager@demo.institute.example",
                    created_at=now - dt.timedelta(days=30 - i),
                    decided_at=now if i < 10 else None,
                )
                for i, user in enumerate(members[-14:])
            ]
        )


def _seed_large_alumni(programmes, members, rng, log):
    """Twenty-five years of alumni: 20,000 certificates across the programmes (once)."""
    if Certificate.objects.filter(issued_at__year__lt=2023).exists():
        return
    ids = [p.pk for p in programmes.values()]
    rows = []
    for n in range(20_000):
        user = members[n % len(members)]
        salt = f"{rng.getrandbits(64):016x}"
        year = 1999 + n % 24
        rows.append(
            Certificate(
                code=new_code(),
                user=user,
                programme_id=ids[n % len(ids)],
                recipient_name=user.get_full_name() or user.email,
                recipient_identity=services.recipient_identity(email=user.email, salt=salt),
                salt=salt,
                issued_at=dt.datetime(year, 1 + n % 12, 1 + n % 28, 17, tzinfo=dt.UTC),
            )
        )
    Certificate.objects.bulk_create(rows, batch_size=1000)
    log(f"academy: {len(rows)} alumni of earlier years")


def seed(*, scale, log):
    rng = random.Random(2023)
    index = ensure_index()
    programmes, cohorts = seed_programmes(index, log)
    seed_alumni(programmes, cohorts, log, rng=rng, scale=scale)
    members = _demo_members()
    if scale == "large" and members:
        _seed_large_alumni(programmes, members, rng, log)


# Samples for the authorisation walk and the tests -----------------------------------------


def sample_cohort() -> CohortPage:
    """An open cohort a month from now, with two sessions."""
    index = ensure_index()
    programme = child_page(
        index,
        ProgrammePage,
        "sample-programme",
        title="Sample programme",
        summary="A sample.",
        sessions_to_complete=1,
    )
    start = timezone.now().replace(microsecond=0, second=0) + dt.timedelta(days=30)
    return _cohort(
        programme,
        "sample-cohort",
        "Sample cohort",
        [
            ("Day 1", start, start + dt.timedelta(hours=6)),
            ("Day 2", start + dt.timedelta(days=1), start + dt.timedelta(days=1, hours=6)),
        ],
        capacity=10,
    )


def sample_application() -> Application:
    cohort = sample_cohort()
    user = User.objects.get_or_create(
        username="sample-applicant", defaults={"email": "sample-applicant@example.org"}
    )[0]
    return Application.objects.get_or_create(
        cohort=cohort,
        user=user,
        defaults={
            "statement": "A statement.",
            "manager_agreed": True,
            "manager_name": "A Manager",
            "manager_email": "manager@example.org",
            "created_at": timezone.now(),
        },
    )[0]


def sample_certificate() -> Certificate:
    application = sample_application()
    return services.certificate_issue(application=application)
