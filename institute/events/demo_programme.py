"""Demo programmes for the calendar's flagship items: venues with addresses, agendas, speakers
with portrait placeholders and sponsors with wordmark tiles.

Portraits are initials on a coloured tile and logos a neutral tile with the partner's name,
drawn with Pillow at seed time (small PNGs, the same every time, stored once by title); no
faces and no real trademarks. An item is dressed once: one that already has an agenda is left
as it is, so running the seed again changes nothing.
"""

import datetime as dt
import io

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images.models import Image
from wagtail.models import Collection, Page

from institute.core.demo_images import DARK, GOLD, NAVY, SKY, TEAL, TINT, WHITE
from institute.people.models import Organisation

from .models import AgendaItem, CalendarItemPage, ItemResource, Speaker

PORTRAIT_SIZE = (240, 240)
LOGO_SIZE = (480, 160)
TILE_COLOURS = [NAVY, TEAL, DARK, (91, 58, 140), (122, 74, 0), (30, 107, 53)]


def _store(title, description, canvas, name):
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Image.objects.create(
        title=title, description=description, file=ImageFile(buffer, name=name)
    )


def _slug(text):
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower())[:50]


def portrait(name):
    """A placeholder portrait: the person's initials on a coloured tile (not a face)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    parts = [part for part in name.split() if part not in {"Dr", "Prof"}]
    initials = "".join(part[0] for part in parts[:2]).upper()
    colour = TILE_COLOURS[sum(map(ord, name)) % len(TILE_COLOURS)]
    canvas = PILImage.new("RGB", PORTRAIT_SIZE, colour)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((150, 150, 270, 270), fill=GOLD)
    font = ImageFont.load_default(size=96)
    draw.text((120, 120), initials, font=font, fill=WHITE, anchor="mm")
    return _store(
        f"Demo portrait: {name}",
        f"Placeholder portrait of {name}: the initials {initials}",
        canvas,
        f"demo-portrait-{_slug(name)}.png",
    )


def wordmark(name):
    """A neutral logo tile for a demo partner: its name in plain type (no real trademark)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    canvas = PILImage.new("RGB", LOGO_SIZE, WHITE)
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle((4, 4, 475, 155), radius=18, fill=TINT, outline=SKY, width=4)
    draw.rounded_rectangle((28, 50, 88, 110), radius=12, fill=NAVY)
    draw.rectangle((44, 66, 72, 94), fill=GOLD)
    size = 64
    font = ImageFont.load_default(size=size)
    while draw.textlength(name, font=font) > 350 and size > 24:
        size -= 4
        font = ImageFont.load_default(size=size)
    draw.text((108, 80), name, font=font, fill=DARK, anchor="lm")
    return _store(
        f"Demo partner logo: {name}",
        f"{name} logo",
        canvas,
        f"demo-logo-{_slug(name)}.png",
    )


# People who speak at the demo events (invented names; roles from the society's world).
PEOPLE = {
    "Mark Lumley": (
        "President",
        "Institute",
        "Director of digital and IT at a London borough, and the society's president for 2023.",
    ),
    "Priya Raman": (
        "Chief digital officer",
        "Northshire County Council",
        "Leads a county's move to shared platforms and a data team built from apprentices.",
    ),
    "Tom Okafor": (
        "Head of cyber security",
        "Eastvale Combined Authority",
        "Ran the recovery "
        "after a ransomware attack and now coaches other councils through exercises.",
    ),
    "Helen Marsh": (
        "Director of transformation",
        "Westbridge City Council",
        "Brought digital, customer services and data together under one service design practice.",
    ),
    "Dr Aisha Khan": (
        "Research lead, public sector AI",
        "Demo partner (AWS)",
        "Works with councils on responsible AI pilots, from policy to procurement.",
    ),
    "Gareth Lewis": (
        "Digital skills lead",
        "Demo partner (Microsoft)",
        "Runs the Change Agent courses that trained more than 500 officers in 2023.",
    ),
    "Sian Roberts": (
        "Chief executive",
        "Cardiff and Vale Digital Partnership",
        "Leads a partnership of Welsh public bodies sharing digital services.",
    ),
    "Kwame Mensah": (
        "Data and insight manager",
        "Midshire Borough Council",
        "Built the benchmarking dashboards his council's leadership team uses every month.",
    ),
    "Laura Chen": (
        "Head of digital inclusion",
        "Riverside District Council",
        "Runs device lending and digital champions across forty community venues.",
    ),
}


