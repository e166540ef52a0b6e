"""The Leadership Academy's benchmark pages: the index, a programme and a cohort (the demo's
next Top Talent cohort in Essex), a certificate check and the alumni directory's filters are
member-only so are left out."""

PAGES = [
    ("Academy index", "/academy/"),
    ("Academy programme", "/academy/top-talent/"),
    ("Academy cohort", "/academy/top-talent/2023-london/"),
    ("Academy programme, workshop", "/academy/edi-workshops/"),
]
