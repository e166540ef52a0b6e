"""Demo place insight: the UK's real local authority areas with **synthetic** values.

GSS codes, names, regions, population (mid-2020) and area are real; rurality, deprivation
and every indicator value are generated here (marked ``synthetic``, and the pages say so).
Three years, the published framework (equal weights) and an unpublished one with
principal-component weights for staff; member councils linked to their areas. Idempotent.
"""

import math
import random
import re

from .framework import DEFAULT, indicator_keys
from .models import FrameworkVersion, IndicatorValue, Place

YEARS = (2022, 2023, 2024)
# Indicators worse where places are rural (reach of networks and services) or better there
# (air, crime, roads), beyond the general pull of deprivation.
RURAL_WORSE = {
    "gigabit-coverage",
    "no-decent-broadband",
    "mobile-4g-coverage",
    "gp-by-public-transport",
    "internet-non-users",
    "fuel-poverty",
    "adult-learning",
}
RURAL_BETTER = {
    "fine-particulates",
    "violent-crime",
    "hate-crime",
    "overcrowding",
    "safe-after-dark",
    "green-space",
    "belonging",
}


def characteristics(place_rows) -> dict:
    """Synthetic rurality and deprivation per code: rurality follows density, deprivation
    is drawn per place (slightly higher in the densest areas)."""
    found = {}
    for code, population, area in place_rows:
        rng = random.Random(f"characteristics:{code}")
        density = population / max(area, 0.01)
        rural = 100 - 28 * math.log10(max(density, 1)) + rng.gauss(0, 8)
        deprived = 45 + 4 * math.log10(max(density, 1)) + rng.gauss(0, 15)
        found[code] = {
            "rurality": round(min(max(rural, 0), 100), 1),
            "deprivation": round(min(max(deprived, 0), 100), 1),
        }
    return found


def synthetic_values(places, years=YEARS, definition=DEFAULT):
    """IndicatorValue rows for every place, indicator and year (not saved)."""
    bounds = {
        i[0]: (i[5], i[6])
        for _, _, _, components in definition
        for _, _, _, inds in components
        for i in inds
    }
    components = {
        i[0]: c_key for _, _, _, comps in definition for c_key, _, _, inds in comps for i in inds
    }
    rows = []
    for place in places:
        base = random.Random(f"place:{place.gss_code}")
        general = base.gauss(0, 0.03)
        for key in indicator_keys(definition):
            utopia, dystopia = bounds[key]
            # Each component has its own pull in each place, so places have strengths and
            # weaknesses of their own rather than being good or bad at everything.
            component = components[key]
            local = random.Random(f"{place.gss_code}:{component}").gauss(0, 0.12)
            local += random.Random(f"{place.gss_code}:{key}").gauss(0, 0.05)
            for year in years:
                n = year - YEARS[0]
                noise = random.Random(f"{place.gss_code}:{key}:{year}").gauss(0, 0.025)
                position = (
                    0.62
                    - 0.35 * (place.deprivation - 50) / 50
                    + general
                    + local
                    + noise
                    + 0.015 * n
                )
                if key in RURAL_WORSE:
                    position -= 0.3 * (place.rurality - 40) / 60
                elif key in RURAL_BETTER:
                    position += 0.15 * (place.rurality - 40) / 60
                position = min(max(position, -0.05), 1.05)  # a few beyond the bounds
                value = dystopia + position * (utopia - dystopia)
                rows.append(
                    IndicatorValue(
                        place=place,
                        indicator_key=key,
                        year=year,
                        value=round(value, 3),
                        synthetic=True,
                    )
                )
    return rows


SUFFIXES = re.compile(r"\s+(city council|county council|borough council|district council|council)$")


def _place_name(organisation_name: str) -> str:
    name = SUFFIXES.sub("", organisation_name.strip().lower())
    return name.replace("&", "and").replace("  ", " ")


def link_member_councils(log) -> int:
    from institute.people.models import Organisation

    from .services import place_organisation_link

    places = {p.name.lower(): p for p in Place.objects.all()}
    linked = 0
    for organisation in Organisation.objects.filter(type=Organisation.Type.COUNCIL):
        place = places.get(_place_name(organisation.name))
        if place is not None:
            place_organisation_link(organisation=organisation, place=place)
            linked += 1
    log(f"insight: {linked} member councils linked to their areas")
    return linked


def seed(*, scale, log):
    import csv

    from django.db import transaction

    from . import services

    with open(services.PLACES_FILE, encoding="utf-8", newline="") as handle:
        rows = [
            (r["gss_code"], int(r["population"]), float(r["area_km2"]))
            for r in csv.DictReader(handle)
        ]
    created, updated = services.places_load(characteristics=characteristics(rows))
    log(f"insight: {created} places created, {updated} updated")
    versions = []
    for number, title, weighting, published in (
        (1, "Wellbeing index 2024", FrameworkVersion.Weighting.EQUAL, True),
        (2, "Wellbeing index with principal-component weights (draft)", "pca", False),
    ):
        version = FrameworkVersion.objects.filter(number=number).first()
        if version is None:
            version = services.framework_create(
                number=number, title=title, weighting=weighting, published=published
            )
        versions.append(version)
    places = list(Place.objects.all())
    for year in YEARS:
        if IndicatorValue.objects.filter(year=year).exists():
            continue
        with transaction.atomic():
            IndicatorValue.objects.bulk_create(
                synthetic_values(places, years=(year,)), batch_size=services.BATCH
            )
        log(f"insight: synthetic values for {year}")
    for version in versions:
        for year in YEARS:
            if version.runs.filter(year=year).exists():
                continue
            services.framework_weights_compute(version=version, year=year)
            services.scores_compute(version=version, year=year)
        log(f"insight: scores of version {version.number} for {', '.join(map(str, YEARS))}")
    link_member_councils(log)