def _speakers(names):
    return [
        Speaker(
            name=name,
            role=PEOPLE[name][0],
            organisation=PEOPLE[name][1],
            bio=PEOPLE[name][2],
            photo=portrait(name),
        )
        for name in names
    ]


def _agenda(sessions):
    """``sessions``: (day, "HH:MM", "HH:MM" or "", title, speaker, description)."""
    return [
        AgendaItem(
            day=day,
            starts_at=dt.time.fromisoformat(start),
            ends_at=dt.time.fromisoformat(end) if end else None,
            title=title,
            speaker=speaker,
            description=description,
            sort_order=n,
        )
        for n, (day, start, end, title, speaker, description) in enumerate(sessions)
    ]


def _webinar_agenda(speaker, subject):
    return [
        (1, "11:00", "11:05", "Welcome and housekeeping", "", ""),
        (1, "11:05", "11:35", subject, speaker, "The talk, with examples from members."),
        (1, "11:35", "11:55", "Questions from members", speaker, "Ask in the chat."),
        (1, "11:55", "12:00", "Close and what comes next", "", ""),
    ]


CONFERENCE_DAY = [
    (1, "09:00", "09:45", "Registration, coffee and the partner exhibition", "", ""),
    (
        1,
        "09:45",
        "10:15",
        "Welcome from the President",
        "Mark Lumley",
        "The year in review and what members asked of us.",
    ),
    (
        1,
        "10:15",
        "11:00",
        "Keynote: leading in turbulent times",
        "Helen Marsh",
        "How one city kept transforming while budgets fell.",
    ),
    (
        1,
        "11:30",
        "12:30",
        "Panel: generative AI in council services",
        "Dr Aisha Khan",
        "What works, what to avoid and how to write the policy first.",
    ),
    (1, "12:30", "13:30", "Lunch and networking", "", ""),
    (
        1,
        "13:30",
        "14:30",
        "Workshops: cyber resilience, data, digital skills",
        "Tom Okafor",
        "Three rooms; choose one when you arrive.",
    ),
    (
        1,
        "15:00",
        "16:00",
        "Benchmarking: what your users told us",
        "Kwame Mensah",
        "Headline findings from this year's survey.",
    ),
]
SECOND_DAY = [
    (
        2,
        "09:30",
        "10:30",
        "Digital inclusion in places",
        "Laura Chen",
        "Devices, data and champions: a practical programme.",
    ),
    (
        2,
        "10:30",
        "11:30",
        "Skills for every officer",
        "Gareth Lewis",
        "From Change Agent courses to a council-wide skills plan.",
    ),
    (2, "12:00", "13:00", "Members' question time", "Mark Lumley", ""),
    (2, "14:00", "16:30", "Close, charity draw and farewell", "Mark Lumley", ""),
]


def _led_by(sessions, swaps):
    """The same sessions with some speakers swapped for others."""
    return [(d, s, e, t, swaps.get(who, who), text) for d, s, e, t, who, text in sessions]


