"""Demo organisations and people from the seed year-in-review.

Every demo person has an address at ``demo.institute.example``, a verified e-mail and the
password ``DEMO_PASSWORD`` (printed by ``seed_demo``). Idempotent: only what is missing is
added. ``--scale large`` adds 400 organisations and 5,000 people in bulk for benchmarks.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils.text import slugify

from institute.core.models import Topic

from . import roles, services
from .consent import WORDING
from .models import Consent, Organisation, OrganisationRole, Region, User

DEMO_DOMAIN = "demo.institute.example"
DEMO_PASSWORD = "demo-institute-2023"  # noqa: S105 — demo accounts only, printed on purpose

Type = Organisation.Type

ORGANISATIONS = [
    ("London Borough of Hounslow", Type.COUNCIL, Region.LONDON),
    ("London Borough of Barnet", Type.COUNCIL, Region.LONDON),
    ("Brighton & Hove City Council", Type.COUNCIL, Region.SOUTH_EAST),
    ("Norfolk County Council", Type.COUNCIL, Region.EAST),
    ("Essex County Council", Type.COUNCIL, Region.EAST),
    ("Cardiff Council", Type.COUNCIL, Region.WALES),
    ("Birmingham City Council", Type.COUNCIL, Region.WEST_MIDLANDS),
    ("Greater Manchester Combined Authority", Type.COMBINED_AUTHORITY, Region.NORTH_WEST),
    ("West Northamptonshire Council", Type.COUNCIL, Region.EAST_MIDLANDS),
    ("Belfast City Council", Type.COUNCIL, Region.NORTHERN_IRELAND),
    ("NHS Sussex Integrated Care Board", Type.HEALTH, Region.SOUTH_EAST),
    ("West Midlands Fire Service", Type.POLICE_FIRE, Region.WEST_MIDLANDS),
    ("Central Digital and Data Office", Type.CENTRAL_GOVERNMENT, Region.NATIONAL),
    ("Major Cities of Europe", Type.OTHER, Region.INTERNATIONAL),
    ("Microsoft", Type.PARTNER, Region.NATIONAL),
    ("AWS", Type.PARTNER, Region.NATIONAL),
]

# (first, last, job title, organisation, roles, organisation roles, topics)
COORDINATOR = OrganisationRole.Role.COORDINATOR
PARTNER_CONTACT = OrganisationRole.Role.PARTNER_CONTACT
PEOPLE = [
    # The president and vice-president elected in 2023.
    ("Mark", "Lumley", "Director of digital & IT", "London Borough of Hounslow",
     [roles.MEMBER], [COORDINATOR], ["leadership", "cyber"]),
    ("Yogita", "Popat", "Assistant director for sustainability", "London Borough of Barnet",
     [roles.MEMBER], [COORDINATOR], ["sustainability", "leadership"]),
    # Organisation coordinators of member councils and authorities.
    ("Priya", "Shah", "Head of digital services", "Brighton & Hove City Council",
     [roles.MEMBER], [COORDINATOR], ["data", "connected-places"]),
    ("Tom", "Hughes", "Chief information officer", "Norfolk County Council",
     [roles.MEMBER], [COORDINATOR], ["benchmarking", "data"]),
    ("Grace", "Adeyemi", "Head of ICT", "Essex County Council",
     [roles.MEMBER], [COORDINATOR], ["ai", "digital-skills"]),
    ("Rhys", "Morgan", "Head of digital", "Cardiff Council",
     [roles.MEMBER], [COORDINATOR], ["edi", "resilience"]),
    ("Aisha", "Begum", "Director of technology", "Birmingham City Council",
     [roles.MEMBER], [COORDINATOR], ["cyber", "resilience"]),
    ("Daniel", "Walsh", "Chief digital officer", "Greater Manchester Combined Authority",
     [roles.MEMBER], [COORDINATOR], ["place-based", "connected-places"]),
    ("Claire", "Robinson", "Head of ICT", "West Northamptonshire Council",
     [roles.MEMBER], [COORDINATOR], ["benchmarking", "recruitment"]),
    ("Siobhan", "Kelly", "Head of digital transformation", "Belfast City Council",
     [roles.MEMBER], [COORDINATOR], ["leadership", "edi"]),
    # Partner contacts.
    ("Sam", "Taylor", "Public sector partnerships lead", "Microsoft",
     [roles.MEMBER], [PARTNER_CONTACT], ["digital-skills", "ai"]),
    ("Alex", "Morgan", "Local government account director", "AWS",
     [roles.MEMBER], [PARTNER_CONTACT], ["digital-skills", "data"]),
    # Coaches of the Leadership Academy.
    ("Helen", "Carter", "Executive coach", None, [roles.MEMBER, roles.COACH], [], ["leadership"]),
    ("David", "Okafor", "Leadership coach", None, [roles.MEMBER, roles.COACH], [], ["edi"]),
    ("Ruth", "Evans", "Coach and facilitator", None,
     [roles.MEMBER, roles.COACH], [], ["place-based"]),
    # The society's staff.
    ("Emma", "Clarke", "Content editor", None, [roles.STAFF_EDITOR], [], ["digital-skills"]),
    ("Oliver", "Bennett", "Head of operations", None, [roles.STAFF_ADMIN], [], []),
]  # fmt: skip


def demo_email(first, last):
    return f"{slugify(first)}.{slugify(last)}@{DEMO_DOMAIN}"


def seed(*, scale, log):
    services.roles_sync()
    organisations = _seed_organisations(ORGANISATIONS)
    log(f"{len(ORGANISATIONS)} organisations")
    created = _seed_people(organisations)
    log(f"{len(PEOPLE)} people ({created} new); every demo account's password: {DEMO_PASSWORD}")
    if scale == "large":
        _seed_large(log)


def _seed_organisations(rows):
    existing = {
        o.slug: o for o in Organisation.objects.filter(slug__in=[slugify(r[0]) for r in rows])
    }
    missing = [
        Organisation(name=name, slug=slugify(name), type=org_type, region=region)
        for name, org_type, region in rows
        if slugify(name) not in existing
    ]
    Organisation.objects.bulk_create(missing)
    return {o.name: o for o in Organisation.objects.filter(slug__in=[slugify(r[0]) for r in rows])}


def _seed_people(organisations):
    groups = {g.name: g for g in Group.objects.filter(name__in=roles.ROLES)}
    topics = {t.slug: t for t in Topic.objects.all()}
    password = make_password(DEMO_PASSWORD)
    created = 0
    for first, last, job, org_name, group_names, org_roles, topic_slugs in PEOPLE:
        email = demo_email(first, last)
        organisation = organisations.get(org_name)
        user, was_created = User.objects.get_or_create(
            email=email,
            defaults={
                "username": email,
                "first_name": first,
                "last_name": last,
                "job_title": job,
                "organisation": organisation,
                "password": password,
            },
        )
        if not was_created:
            continue
        created += 1
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        user.groups.add(*[groups[name] for name in group_names])
        user.topics.add(*[topics[slug] for slug in topic_slugs if slug in topics])
        for role in org_roles:
            services.organisation_role_grant(user=user, organisation=organisation, role=role)
        for purpose in (Consent.Purpose.NEWSLETTER, Consent.Purpose.EVENT_REMINDERS):
            services.consent_record(user=user, purpose=purpose, given=True)
    return created


# --- Large scale: volumes for the benchmarks ------------------------------------------------
LARGE_ORGANISATIONS = 500
LARGE_PEOPLE = 5000
PLACES = [
    "Ashford", "Barrow", "Bedford", "Blackpool", "Bolton", "Bradford", "Bristol", "Bury",
    "Cambridge", "Carlisle", "Chester", "Colchester", "Coventry", "Derby", "Dover", "Dudley",
    "Durham", "Exeter", "Gateshead", "Gloucester", "Halifax", "Harrogate", "Hull", "Ipswich",
    "Kendal", "Lancaster", "Leeds", "Leicester", "Lincoln", "Luton", "Newport", "Norwich",
    "Oldham", "Oxford", "Perth", "Plymouth", "Preston", "Reading", "Salford", "Sheffield",
    "Stirling", "Swansea", "Telford", "Truro", "Wakefield", "Wigan", "Worcester", "York",
]  # fmt: skip
# What an organisation of each type is called after its place.
KINDS = {
    Type.COUNCIL: "Borough Council",
    Type.COMBINED_AUTHORITY: "Combined Authority",
    Type.HEALTH: "NHS Trust",
    Type.POLICE_FIRE: "Fire and Rescue Service",
    Type.CENTRAL_GOVERNMENT: "Government Digital Hub",
    Type.PARTNER: "Digital Ltd",
    Type.OTHER: "Community Foundation",
}
QUARTERS = ["", "North ", "South ", "East ", "West "]
FIRST_NAMES = [
    "Amina", "Ben", "Chloe", "Dev", "Ella", "Farid", "Gemma", "Harry", "Isla", "Jack", "Kiran",
    "Lucy", "Mo", "Nadia", "Owen", "Pooja", "Quentin", "Rosa", "Sanjay", "Tara", "Umar",
    "Vicky", "Will", "Xin", "Yusuf", "Zara",
]  # fmt: skip
LAST_NAMES = [
    "Ahmed", "Brown", "Campbell", "Davies", "Edwards", "Fraser", "Green", "Hussain", "Iqbal",
    "Jones", "Khan", "Lewis", "Murphy", "Nolan", "O'Neill", "Patel", "Quinn", "Roberts",
    "Singh", "Thomas", "Usman", "Vaughan", "Williams", "Young",
]  # fmt: skip
JOB_TITLES = [
    "Head of digital", "ICT manager", "Service designer", "Data analyst",
    "Chief information officer", "Cyber security lead", "Enterprise architect",
    "Product manager", "Digital inclusion officer",
]  # fmt: skip


def _large_organisation_rows():
    """Every type in every region (the first 98 rows cover all pairs), with unique names."""
    types, regions = list(KINDS), Region.values
    for n in range(LARGE_ORGANISATIONS):
        org_type = types[n % len(types)]
        region = regions[(n // len(types)) % len(regions)]
        # PLACES and types are coprime in length, so (place, type) repeats only after their
        # product; a quarter of the town tells the repeats apart.
        quarter = QUARTERS[n // (len(PLACES) * len(types)) % len(QUARTERS)]
        yield f"{quarter}{PLACES[n % len(PLACES)]} {KINDS[org_type]}", org_type, region


def _seed_large(log):
    organisations = list(_seed_organisations(list(_large_organisation_rows())).values())
    log(f"{len(organisations)} organisations at large scale")

    existing = set(
        User.objects.filter(
            email__startswith="person", email__endswith=f"@{DEMO_DOMAIN}"
        ).values_list("email", flat=True)
    )
    password = make_password(DEMO_PASSWORD)
    new_people = []
    for n in range(LARGE_PEOPLE):
        email = f"person{n:05d}@{DEMO_DOMAIN}"
        if email in existing:
            continue
        new_people.append(
            User(
                username=email,
                email=email,
                first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
                last_name=LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)],
                job_title=JOB_TITLES[n % len(JOB_TITLES)],
                organisation=organisations[n % len(organisations)],
                password=password,
            )
        )
    for start in range(0, len(new_people), 1000):
        User.objects.bulk_create(new_people[start : start + 1000])
        log(f"people: {min(start + 1000, len(new_people))} of {len(new_people)} new")
    if not new_people:
        log(f"{LARGE_PEOPLE} people at large scale (already there)")
        return
    _attach_large_people([u.email for u in new_people])


def _attach_large_people(emails):
    """Verified addresses, Member group, two topics and newsletter consent, all in bulk;
    the first person of each organisation is its coordinator (partner contact at a partner)."""
    rows = list(
        User.objects.filter(email__in=emails)
        .order_by("pk")
        .values_list("pk", "email", "organisation_id", "organisation__type")
    )
    people = [(pk, email) for pk, email, _, _ in rows]
    _grant_large_organisation_roles(rows)
    member = Group.objects.get(name=roles.MEMBER)
    topics = list(Topic.objects.values_list("pk", flat=True))
    wording = WORDING[Consent.Purpose.NEWSLETTER]
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email, verified=True, primary=True)
            for pk, email in people
        ],
        batch_size=1000,
    )
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=pk, group_id=member.pk) for pk, _ in people],
        batch_size=1000,
    )
    if topics:
        User.topics.through.objects.bulk_create(
            [
                User.topics.through(user_id=pk, topic_id=topics[(i + k) % len(topics)])
                for i, (pk, _) in enumerate(people)
                for k in (0, 3)
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
    Consent.objects.bulk_create(
        [
            Consent(
                user_id=pk,
                purpose=Consent.Purpose.NEWSLETTER,
                given=True,
                wording_version=wording.version,
                wording=wording.text,
            )
            for i, (pk, _) in enumerate(people)
            if i % 2 == 0
        ],
        batch_size=1000,
    )


def _grant_large_organisation_roles(rows):
    first_of = {}
    for pk, _, organisation_id, org_type in rows:
        first_of.setdefault(organisation_id, (pk, org_type))
    grants = [
        OrganisationRole(
            user_id=pk,
            organisation_id=organisation_id,
            role=PARTNER_CONTACT if org_type == Type.PARTNER else COORDINATOR,
        )
        for organisation_id, (pk, org_type) in first_of.items()
        if organisation_id is not None
    ]
    OrganisationRole.objects.bulk_create(grants, batch_size=1000, ignore_conflicts=True)
    groups = {
        g.name: g for g in Group.objects.filter(name__in=roles.ORGANISATION_ROLE_GROUPS.values())
    }
    User.groups.through.objects.bulk_create(
        [
            User.groups.through(
                user_id=grant.user_id,
                group_id=groups[roles.ORGANISATION_ROLE_GROUPS[grant.role]].pk,
            )
            for grant in grants
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
