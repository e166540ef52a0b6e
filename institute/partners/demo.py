"""Demo partners: the year-in-review's 54 partners in 2023, 16 of them new that year, at
three levels, with wordmark logos for the strategic and premier ones, topics, and places
reserved at the events Microsoft and AWS sponsor. Idempotent: existing partners are kept.

Names come from the review where it gives them (Microsoft, AWS, Impera); the others are
invented (no real company is meant)."""

import datetime as dt
import io
import random

from institute.core.models import Topic
from institute.events import selectors as calendar
from institute.people.models import Organisation

from .models import Partner
from .services import allocation_set

STRATEGIC, PREMIER, SUPPORTING = Partner.Level.values

# (name, level, started, ended, topics, description)
NAMED = [
    (
        "Microsoft",
        STRATEGIC,
        dt.date(2019, 4, 1),
        ["digital-skills", "ai"],
        "Free two- and five-day digital skills training for local government officers at "
        "every grade; more than 500 took part in 2023.",
    ),
    (
        "AWS",
        STRATEGIC,
        dt.date(2020, 9, 1),
        ["cyber", "data"],
        "Cloud services for the public sector; sponsors webinars on cyber resilience and data.",
    ),
    (
        "Impera",
        PREMIER,
        dt.date(2023, 10, 2),
        ["data"],
        "Turning insight into action: with the society, a resource to understand the "
        "wellbeing of communities and target resources where they are most needed.",
    ),
]
FIRST = ["North", "Civic", "Harbour", "Meridian", "Kestrel", "Beacon", "Granite", "Willow"]
SECOND = ["Digital", "Data", "Systems", "Cloud", "Networks", "Analytics", "Labs"]
ALREADY_ENDED = 3  # partnerships that ended in 2022: not counted in 2023
TOTAL_2023 = 54
NEW_2023 = 16
ENDED_IN_2023 = 2  # ended during 2023: counted that year, not listed today


def _invented_names(count):
    names = [f"{a} {b}" for b in SECOND for a in FIRST]
    return names[:count]


def wordmark(name):
    """A neutral wordmark tile (PNG) for a demo partner: its name in plain type."""
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    Image = get_image_model()
    title = f"Partner logo: {name}"
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PILImage.new("RGB", (480, 160), "#ffffff")
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle((4, 4, 475, 155), radius=18, fill="#eef3f8", outline="#5b8fc7", width=4)
    draw.rounded_rectangle((28, 50, 88, 110), radius=12, fill="#1d3557")
    size = 60
    font = ImageFont.load_default(size=size)
    while draw.textlength(name, font=font) > 350 and size > 24:
        size -= 4
        font = ImageFont.load_default(size=size)
    draw.text((108, 80), name, font=font, fill="#1b1b1b", anchor="lm")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    slug = "".join(ch if ch.isalnum() else "-" for ch in name.lower())
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"partner-logo-{slug}.png")
    )


def _plan():
    """(name, level, started, ended, topic slugs, description) for every demo partner."""
    rng = random.Random(2023)
    slugs = ["ai", "cyber", "data", "digital-skills", "leadership", "sustainability"]
    plan = [(name, level, start, None, topics, text) for name, level, start, topics, text in NAMED]
    invented = _invented_names(TOTAL_2023 - len(NAMED) + ALREADY_ENDED)
    new_left = NEW_2023 - sum(1 for row in plan if row[2].year == 2023)
    for index, name in enumerate(invented):
        level = PREMIER if index % 6 == 0 else SUPPORTING
        if index < ALREADY_ENDED:
            start, end = dt.date(2018, 3, 1), dt.date(2022, 6, 30)
        elif index < ALREADY_ENDED + new_left:
            start, end = dt.date(2023, 1 + (index % 11), 1 + index % 27), None
        else:
            start, end = dt.date(2015 + index % 8, 1 + index % 12, 1), None
            if index >= len(invented) - ENDED_IN_2023:
                end = dt.date(2023, 8, 31)
        topics = rng.sample(slugs, 2)
        text = (
            f"{name} works with councils and public bodies on {topics[0].replace('-', ' ')} "
            f"and joins the society's events and research."
        )
        plan.append((name, level, start, end, topics, text))
    return plan


def seed(*, scale, log):
    topics = {t.slug: t for t in Topic.objects.all()}
    created = 0
    for name, level, started, ended, slugs, text in _plan():
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=name,
                slug="".join(ch if ch.isalnum() else "-" for ch in name.lower()),
                type=Organisation.Type.PARTNER,
                website=f"https://{name.lower().replace(' ', '')}.example",
            )
        if Partner.objects.filter(organisation=organisation).exists():
            continue
        logo = wordmark(name) if level in (STRATEGIC, PREMIER) else None
        partner = Partner.objects.create(
            organisation=organisation,
            level=level,
            started_on=started,
            ended_on=ended,
            description=text,
            logo=logo,
            logo_alt=f"{name} logo" if logo else "",
        )
        partner.topics.set([topics[s] for s in slugs if s in topics])
        created += 1
    allocated = _allocate()
    from .selectors import partners_count, partners_new_count

    log(
        f"partners: {created} added; {partners_count(year=2023)} in 2023, "
        f"{partners_new_count(year=2023)} new; {allocated} allocations"
    )


def _allocate():
    """Places reserved for each strategic partner at the items it sponsors."""
    made = 0
    for partner in Partner.objects.filter(level=STRATEGIC).select_related("organisation"):
        if partner.allocations.exists():
            continue
        for item in calendar.items_sponsored_by(organisation=partner.organisation, limit=4):
            capacity = calendar.items_titled(item_ids=[item["id"]])[item["id"]]["capacity"]
            places = min(5, capacity // 10)
            if places:
                allocation_set(partner=partner, item_id=item["id"], places=places)
                made += 1
    return made
