"""The demo's year in review: /review/ and /review/2023/, the seed's story told around the
figures the rooms compute from their own demo data (docs/review.md). Nothing here types a
number: figure blocks name figures, and the rooms' demo data make them what the society
reported. Idempotent: the pages are made once, by slug."""

from institute.core.demo import child_page, ensure_home

from .models import ReviewIndexPage, ReviewPage

YEAR = 2023


def _p(*paragraphs):
    return ("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))


def _figure(key, text=""):
    return ("figure", {"figure": key, "text": text})


def _figures(title, *keys):
    return ("figures", {"title": title, "figures": list(keys)})


BODY_2023 = [
    _p(
        "As we begin 2024, we take a moment to reflect on the accomplishments that defined "
        "the past twelve months — an exceptionally busy and transformative period. From the "
        "pursuit of charitable status to the launch of a place-based leadership course, these "
        "are the moments that shaped our year."
    ),
    ("heading", "Research and policy"),
    _p(
        "Our policy work in 2023 was developed closely with our members, the Local CIO "
        "Council, and strategic and international partners, so that our policy is practical, "
        "evidence-based and based on what works.",
        "Key resources were delivered to members, one of the most popular being our AI policy "
        "and guidance document. We reduced the use of PDF documents and moved most of our "
        "resources into HTML, easy to read on any device and accessible to all.",
    ),
    _figures("Resources published", "resources.html", "resources.pdf"),
    ("heading", "Launch of the Institute"),
    _p(
        "Launched at President's Conference in June, the Institute is the society's response "
        "to the critical issues members and the wider sector face: our individual services as "
        "its rooms and our communities, enabling networking, sharing and collaboration, as "
        "the roof."
    ),
    ("heading", "Learning and development"),
    _p(
        "2023 saw more development of members and more success than ever before. Our "
        "Leadership Academy programmes and workshops, including cyber leadership, gave "
        "confidence, developed talent and provided the skills essential to exercise effective "
        "contemporary leadership. We delivered our very first Northern Ireland Empowering "
        "Women programme and piloted a place-based leadership course with members."
    ),
    _figures("The Leadership Academy", "academy.programmes", "academy.cohorts"),
    _p(
        "The Top Talent and Empowering Women programmes now include one-to-one coaching, so "
        "that participants can discuss, reflect and come up with meaningful actions."
    ),
    _figure("academy.coaching_sessions", "coaching sessions delivered to participants"),
    _p(
        "Our mentoring scheme gave one-to-one advice and support to people who wanted to "
        "enhance their personal and professional development."
    ),
    _figure("academy.people_paired", "people were paired up in our mentoring scheme"),
    _figure("events.webinar_delegates", "delegates attended our webinars"),
    _p(
        "Everyone who went through the Leadership Academy continued their development by "
        "joining the alumni community."
    ),
    _figure("academy.alumni_joined", "people joined our alumni"),
    ("heading", "Member engagement"),
    _p(
        "We strengthened our ‘by the members, for the members’ philosophy in 2023, with "
        "monthly drop-in sessions and a dedicated ‘Member Voice’ group.",
        "In the run up to our December alumni event in Manchester, members told us they were "
        "concerned about being able to attend in the current financial climate. We made an "
        "early decision to hold the event online, which allowed a much more inclusive "
        "attendance from across the membership.",
    ),
    _figure("membership.feedback_acted_on", "pieces of members' feedback acted on, in public"),
    ("heading", "Partnerships"),
    _p(
        "New types of collaboration with AWS and Microsoft brought training courses online, "
        "and more and more private sector organisations want to get involved with our events, "
        "training and research."
    ),
    _figures("Partnership stats", "partners.new", "partners.total"),
    ("heading", "Benchmarking"),
    _p(
        "This year we passed the milestone of 25 consecutive years of data. As reliable "
        "benchmarking requires stability, we made relatively few changes, the exception being "
        "our revamped ‘User Skills’ survey, which helps organisations see where to focus "
        "their training and development budgets."
    ),
    _figures("Benchmarking in 2023", "benchmarking.organisations", "benchmarking.responses"),
    _p("What the User Skills survey found across the sector:"),
    _figures(
        "",
        "benchmarking.finding.internet-solutions",
        "benchmarking.finding.training-suspicious-links",
    ),
    ("heading", "Corporate social responsibility"),
    _p(
        "Demonstrating our commitment to social responsibility, we raised money for good "
        "causes throughout the year, including for MindOut at President's Conference."
    ),
    _figure("events.charity_raised", "raised for charity at our events, MindOut among them"),
    ("heading", "Events"),
    _p(
        "We held national, regional and local events, in person and hybrid, so that everyone "
        "across our membership had the opportunity to learn, share and connect. President's "
        "Conference, our stellar event of the year, saw a brilliant two days in Brighton."
    ),
    _figure("events.attendance", "people joined our events and conferences"),
    _figures(
        "Other event stats",
        "events.presidents_conference",
        "events.national_conferences",
        "events.webinars",
    ),
    ("heading", "Direct member communications"),
    _p(
        "Our newsletter was delivered to members every Friday throughout 2023: an easy to "
        "consume round-up of the topics covered at events, case studies to be aware of and "
        "what is on."
    ),
    _figure("newsletter.issues_sent", "Friday newsletters sent"),
    ("heading", "Our website"),
    _p(
        "This year our website evolved hugely. We changed the way the calendar is categorised "
        "— events, training and webinars, with sub-filters — so that we can point you to a "
        "filtered view of the calendar, as every figure on this page does."
    ),
    (
        "quote",
        {
            "quote": "A year marked by ambition, resilience, and purposeful strides towards "
            "improving the lives of the people and communities we all live and work in.",
            "attribution": "",
        },
    ),
]


def ensure_index(home=None) -> ReviewIndexPage:
    return child_page(
        home or ensure_home(),
        ReviewIndexPage,
        "review",
        title="Year in review",
        summary="Each year of the society, told with the figures from our own records.",
        intro="<p>Each year of the society, told with the figures from our own records: "
        "every number links to what it counts.</p>",
    )


def seed(*, scale, log):
    index = ensure_index()
    page = child_page(
        index,
        ReviewPage,
        str(YEAR),
        title="2023: the year in review",
        year=YEAR,
        summary="Navigating success in 2023: a year defined by progress and purpose.",
        intro="Navigating success in 2023: a year defined by progress and purpose. Every "
        "number on this page is counted from our records.",
        body=BODY_2023,
    )
    log(f"year in review: {page.url_path}")