# slug (or slug prefix for items whose slug carries a date) → what the page shows.
PROGRAMMES = {
    "presidents-conference-2023": {
        "venue": "Brighton",
        "address": "The Brighton Centre\nKings Road\nBrighton\nBN1 2GR",
        "price_includes": "both days, lunch and refreshments, and the conference dinner",
        "sponsor": "Microsoft",
        "speakers": [
            "Mark Lumley",
            "Helen Marsh",
            "Dr Aisha Khan",
            "Tom Okafor",
            "Kwame Mensah",
            "Laura Chen",
        ],
        "agenda": CONFERENCE_DAY + SECOND_DAY,
        "resources": [
            "President's Conference 2023: the highlights",
            "Leadership in turbulent times",
        ],
    },
    "presidents-conference-": {
        "address": "International Convention Centre\nBroad Street\nBirmingham\nB1 2EA",
        "price_includes": "both days, lunch and refreshments, and the conference dinner",
        "sponsor": "Microsoft",
        "speakers": [
            "Mark Lumley",
            "Priya Raman",
            "Dr Aisha Khan",
            "Tom Okafor",
            "Laura Chen",
            "Gareth Lewis",
        ],
        "agenda": _led_by(
            CONFERENCE_DAY + SECOND_DAY,
            {"Helen Marsh": "Priya Raman", "Kwame Mensah": "Gareth Lewis"},
        ),
        "resources": ["AI: what senior leaders need to know"],
    },
    "national-conference-cardiff-2023": {
        "address": "City Hall\nCathays Park\nCardiff\nCF10 3ND",
        "price_includes": "lunch and refreshments",
        "sponsor": "AWS",
        "speakers": ["Sian Roberts", "Mark Lumley", "Helen Marsh", "Dr Aisha Khan"],
        "agenda": CONFERENCE_DAY[:5]
        + [
            (
                1,
                "13:30",
                "15:00",
                "Place-based working across Welsh public bodies",
                "Sian Roberts",
                "Sharing services without merging organisations.",
            ),
        ],
        "resources": ["Place-making in practice: lessons from members"],
    },
    "national-conference-midlands-2023": {
        "address": "Council House\nOld Market Square\nNottingham\nNG1 2DT",
        "price_includes": "lunch and refreshments",
        "sponsor": "AWS",
        "speakers": ["Mark Lumley", "Helen Marsh", "Dr Aisha Khan", "Tom Okafor", "Kwame Mensah"],
        "agenda": CONFERENCE_DAY,
        "resources": ["Digital Trends 2023: digital skills"],
    },
    "alumni-event-2023": {
        "speakers": ["Mark Lumley", "Priya Raman", "Helen Marsh"],
        "agenda": [
            (1, "13:00", "13:15", "Welcome back", "Mark Lumley", ""),
            (
                1,
                "13:15",
                "14:15",
                "Alumni stories: where the programme took us",
                "Priya Raman",
                "Three alumni on the decisions that changed their careers.",
            ),
            (1, "14:30", "16:00", "Breakout rooms by region", "", "Meet the alumni near you."),
        ],
    },
    "webinar-2023-01": {"speakers": ["Tom Okafor"], "webinar": "Tom Okafor"},
    "webinar-2023-05": {
        "speakers": ["Dr Aisha Khan"],
        "webinar": "Dr Aisha Khan",
        "sponsor": "AWS",
    },
    "webinar-2023-08": {
        "speakers": ["Gareth Lewis"],
        "webinar": "Gareth Lewis",
        "sponsor": "Microsoft",
    },
}


def _find(key):
    if key.endswith("-"):  # the upcoming conference: its slug carries the year
        return (
            CalendarItemPage.objects.filter(slug__startswith=key)
            .exclude(slug__endswith="2023")
            .order_by("-start")
            .first()
        )
    return CalendarItemPage.objects.filter(slug=key).first()


def _upcoming_webinars():
    """The next three upcoming webinars, each given a speaker from the subject's world."""
    found = (
        CalendarItemPage.objects.filter(kind="webinars", slug__startswith="webinar-")
        .exclude(slug__startswith="webinar-2023-")
        .order_by("start")[:3]
    )
    people = ["Kwame Mensah", "Laura Chen", "Priya Raman"]
    return [(item, {"speakers": [p], "webinar": p}) for item, p in zip(found, people, strict=False)]


@transaction.atomic
def dress(item, plan):
    """Give ``item`` its programme once: venue, address, speakers, agenda, sponsor, resources."""
    if item.agenda.exists():
        return False
    for field in ("venue", "address", "price_includes"):
        if plan.get(field):
            setattr(item, field, plan[field])
    if plan.get("sponsor"):
        sponsor = Organisation.objects.filter(name=plan["sponsor"]).first()
        if sponsor is not None:
            item.sponsor = sponsor
            item.sponsor_logo = wordmark(sponsor.name)
    item.speakers = _speakers(plan.get("speakers", []))
    sessions = plan.get("agenda") or _webinar_agenda(plan.get("webinar", ""), item.title)
    item.agenda = _agenda(sessions)
    titles = plan.get("resources", [])
    pages = {p.title: p for p in Page.objects.live().filter(title__in=titles)}
    item.resources = [
        ItemResource(page=pages[title], sort_order=n)
        for n, title in enumerate(titles)
        if title in pages
    ]
    item.save()
    return True


def seed_programmes(log):
    plans = [(_find(key), plan) for key, plan in PROGRAMMES.items()]
    plans += _upcoming_webinars()
    dressed = sum(dress(item, plan) for item, plan in plans if item is not None)
    log(f"programmes: {dressed} items given agendas, speakers and sponsors")
