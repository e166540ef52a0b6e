"""The hub's demo publications, written from the society's 2023 year in review.

Bodies are lists of ``(block type, value)`` pairs for the StreamField. Everything here is
demo content: believable, but not the society's real publications.
"""

import datetime

D = datetime.date


def h2(text):
    return ("heading", {"text": text, "level": "h2"})


def p(*paragraphs):
    return ("text", "".join(f"<p>{x}</p>" for x in paragraphs))


def ul(*items):
    return ("text", "<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>")


def ol(*items):
    return ("text", "<ol>" + "".join(f"<li>{x}</li>" for x in items) + "</ol>")


def callout(title, text):
    return ("callout", {"title": title, "text": f"<p>{text}</p>"})


def quote(text, who):
    return ("quote", {"quote": text, "attribution": who})


def facts(title, *pairs):
    return (
        "key_facts",
        {"title": title, "facts": [{"figure": f, "label": lab} for f, lab in pairs]},
    )


def table(caption, rows):
    return (
        "table",
        {"table_caption": caption, "data": rows, "table_header_choice": "both"},
    )


AUTHORS = [
    ("Policy and research team", "The Institute"),
    ("Head of research", "The Institute"),
    ("Digital leadership lead", "The Institute"),
    ("Research partner", "Association for Public Service Excellence (APSE)"),
]

