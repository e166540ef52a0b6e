"""A small society for tests and the authorisation walk: six real places, a small framework
version and its scores (reached from the tests through tests/factories/insight.py)."""

from institute.insight.models import IndicatorValue, Place
from institute.insight.services import framework_create, place_organisation_link, scores_compute

# Two dimensions, two components, four indicators (both directions of good).
SMALL_FRAMEWORK = [
    (
        "basic-human-needs",
        "Basic human needs",
        "",
        [
            (
                "shelter",
                "Shelter",
                "",
                [
                    ("overcrowding", "Overcrowded households", "%", "ONS", False, 0.0, 15.0),
                    ("fuel-poverty", "Households in fuel poverty", "%", "DESNZ", False, 5.0, 25.0),
                ],
            )
        ],
    ),
    (
        "foundations-of-wellbeing",
        "Foundations of wellbeing",
        "",
        [
            (
                "information-communications",
                "Access to information and communications",
                "digital-skills",
                [
                    ("gigabit-coverage", "Gigabit broadband", "%", "Ofcom", True, 100.0, 20.0),
                    ("internet-non-users", "Not online", "%", "ONS", False, 0.0, 15.0),
                ],
            )
        ],
    ),
]

PLACES = [
    ("E06000001", "Hartlepool", "England", "North East", 93836, 94.0, 20.0, 70.0),
    ("E06000002", "Middlesbrough", "England", "North East", 141285, 54.0, 5.0, 80.0),
    ("E06000003", "Redcar and Cleveland", "England", "North East", 137228, 245.0, 30.0, 60.0),
    ("E06000004", "Stockton-on-Tees", "England", "North East", 197419, 205.0, 25.0, 50.0),
    ("W06000015", "Cardiff", "Wales", "Wales", 369202, 140.0, 5.0, 45.0),
    ("S12000036", "City of Edinburgh", "Scotland", "Scotland", 527620, 264.0, 5.0, 20.0),
]


def make_places(rows=PLACES):
    return [
        Place.objects.get_or_create(
            gss_code=code,
            defaults={
                "name": name,
                "nation": nation,
                "region": region,
                "population": population,
                "area_km2": area,
                "rurality": rurality,
                "deprivation": deprivation,
            },
        )[0]
        for code, name, nation, region, population, area, rurality, deprivation in rows
    ]


def make_framework(number=1, published=True, **kwargs):
    return framework_create(
        number=number,
        title=f"Version {number}",
        definition=SMALL_FRAMEWORK,
        published=published,
        **kwargs,
    )


def add_values(places, year, *, shift=0.0, synthetic=True):
    """Values that differ by place (the first place best), shifted by ``shift`` a year."""
    rows = []
    for i, place in enumerate(places):
        for key, value in {
            "overcrowding": 2.0 + i + shift,
            "fuel-poverty": 8.0 + 2 * i - shift,
            "gigabit-coverage": 90.0 - 8 * i + shift,
            "internet-non-users": 3.0 + i,
        }.items():
            rows.append(
                IndicatorValue(
                    place=place, indicator_key=key, year=year, value=value, synthetic=synthetic
                )
            )
    IndicatorValue.objects.bulk_create(rows)


def scored_society(years=(2023, 2024), published=True, peer_count=3):
    """Places, a framework version and its scores for ``years``; returns (version, places)."""
    places = make_places()
    version = make_framework(published=published)
    version.peer_count = peer_count
    version.save(update_fields=["peer_count"])
    for n, year in enumerate(years):
        add_values(places, year, shift=n)
        scores_compute(version=version, year=year)
    return version, places


def link_organisation(organisation, place):
    return place_organisation_link(organisation=organisation, place=place)
