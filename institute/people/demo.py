"""Demo organisations and people from the seed year-in-review."""

from django.utils.text import slugify

from .models import Organisation, Region, User

ORGANISATIONS = [
    ("London Borough of Hounslow", Organisation.Type.COUNCIL, Region.LONDON),
    ("London Borough of Barnet", Organisation.Type.COUNCIL, Region.LONDON),
    ("Brighton & Hove City Council", Organisation.Type.COUNCIL, Region.SOUTH_EAST),
    ("Norfolk County Council", Organisation.Type.COUNCIL, Region.EAST),
    ("Essex County Council", Organisation.Type.COUNCIL, Region.EAST),
    ("Cardiff Council", Organisation.Type.COUNCIL, Region.WALES),
    ("Birmingham City Council", Organisation.Type.COUNCIL, Region.WEST_MIDLANDS),
    (
        "Greater Manchester Combined Authority",
        Organisation.Type.COMBINED_AUTHORITY,
        Region.NORTH_WEST,
    ),
    ("West Northamptonshire Council", Organisation.Type.COUNCIL, Region.EAST_MIDLANDS),
    ("Belfast City Council", Organisation.Type.COUNCIL, Region.NORTHERN_IRELAND),
    ("Microsoft", Organisation.Type.PARTNER, Region.NATIONAL),
    ("AWS", Organisation.Type.PARTNER, Region.NATIONAL),
]

PEOPLE = [
    ("Mark", "Lumley", "Director of digital & IT", "London Borough of Hounslow"),
    ("Yogita", "Popat", "Assistant director for sustainability", "London Borough of Barnet"),
]


def seed(*, scale, log):
    for name, org_type, region in ORGANISATIONS:
        Organisation.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "type": org_type, "region": region}
        )
    log(f"{len(ORGANISATIONS)} organisations")
    for first, last, job, org in PEOPLE:
        email = f"{first}.{last}@demo.institute.example".lower()
        User.objects.get_or_create(
            email=email,
            defaults={
                "username": email,
                "first_name": first,
                "last_name": last,
                "job_title": job,
                "organisation": Organisation.objects.get(name=org),
            },
        )
    log(f"{len(PEOPLE)} people")