RESOURCES = [
    {
        "slug": "ai-policy-and-guidance",
        "title": "Artificial intelligence: policy and guidance for local public services",
        "type": "guidance",
        "published": D(2023, 6, 14),
        "topics": ["ai", "leadership"],
        "authors": [0],
        "summary": "How to adopt AI and large language models safely and fairly: a policy you can "
        "adapt, the questions to ask suppliers and the safeguards residents expect.",
        "body": [
            p(
                "Generative AI arrived in our members' organisations faster than any technology "
                "before it. Staff are already using chatbots to draft letters, summarise reports "
                "and write code — often without a policy to guide them.",
                "This guidance gives you a policy framework you can adapt, built with members "
                "who have written their own, and the practical safeguards that keep residents' "
                "data and trust safe.",
            ),
            h2("What a good AI policy covers"),
            ul(
                "Which tools staff may use, and for what kinds of work",
                "What information must never be entered into a public AI tool",
                "Human review of anything AI produces before it reaches a resident",
                "Transparency: telling people when AI has been used",
                "Equality impact assessment before automated decisions",
            ),
            callout(
                "Start with a register",
                "List every AI tool in use today — including features switched on inside "
                "products you already buy. You cannot govern what you cannot see.",
            ),
            h2("Safeguards for residents"),
            p(
                "Decisions about people's lives — benefits, care, housing — must remain human "
                "decisions. AI can help officers find information faster; it must not decide."
            ),
        ],
        "members_body": [
            h2("Model policy wording"),
            p(
                "1. Purpose. This policy sets out how the council uses artificial intelligence "
                "responsibly, lawfully and transparently.",
                "2. Scope. It applies to all staff, members, contractors and partners using AI "
                "tools for council business.",
                "3. Approved tools. Only tools listed in the AI register may be used with "
                "council information classified OFFICIAL.",
            ),
            table(
                "Risk levels and the approval each needs",
                [
                    ["Use", "Risk", "Approval"],
                    ["Drafting internal notes", "Low", "Line manager"],
                    ["Summarising case files", "Medium", "Information governance"],
                    ["Decisions affecting residents", "High", "Not permitted"],
                ],
            ),
        ],
    },
    {
        "slug": "generative-ai-dos-and-donts",
        "title": "Using generative AI large language models: do's and don'ts",
        "type": "infographic",
        "published": D(2023, 7, 5),
        "topics": ["ai", "digital-skills"],
        "authors": [0],
        "summary": "One page of practical do's and don'ts for staff using ChatGPT and other large "
        "language models at work.",
        "body": [
            h2("Do"),
            ul(
                "Check every fact, figure and reference an AI tool gives you",
                "Use it to get started: first drafts, outlines, plain-English rewrites",
                "Say when AI helped you produce something",
                "Follow your organisation's AI policy and approved tools list",
            ),
            h2("Don't"),
            ul(
                "Paste personal, sensitive or commercially confidential information",
                "Rely on it for legal, medical or financial advice",
                "Let it make decisions about residents",
                "Assume it is neutral: it reflects the biases of its training data",
            ),
            callout("Remember", "You are responsible for what you publish, whoever drafted it."),
        ],
    },
    {
        "slug": "ai-what-senior-leaders-need-to-know",
        "title": "AI: what senior leaders need to know",
        "type": "briefing",
        "published": D(2023, 9, 20),
        "topics": ["ai", "leadership"],
        "authors": [2],
        "summary": "A briefing for chief executives and directors: the opportunities, the risks "
        "and the five questions to ask your teams about artificial intelligence this year.",
        "body": [
            p(
                "Artificial intelligence is no longer a question for the technology team alone. "
                "It touches workforce, equality, procurement, data protection and the trust "
                "residents place in public services."
            ),
            facts(
                "AI at a glance",
                ("5", "questions every leadership team should ask this year"),
                ("1", "register of AI in use — the first thing to build"),
            ),
            h2("Five questions to ask your teams"),
            ol(
                "Where are we already using AI, knowingly or not?",
                "Who is accountable for each use?",
                "How do we know it treats residents fairly?",
                "What data does it use, and where does that data go?",
                "What skills do our people need to use it well?",
            ),
            quote(
                "Leaders do not need to understand how the models work. They need to know "
                "which questions to ask.",
                "A member chief digital officer",
            ),
        ],
    },
    {
        "slug": "the-power-of-digital",
        "title": "The Power of Digital: understanding new technology in local government",
        "type": "report",
        "published": D(2023, 10, 11),
        "topics": ["leadership", "data", "place-based"],
        "authors": [1, 3],
        "summary": "Our report with APSE on how council frontline services can benefit from "
        "better adoption of digital, data and technology — and five recommendations.",
        "body": [
            p(
                "Frontline services — waste collection, highways, parks, housing repairs — are "
                "where residents meet their council. Our research with the Association for "
                "Public Service Excellence (APSE) asked how digital, data and technology can "
                "make those services better."
            ),
            h2("Our five recommendations"),
            ol(
                "Put frontline staff at the centre of designing the tools they use.",
                "Invest in data skills across frontline services, not only in central teams.",
                "Join up service data so that managers see the whole picture.",
                "Share what works between councils instead of buying the same thing twice.",
                "Make digital part of every service plan, with leaders accountable for it.",
            ),
            facts(
                "What we heard",
                ("5", "recommendations for councils and government"),
                ("2", "associations working together: APSE and the Institute"),
            ),
            h2("Why it matters"),
            p(
                "Well-chosen technology frees officers' time for the work only people can do. "
                "Poorly chosen technology adds work and erodes trust."
            ),
        ],
    },
    {
        "slug": "cyber-resilience",
        "title": "Digital Trends 2023: cyber resilience",
        "type": "briefing",
        "published": D(2023, 3, 1),
        "topics": ["cyber", "resilience"],
        "authors": [1],
        "summary": "Why cyber resilience is a leadership issue, and how councils are preparing to "
        "respond and recover, not only to defend.",
        "body": [
            p(
                "Ransomware attacks on local authorities have shown that no organisation can "
                "prevent every incident. Resilience means being able to keep serving residents "
                "while you recover."
            ),
            h2("What resilient organisations do"),
            ul(
                "Rehearse incidents with leaders, not only technical staff",
                "Keep offline backups and test restoring them",
                "Know which services residents cannot do without",
            ),
            callout(
                "Exercise in a box",
                "The National Cyber Security Centre's free exercises help leadership teams "
                "rehearse a cyber incident in two hours.",
            ),
        ],
    },
    {
        "slug": "exploding-silos-with-data",
        "title": "Digital Trends 2023: exploding silos with data",
        "type": "briefing",
        "published": D(2023, 3, 8),
        "topics": ["data"],
        "authors": [1],
        "summary": "Breaking down data silos between services and partners to understand places "
        "and people better.",
        "body": [
            p(
                "Most councils hold the data to understand their places, scattered across "
                "dozens of systems. Exploding those silos — safely and lawfully — is the trend "
                "that makes most of the others possible."
            ),
            h2("Where to start"),
            ul(
                "A shared data strategy owned by leadership",
                "Common identifiers for people, places and properties",
                "Data sharing agreements with health and police partners",
            ),
        ],
    },
    {
        "slug": "connected-places",
        "title": "Digital Trends 2023: connected places",
        "type": "briefing",
        "published": D(2023, 3, 15),
        "topics": ["connected-places", "place-based"],
        "authors": [1],
        "summary": "Sensors, networks and data for smarter, more inclusive places — and how to "
        "keep them secure.",
        "body": [
            p(
                "Connected places use sensors and networks to manage traffic, air quality, "
                "housing damp and more. Done well, they improve lives; done badly, they create "
                "new security and privacy risks."
            ),
            callout(
                "Security by design",
                "Treat every connected device as part of your network's attack surface.",
            ),
        ],
    },
    {
        "slug": "digital-skills",
        "title": "Digital Trends 2023: digital skills",
        "type": "briefing",
        "published": D(2023, 3, 22),
        "topics": ["digital-skills"],
        "authors": [1],
        "summary": "Building digital skills for staff and residents, from the basics to "
        "leadership.",
        "body": [
            p(
                "Digital skills are the foundation for everything else in this collection. Our "
                "benchmarking shows that most staff can use the internet to solve work "
                "problems, but confidence with data and new tools varies widely."
            ),
            ul(
                "Essential digital skills for every member of staff",
                "Data literacy for managers",
                "Digital leadership for senior teams",
            ),
        ],
    },
    {
        "slug": "sustainability-and-green-it",
        "title": "Digital Trends 2023: sustainability and green IT",
        "type": "briefing",
        "published": D(2023, 3, 29),
        "topics": ["sustainability", "place-based"],
        "authors": [1],
        "summary": "The role of local authorities in achieving net zero, and how green and "
        "sustainable IT contributes.",
        "body": [
            p(
                "Technology is part of the climate problem and part of its solution. Data "
                "centres, devices and electronic waste all carry a carbon cost."
            ),
            h2("Green IT in practice"),
            ul(
                "Extend device lifetimes and buy refurbished where possible",
                "Measure the carbon footprint of your cloud and data centre use",
                "Recycle electronic waste through certified partners",
            ),
        ],
    },
    {
        "slug": "recruitment-and-retention",
        "title": "Digital Trends 2023: recruitment and retention",
        "type": "case-study",
        "published": D(2023, 4, 5),
        "topics": ["recruitment", "leadership"],
        "authors": [2],
        "summary": "Stories from peers worldwide about attracting and keeping people in local "
        "government technology services.",
        "body": [
            p(
                "Councils compete with the private sector for the same scarce skills. The "
                "members we spoke to are winning on purpose, flexibility and growth."
            ),
            quote(
                "People join us because they want their work to matter to their neighbours.",
                "Head of digital, a district council",
            ),
            ul(
                "Apprenticeships and career changers",
                "Flexible and hybrid working as the default",
                "Clear career paths for technical specialists",
            ),
        ],
    },
    {
        "slug": "leadership-in-turbulent-times",
        "title": "Leadership in turbulent times",
        "type": "infographic",
        "published": D(2023, 5, 17),
        "topics": ["leadership", "resilience"],
        "authors": [2],
        "summary": "Key information on leading digital teams through uncertainty, on one page.",
        "body": [
            facts(
                "Leading through turbulence",
                ("3", "priorities: people, purpose, pace"),
                ("1", "clear story about where the organisation is going"),
            ),
            ul(
                "Be visible and honest about what you know and don't know",
                "Protect your team's wellbeing",
                "Keep delivering small improvements residents can see",
            ),
        ],
    },
    {
        "slug": "resilient-places-case-study",
        "title": "Resilient places: how a county council kept services running",
        "type": "case-study",
        "published": D(2023, 11, 8),
        "topics": ["resilience", "place-based"],
        "authors": [2],
        "summary": "A county council's story of keeping services running through storms, "
        "outages and a cyber incident.",
        "body": [
            p(
                "When storms took out power and connectivity across the county, the council's "
                "digital team had services back within hours because they had rehearsed it."
            ),
        ],
    },
    {
        "slug": "regeneration-and-digital-inclusion",
        "title": "Regeneration and digital inclusion",
        "type": "white-paper",
        "published": D(2023, 12, 6),
        "topics": ["place-based", "edi"],
        "authors": [0],
        "summary": "Why digital inclusion belongs at the heart of every regeneration programme.",
        "body": [
            p(
                "Regeneration that leaves people digitally excluded leaves them behind. This "
                "paper sets out how digital inclusion can be designed in from the start."
            ),
        ],
    },
    {
        "slug": "acceptable-use-policy-template",
        "title": "Acceptable use of technology: policy template",
        "type": "policy-template",
        "published": D(2023, 8, 2),
        "topics": ["cyber", "ai"],
        "authors": [0],
        "summary": "A policy template members can adapt for staff use of devices, internet and AI "
        "tools.",
        "body": [p("This template sets out the expectations every member of staff agrees to.")],
        "members_body": [
            h2("Template"),
            p("1. All council devices must be encrypted and kept up to date."),
        ],
    },
    {
        "slug": "place-making-in-practice",
        "title": "Place-making in practice: lessons from members",
        "type": "article",
        "published": D(2023, 9, 6),
        "topics": ["place-based", "connected-places"],
        "authors": [2],
        "summary": "Members on place-based leadership and what it takes to work across "
        "organisational boundaries.",
        "body": [p("Place-based leadership means leading beyond the walls of one organisation.")],
    },
    {
        "slug": "presidents-conference-2023-highlights",
        "title": "President's Conference 2023: the highlights",
        "type": "article",
        "published": D(2023, 6, 28),
        "topics": ["leadership"],
        "authors": [0],
        "summary": "The discussions and further reading from our President's Conference in "
        "Brighton, for those not able to attend.",
        "body": [p("Over two days in Brighton, members discussed AI, skills and resilience.")],
    },
]

