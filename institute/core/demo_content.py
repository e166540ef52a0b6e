"""The words of the roof's demo content, taken from the society's 2023 year in review.

Bodies are StreamField values: lists of (block type, value). ``LINK:<slug>`` in a link is
resolved to the demo page with that slug when the content is seeded.
"""

import datetime

from wagtail.rich_text import RichText


def p(*paragraphs):
    return [("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))]


def h(text, level="h2"):
    return [("heading", {"text": text, "level": level})]


def cta(title, text, label, url):
    return [("call_to_action", {"title": title, "text": text, "label": label, "link": url})]


def faq(title, *pairs):
    items = [{"question": q, "answer": RichText(f"<p>{a}</p>")} for q, a in pairs]
    return [("faq", {"title": title, "items": items})]


PAGES = {
    "about": {
        "title": "About",
        "summary": "The society of public-sector digital leaders: by the members, for the members.",
        "body": [
            *p(
                "We are a professional society for people who lead digital, data and technology "
                "in local public services. Our members work in councils, combined authorities, "
                "health, police and fire services and central government, with partners from "
                "the private sector who share our purpose of public good."
            ),
            *h("The institute"),
            *p(
                "Launched at President's Conference in June 2023, the institute is the "
                "society's response to the critical issues our members and the wider sector "
                "face. It is our new home: our individual services are its rooms, and our "
                "communities — networking, sharing and collaboration — are its roof."
            ),
            *h("Two big ambitions", "h3"),
            (
                "paragraph",
                RichText(
                    "<ol><li>Help improve organisational and place-based outcomes, and "
                    "continue to create and support communities that help you share, learn "
                    "and grow.</li><li>Provide a one-stop shop where you can reach all our "
                    "assets, resources and learning and development capabilities to aid "
                    "improvement and innovation.</li></ol>"
                ),
            ),
            *h("Who leads the society"),
            *p(
                "In 2023 members elected Mark Lumley, director of digital &amp; IT at Hounslow, "
                "as president, and Yogita Popat, assistant director for sustainability at "
                "Barnet, as vice-president."
            ),
            *h("For public good"),
            *p(
                "Our ambition to become a charity moved a step closer in 2023. Charity status "
                "will let us seek new funding and widen our reach with more resources, support "
                "and connections as a not-for-profit organisation."
            ),
            (
                "quote",
                {
                    "quote": "The institute is our new home, with our individual services "
                    "as its rooms and our communities enabling networking, sharing and "
                    "collaboration as the roof.",
                    "attribution": "The year in review, 2023",
                },
            ),
            *cta(
                "Become a member",
                "Join more than 5,000 people who follow and shape the society's work.",
                "How to join",
                "LINK:how-to-join",
            ),
        ],
    },
    "contact": {
        "title": "Contact",
        "summary": "How to reach the society's team, and where to find answers first.",
        "body": [
            *p(
                'Many questions are answered on our <a href="/faq/">frequently asked '
                "questions</a> page, which we wrote to save you having to contact us."
            ),
            *h("Membership and bookings"),
            *p(
                'E-mail <a href="mailto:membership@institute.example">'
                "membership@institute.example</a> about joining, renewing, invoices and "
                "booking places at events, training and webinars."
            ),
            *h("Member Voice and drop-ins"),
            *p(
                "Our Member Voice group reviews our content critically, and our monthly "
                "drop-in sessions are open to every member: come with a question, an idea or "
                "feedback. What you tell us shows up on our \u201cYou said, we did\u201d board."
            ),
            *h("Partners and press"),
            *p(
                "Private sector organisations who want to support our events, training and "
                'research can write to <a href="mailto:partners@institute.example">'
                "partners@institute.example</a>; journalists to "
                '<a href="mailto:press@institute.example">press@institute.example</a>.'
            ),
        ],
    },
    "how-to-join": {
        "title": "How to join",
        "summary": "Membership for individuals and organisations: what you get and how to join.",
        "body": [
            *p(
                "Membership is for anyone who leads or works in digital, data and technology "
                "for local public services, and for organisations that want all their people "
                "to benefit."
            ),
            *h("What members get"),
            (
                "paragraph",
                RichText(
                    "<ul><li>Member prices for President's Conference, national and regional "
                    "events</li><li>Webinars every month, from cyber security to the core "
                    "skills of leadership</li><li>The resource hub: reports, briefings, "
                    "policy templates and the Digital Trends collection</li><li>The "
                    "Leadership Academy, coaching and the mentoring scheme</li><li>Yearly "
                    "benchmarking of your ICT service against your peers</li><li>The weekly "
                    "Friday newsletter</li></ul>"
                ),
            ),
            *h("How to join"),
            *p(
                "Create an account with your work e-mail address, confirm it, and choose "
                "individual or organisational membership. If your organisation is already a "
                "member, your account is linked to it and you can start booking at once."
            ),
            *cta(
                "Ready to join?",
                "It takes two minutes to create your account.",
                "Create your account",
                "/accounts/signup/",
            ),
        ],
    },
    "faq": {
        "title": "FAQ",
        "summary": "Answers to the questions members ask most.",
        "body": [
            *faq(
                "Membership",
                (
                    "Who can become a member?",
                    "Anyone working in or with digital, data and technology for public "
                    "services: councils, combined authorities, health, police and fire, "
                    "central government, and partner organisations.",
                ),
                (
                    "How do I renew my membership?",
                    "We remind you a month before your membership ends. Renew from your "
                    "account page; your membership stays current while you do.",
                ),
                (
                    "How can I give feedback about what the society does?",
                    "Join a monthly drop-in, or the Member Voice group. We publish what we did "
                    "with your feedback on the \u201cYou said, we did\u201d board.",
                ),
            ),
            *faq(
                "Events and training",
                (
                    "Are events in person or online?",
                    "Both. We offer in-person and virtual meetings and trial hybrid sessions, "
                    "so that everyone across the membership can take part.",
                ),
                (
                    "Can I cancel a booking?",
                    "Yes, from your account. If the event is full, your place goes to the "
                    "first person on the waiting list.",
                ),
            ),
            *faq(
                "Resources",
                (
                    "Why are resources web pages and not PDFs?",
                    "Web pages are easier to read on any device and more accessible, "
                    "including for people using screen readers.",
                ),
            ),
        ],
    },
}

# (title, slug, date, summary, topics, authors, body paragraphs)
NEWS = [
    (
        "Our ambition to become a charity moves a step closer",
        "charity-status",
        datetime.date(2023, 11, 30),
        "Charity status would let us seek new funding and widen our reach as a not-for-profit.",
        ["leadership"],
        [("Mark Lumley", "President")],
        [
            "Our ambition to become a charity moved a step closer this year. Securing charity "
            "status will allow us to seek new funding opportunities and widen our reach with "
            "more resources, support and connections as a not-for-profit organisation.",
            "Our purpose as being for public good aligns with our strategic investments in "
            "Impera and in the institute.",
        ],
    ),
    (
        "The society and Impera join forces",
        "impera-partnership",
        datetime.date(2023, 10, 12),
        "A partnership to redefine how local government turns insight into action.",
        ["data", "place-based"],
        [],
        [
            "We are delighted to announce a partnership poised to redefine how local "
            "government turns insight into actions.",
            "Backed by the Global Social Progress Imperative and Guy's &amp; St Thomas' "
            "Foundation, the society will add a powerful dimension with Impera to better "
            "understand the wellbeing of communities — helping to target resources where they "
            "are most needed. Watch this space as more news comes out in 2024.",
        ],
    ),
    (
        "Senior leaders debate the opportunities and threats of AI",
        "ai-roundtable",
        datetime.date(2023, 9, 21),
        "Our roundtable produced a 'what senior leaders need to know' guide used across the "
        "sector.",
        ["ai", "leadership"],
        [],
        [
            "Key senior figures in local government joined our roundtable in September to "
            "discuss in detail the opportunities and threats around AI.",
            "The discussion helped create a 'what senior leaders need to know' document now "
            "used across the sector, alongside a sample AI policy and an at-a-glance list of "
            "do's and don'ts for generative AI and large language models.",
        ],
    ),
    (
        "Mark Lumley becomes president, Yogita Popat vice-president",
        "new-president",
        datetime.date(2023, 6, 15),
        "Members welcome a new president from Hounslow and a vice-president from Barnet.",
        ["leadership"],
        [],
        [
            "We welcome Mark Lumley, director of digital &amp; IT at Hounslow, as our new "
            "president, and Yogita Popat, assistant director for sustainability at Barnet, as "
            "vice-president.",
            "The announcement of Yogita's election was our most popular LinkedIn update of "
            "the year.",
        ],
    ),
    (
        "The institute opens at President's Conference in Brighton",
        "institute-launch",
        datetime.date(2023, 6, 8),
        "The society's new home: services as its rooms, communities as its roof.",
        ["leadership", "place-based"],
        [("Mark Lumley", "President")],
        [
            "Launched at President's Conference in June, the institute is the society's "
            "response to the critical issues members and the wider sector face.",
            "Its two big ambitions: to help improve organisational and place-based outcomes "
            "while supporting communities that share, learn and grow; and to be a one-stop "
            "shop for all our assets, resources and learning and development.",
        ],
    ),
    (
        "3 Peaks Challenge raises more than £45K for Cancer Research UK",
        "three-peaks-challenge",
        datetime.date(2023, 8, 3),
        "Local government colleagues climbed three peaks for Cancer Research UK.",
        [],
        [],
        [
            "Teaming up with local government colleagues, we took on the 3 Peaks Challenge "
            "and raised more than £45,000 for Cancer Research UK.",
            "We also supported the Bluebell Ball for the Take our Hand charity in Norfolk, and "
            "raised more than £6,000 for Young Minds with Socitm Advisory.",
        ],
    ),
    (
        "December alumni event goes virtual after member feedback",
        "alumni-event-virtual",
        datetime.date(2023, 11, 2),
        "You said the financial climate made travel hard; we made the Manchester event virtual.",
        ["edi"],
        [],
        [
            "In the run-up to our December alumni event in Manchester, members told us they "
            "were concerned about being able to attend because of the current financial "
            "climate.",
            "We took that feedback and decided early to make the event virtual, allowing a "
            "much more inclusive attendance from across the membership.",
        ],
    ),
    (
        "LinkedIn followers up 17% to more than 5,000",
        "linkedin-followers",
        datetime.date(2023, 12, 14),
        "LinkedIn is now our main social channel, and our community there keeps growing.",
        ["digital-skills"],
        [],
        [
            "We delivered more content via LinkedIn, our main social media channel, this "
            "year. Our followers increased by 17% to over 5,000.",
        ],
    ),
    (
        "Partner Day in Northampton brings fresh thinking",
        "partner-day-northampton",
        datetime.date(2023, 9, 28),
        "More private sector organisations than ever work with us: 16 new partners, 54 in all.",
        [],
        [],
        [
            "Following an incredibly successful Partner Day in Northampton, we are working "
            "with more private sector organisations than ever to bring fresh thinking to our "
            "events, training and research.",
            "Sixteen new partners joined us this year, making 54 in total, and every "
            "leadership course was supported by a private sector organisation.",
        ],
    ),
    (
        "Benchmarking passes 25 consecutive years of data",
        "benchmarking-25-years",
        datetime.date(2023, 12, 7),
        "14 organisations and 6,240 end-users took part; the User Skills survey was revamped.",
        ["benchmarking", "digital-skills"],
        [],
        [
            "This year we passed the milestone of 25 consecutive years of benchmarking data. "
            "Fourteen organisations benchmarked, with 6,240 responses from end-users.",
            "Our revamped User Skills survey found that 94% of users can use the internet to "
            "find solutions to work problems, while 11% would still like more training on "
            "recognising suspicious web links.",
        ],
    ),
]

BLOG = [
    (
        "What we changed on our website this year",
        "website-changes-2023",
        datetime.date(2023, 12, 20),
        "A new main menu, breadcrumbs, a simpler footer and a calendar you can filter.",
        ["digital-skills"],
        [],
        [
            "We release changes to our website a little at a time, guided by data and member "
            "feedback. This year we updated the main menu, added breadcrumbs, simplified the "
            "footer and gave the home page a banner of the most useful updates.",
            "The calendar now divides everything into events, training and webinars, with "
            "filters for region, format and upcoming or past, and addresses you can share.",
        ],
    ),
    (
        "Why our resources are now web pages, not PDFs",
        "resources-in-html",
        datetime.date(2023, 10, 26),
        "Easier to read on any device, and accessible to people using screen readers.",
        ["digital-skills", "edi"],
        [],
        [
            "We moved most of our resources from PDF documents to web pages so they are easy "
            "to read on any device, and as accessible as possible for people with visual "
            "impairments.",
        ],
    ),
    (
        "Change Agent: 500 officers build their digital skills",
        "change-agent-500",
        datetime.date(2023, 7, 20),
        "Free two- and five-day training with Microsoft was a hit at every grade.",
        ["digital-skills", "leadership"],
        [],
        [
            "Our partnership with Microsoft gave more than 500 local government officers, "
            "from junior to senior grades, the chance to improve their digital skills in "
            "free training over two or five days.",
        ],
    ),
    (
        "Mentoring: 37 people paired this year",
        "mentoring-37-pairs",
        datetime.date(2023, 12, 1),
        "One-to-one advice and support for personal and professional development.",
        ["leadership"],
        [],
        [
            "Thirty-seven people were paired up in our mentoring scheme in 2023, giving "
            "one-to-one advice and support to people who want to grow personally and "
            "professionally.",
        ],
    ),
]

HIGHLIGHTS = [
    (
        "Book your place at President's Conference in Birmingham",
        "Two days with local government innovators in June.",
        "See the calendar",
        "/calendar/",
    ),
    (
        "The society and Impera join forces",
        "Understanding the wellbeing of communities, to target resources where most needed.",
        "Read the announcement",
        "LINK:impera-partnership",
    ),
    (
        "AI: what senior leaders need to know",
        "Guidance, a sample policy and the do's and don'ts of generative AI.",
        "Read about the roundtable",
        "LINK:ai-roundtable",
    ),
    (
        "Join Member Voice and the monthly drop-ins",
        "Help shape what the society does: you said, we did.",
        "Contact us",
        "LINK:contact",
    ),
]

ROOMS = [
    ("Calendar", "Events, training and webinars, in person and online.", "/calendar/"),
    ("Resources", "Reports, briefings, collections and podcasts.", "/resources/"),
    ("Leadership Academy", "Programmes, workshops, coaching and mentoring.", "/academy/"),
    ("Benchmarking", "25 years of comparing ICT services with peers.", "/benchmarking/"),
    ("Membership", "Join the society, Member Voice and drop-ins.", "LINK:how-to-join"),
]

MENU = [
    ("Calendar", "/calendar/"),
    ("Resources", "/resources/"),
    ("Academy", "/academy/"),
    ("Benchmarking", "/benchmarking/"),
    ("Membership", "/membership/"),
    ("Partners", "/partners/"),
    ("About", "LINK:about"),
]

FOOTER = [
    ("About", "LINK:about"),
    ("Contact", "LINK:contact"),
    ("How to join", "LINK:how-to-join"),
    ("FAQ", "LINK:faq"),
    ("News", "LINK:news"),
    ("Blog", "LINK:blog"),
    ("Topics", "/topics/"),
]