COLLECTIONS = [
    {
        "slug": "digital-trends-2023",
        "title": "Digital Trends 2023",
        "summary": "Our top trends collection: a detailed review of the challenges ahead.",
        "intro": "<p>Cyber resilience, exploding silos with data, connected places, digital skills "
        "and sustainability were just some of the key topics. Each briefing contains research, "
        "interviews and examples from and for people supporting communities with local public "
        "services.</p>",
        "items": [
            "cyber-resilience",
            "exploding-silos-with-data",
            "connected-places",
            "digital-skills",
            "sustainability-and-green-it",
            "recruitment-and-retention",
        ],
    },
    {
        "slug": "resilience",
        "title": "Resilience",
        "summary": "Organisational and community resilience in one place.",
        "intro": "<p>Everything we have on keeping services and places resilient.</p>",
        "items": [
            "cyber-resilience",
            "leadership-in-turbulent-times",
            "resilient-places-case-study",
        ],
    },
    {
        "slug": "regeneration",
        "title": "Regeneration",
        "summary": "Digital's part in regenerating places.",
        "intro": "<p>How digital, data and inclusion support regeneration.</p>",
        "items": ["regeneration-and-digital-inclusion", "the-power-of-digital"],
    },
    {
        "slug": "place-making",
        "title": "Place-making",
        "summary": "Place-based leadership and connected places.",
        "intro": "<p>Resources for leaders working across a place.</p>",
        "items": ["place-making-in-practice", "connected-places", "sustainability-and-green-it"],
    },
]

MAGAZINE_ISSUES = [
    {
        "slug": "in-our-view-summer-2023",
        "title": "In Our View — summer 2023",
        "issue_date": D(2023, 7, 1),
        "summary": "Our President's Conference in Brighton and what members told us about AI.",
        "items": ["presidents-conference-2023-highlights", "generative-ai-dos-and-donts"],
    },
    {
        "slug": "in-our-view-winter-2023",
        "title": "In Our View — winter 2023",
        "issue_date": D(2023, 12, 1),
        "summary": "Place-based leadership, regeneration and the year's national events.",
        "items": ["place-making-in-practice", "regeneration-and-digital-inclusion"],
    },
]

PODCAST = {
    "slug": "institute-says",
    "title": "Institute Says",
    "description": "A series of episodes that delve into the latest trends, insights and "
    "discussions in public-sector digital. Thought leaders and professionals share their "
    "perspectives.",
    "episodes": [
        {
            "slug": "recruitment-and-retention-in-local-government-technology",
            "title": "Recruitment and retention in local government technology",
            "number": 1,
            "published": D(2023, 5, 3),
            "topics": ["recruitment", "leadership"],
            "summary": "How councils attract and keep the digital people they need.",
            "transcript": "<p><strong>Host:</strong> Welcome to Institute Says. Today we talk "
            "about recruitment and retention in local government technology services.</p>"
            "<p><strong>Guest:</strong> The competition for skills is fierce, but purpose is "
            "our advantage.</p>",
        },
        {
            "slug": "the-global-problem-of-electronic-waste",
            "title": "The global problem of electronic waste",
            "number": 2,
            "published": D(2023, 10, 4),
            "topics": ["sustainability"],
            "summary": "What public services can do about e-waste, from procurement to recycling.",
            "transcript": "<p><strong>Host:</strong> Electronic waste is the fastest-growing "
            "waste stream in the world.</p><p><strong>Guest:</strong> Buying refurbished and "
            "extending device lifetimes are the quickest wins.</p>",
        },
    ],
}
