"""Demo benchmarking: 25 years (1999–2023) of synthetic but plausible history.

About 40 organisations take part over the years. The 2023 cycle has 14 organisations and
6,240 end-user responses and reproduces the year-in-review's two *User skills* figures:
94% can use the internet to find solutions to work related problems, 11% would like more
training on recognising suspicious weblinks. A 2024 cycle is open so coordinators see
their survey links and live response counts.

``--scale large``: 25 years × 100 organisations × 400 responses × 30 questions (30 M
answers) of the *User satisfaction* module, written by the bulk paths (COPY / JSON rows),
one committed transaction per year after ``seed_demo``'s own transaction: a stopped run
resumes where it stopped, a finished one changes nothing.

Answers are generated with Polars, deterministically: for each organisation and question
the number of favourable answers is fixed (round(n × p)) and spread over the responses by
an offset that differs per question, so figures are exact and reproducible.
"""

import datetime as dt
import time
from functools import partial
from pathlib import Path

import polars as pl
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify

from institute.core.demo import analyse
from institute.people.models import Organisation, OrganisationRole, Region, User

from . import bulk
from .definitions import read_definition
from .models import Answer, Cycle, ModuleVersion, Participant, Question, Response
from .results import compute_results
from .services import links_ensure, module_load

MODULES = Path(__file__).parent / "modules"
FIRST_YEAR, LAST_YEAR = 1999, 2023
SKILLS_FROM = 2005

PLACES = [
    ("Kent County Council", "council", Region.SOUTH_EAST),
    ("Surrey County Council", "council", Region.SOUTH_EAST),
    ("Hampshire County Council", "council", Region.SOUTH_EAST),
    ("Devon County Council", "council", Region.SOUTH_WEST),
    ("Cornwall Council", "council", Region.SOUTH_WEST),
    ("Bristol City Council", "council", Region.SOUTH_WEST),
    ("Leeds City Council", "council", Region.YORKSHIRE),
    ("Sheffield City Council", "council", Region.YORKSHIRE),
    ("Newcastle City Council", "council", Region.NORTH_EAST),
    ("Durham County Council", "council", Region.NORTH_EAST),
    ("Liverpool City Council", "council", Region.NORTH_WEST),
    ("Lancashire County Council", "council", Region.NORTH_WEST),
    ("Nottinghamshire County Council", "council", Region.EAST_MIDLANDS),
    ("Leicestershire County Council", "council", Region.EAST_MIDLANDS),
    ("Coventry City Council", "council", Region.WEST_MIDLANDS),
    ("Shropshire Council", "council", Region.WEST_MIDLANDS),
    ("Suffolk County Council", "council", Region.EAST),
    ("Cambridgeshire County Council", "council", Region.EAST),
    ("London Borough of Camden", "council", Region.LONDON),
    ("London Borough of Lambeth", "council", Region.LONDON),
    ("Swansea Council", "council", Region.WALES),
    ("City of Edinburgh Council", "council", Region.SCOTLAND),
    ("West Midlands Combined Authority", "combined-authority", Region.WEST_MIDLANDS),
    ("West Yorkshire Combined Authority", "combined-authority", Region.YORKSHIRE),
    ("Leeds Teaching Hospitals NHS Trust", "health", Region.YORKSHIRE),
    ("Norfolk and Suffolk NHS Foundation Trust", "health", Region.EAST),
    ("Devon and Somerset Fire and Rescue Service", "police-fire", Region.SOUTH_WEST),
    ("Kent Police", "police-fire", Region.SOUTH_EAST),
    ("Valuation Office Agency", "central-government", Region.NATIONAL),
    ("Land Registry", "central-government", Region.NATIONAL),
]
HEADLINES_2023 = {"internet-solutions": 0.94, "training-suspicious-links": 0.11}
# How each headline moved in the years before 2023 (a share per year, towards 2023's figure):
# more users able to find solutions online, fewer still wanting training on suspicious links.
HEADLINE_DRIFT = {"internet-solutions": -0.01, "training-suspicious-links": 0.004}
RESPONSES_2023 = 6240  # end-user responses, half to each end-user module


@transaction.atomic  # the bulk writes lock the responses table for the transaction
def seed(*, scale, log, years=None):
    """``years`` limits the history to some years (tests use it to stay quick)."""
    versions = _load_modules(log)
    orgs = _organisations(scale)
    _coordinator(log)
    if scale == "large":
        # Thirty million answers do not belong in one transaction (seed_demo holds one per
        # room): the years go in after it commits, one committed transaction each.
        transaction.on_commit(partial(_seed_large, log))
        return
    if Cycle.objects.filter(year=LAST_YEAR, results_computed_at__isnull=False).exists():
        log("benchmarking history already seeded")
        return
    years = years or list(range(FIRST_YEAR, LAST_YEAR + 1))
    cycles = []
    for year in years:
        cycles.append(_history_year(year, versions, orgs))
    log(f"{len(years)} cycles, {Response.objects.count():,} responses")
    compute_results([c.pk for c in cycles])
    log("results computed for every year")
    _open_cycle(versions, orgs)


def _load_modules(log):
    versions = {}
    for path in sorted(MODULES.glob("*.yaml")):
        version, _ = module_load(definition=read_definition(path))
        versions[(version.module.key, version.version)] = version
    log(f"{len(versions)} module versions")
    return versions


def _organisations(scale):
    for name, org_type, region in PLACES:
        Organisation.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "type": org_type, "region": region}
        )
    if scale == "large":
        regions = [r for r in Region.values if r not in ("national", "international")]
        types = ["council", "council", "council", "health", "police-fire", "combined-authority"]
        existing = Organisation.objects.exclude(type="partner").count()
        for i in range(existing, 100):
            name = f"Benchmark Borough {i + 1:03d}"
            Organisation.objects.get_or_create(
                slug=slugify(name),
                defaults={"name": name, "type": types[i % 6], "region": regions[i % len(regions)]},
            )
    return list(Organisation.objects.exclude(type="partner").order_by("pk"))


def _coordinator(log):
    """The demo coordinator: Mark Lumley for Hounslow (from the roof's demo people)."""
    user = User.objects.filter(email="mark.lumley@demo.institute.example").first()
    org = Organisation.objects.filter(slug="london-borough-of-hounslow").first()
    if user and org:
        OrganisationRole.objects.get_or_create(
            user=user, organisation=org, role=OrganisationRole.Role.COORDINATOR
        )
        log("Mark Lumley coordinates Hounslow's benchmarking")


def _share(org_index, question_position, year):
    """A plausible favourable share: a question level, an organisation effect, a slow rise."""
    base = 0.55 + 0.3 * ((question_position * 37) % 11) / 10
    org = ((org_index * 53) % 17 - 8) / 100
    trend = (year - 2011) * 0.006
    return min(max(base + org + trend, 0.05), 0.97)


def _history_year(year, versions, orgs):
    cycle, _ = Cycle.objects.get_or_create(year=year)
    if year == LAST_YEAR:
        chosen = _with_hounslow(orgs, 14, year)
    else:
        count = 12 + (year * 7) % 12
        chosen = _with_hounslow(orgs, count, year)
    modules = [versions[("user-satisfaction", 1)]]
    if year >= SKILLS_FROM:
        modules.append(versions[("user-skills", 2 if year == LAST_YEAR else 1)])
    cycle.module_versions.set(modules + [versions[("cost-delivery-performance", 1)]])
    participants = [
        Participant.objects.get_or_create(cycle=cycle, organisation=o)[0] for o in chosen
    ]
    for p in participants:
        links_ensure(participant=p)
    for version in modules:
        if year == LAST_YEAR:
            sizes = _split(RESPONSES_2023 // 2, len(participants))
        else:
            sizes = [40 + (p.organisation_id * 13 + year) % 50 for p in participants]
        _generate(version, participants, orgs, sizes, year, _headlines(year))
    _close(cycle, year)
    return cycle


def _close(cycle, year):
    """Close a history year with the survey season's dates (March to June)."""
    cycle.status = Cycle.Status.CLOSED
    cycle.opened_at = timezone.make_aware(dt.datetime(year, 3, 1))
    cycle.closed_at = timezone.make_aware(dt.datetime(year, 6, 30))
    cycle.save()


def _headlines(year):
    """The sector share of each headline question in a year: 2023's figure, drifted back."""
    return {
        key: round(share + HEADLINE_DRIFT[key] * (LAST_YEAR - year), 3)
        for key, share in HEADLINES_2023.items()
    }


def _with_hounslow(orgs, count, year):
    start = (year * 11) % len(orgs)
    chosen = (orgs[start:] + orgs[:start])[:count]
    hounslow = next((o for o in orgs if o.slug == "london-borough-of-hounslow"), None)
    if hounslow and hounslow not in chosen:
        chosen[-1] = hounslow
    return chosen


def _split(total, parts):
    sizes = [150 + (i * 71) % 200 for i in range(parts)]
    scale = total / sum(sizes)
    sizes = [round(s * scale) for s in sizes]
    sizes[-1] += total - sum(sizes)
    return sizes


def _favourable_counts(sizes, shares, target):
    counts = [round(n * s) for n, s in zip(sizes, shares, strict=True)]
    if target is not None:
        counts[-1] += round(target * sum(sizes)) - sum(counts)
    return counts


def _generate(version, participants, orgs, sizes, year, targets):
    """Write responses and answers of one module for one cycle by the bulk path."""
    questions = [q for q in version.questions.order_by("position") if q.type in _GENERATED_TYPES]
    first = bulk.next_response_id()
    index = {o.pk: i for i, o in enumerate(orgs)}
    responses = pl.DataFrame(
        {
            "participant_id": [
                p.pk for p, n in zip(participants, sizes, strict=True) for _ in range(n)
            ],
            "n": [n for n in sizes for _ in range(n)],
            "i": [i for n in sizes for i in range(n)],
        }
    ).with_columns(
        (pl.int_range(pl.len()) + first).alias("id"),
        pl.lit(version.pk).alias("module_version_id"),
    )
    bulk.write_responses(responses, dt.datetime(year, 5, 15, 12, tzinfo=dt.UTC))
    frames = []
    for q in questions:
        shares = [_share(index[p.organisation_id], q.position, year) for p in participants]
        if q.key in targets:
            shares = [min(max(targets[q.key] + (s - 0.75) / 10, 0.01), 0.99) for s in shares]
        counts = _favourable_counts(sizes, shares, targets.get(q.key))
        fav = pl.DataFrame({"participant_id": [p.pk for p in participants], "k": counts})
        frames.append(_answers(responses, fav, q))
    # In the tally index's order: the index then grows at its end instead of all over.
    answers = pl.concat(frames).sort("participant_id", "question_id", "value")
    bulk.write_answers(answers)
    return answers.height


_GENERATED_TYPES = {Question.Type.AGREEMENT, Question.Type.YES_NO, Question.Type.NUMBER}


def _answers(responses, fav, q):
    """Exactly k favourable answers per organisation, placed by a per-question offset."""
    offset = (q.position * 7919) % 1009
    slot = ((pl.col("i") + offset) % pl.col("n")).alias("slot")
    frame = responses.join(fav, on="participant_id").with_columns(slot)
    favourable = pl.col("slot") < pl.col("k")
    if q.type == Question.Type.AGREEMENT:
        value = (
            pl.when(favourable).then(4 + (pl.col("slot") % 2)).otherwise(1 + (pl.col("slot") % 3))
        )
    elif q.type == Question.Type.YES_NO:
        value = pl.when(favourable).then(1).otherwise(0)
    else:
        value = 400 + (pl.col("participant_id") * 37 + q.position) % 900
    return frame.select(
        pl.col("id").alias("response_id"),
        "participant_id",
        pl.lit(q.pk).alias("question_id"),
        value.cast(pl.Float64).alias("value"),
    )


def _open_cycle(versions, orgs):
    cycle, created = Cycle.objects.get_or_create(year=LAST_YEAR + 1)
    if not created:
        return
    cycle.module_versions.set(
        [
            versions[("user-satisfaction", 1)],
            versions[("user-skills", 2)],
            versions[("cost-delivery-performance", 1)],
        ]
    )
    for org in _with_hounslow(orgs, 6, LAST_YEAR + 1):
        links_ensure(
            participant=Participant.objects.get_or_create(cycle=cycle, organisation=org)[0]
        )
    cycle.status = Cycle.Status.OPEN
    cycle.opened_at = timezone.now()
    cycle.save()


LARGE_ORGANISATIONS, LARGE_RESPONSES = 100, 400


def _seed_large(log):
    """25 years × 100 organisations × 400 responses × 30 questions of User satisfaction.

    Runs outside any transaction and commits year by year, so a stopped run keeps the
    years it finished and the next run tops up. A year is written in one transaction
    (participants, responses, answers, then closed), so a year with all its participants
    is complete. Answers go in sorted by the tally index, which then only grows at its end.
    """
    satisfaction = ModuleVersion.objects.get(module__key="user-satisfaction", version=1)
    orgs = list(Organisation.objects.exclude(type="partner").order_by("pk"))[:LARGE_ORGANISATIONS]
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    sizes = dict(
        Cycle.objects.filter(year__in=years)
        .annotate(orgs=Count("participants"))
        .values_list("year", "orgs")
    )
    done = {year for year, count in sizes.items() if count == len(orgs)}
    other = [year for year in sizes if year not in done]
    if other:
        # Demo-scale history in the way: the large years replace it.
        Cycle.objects.filter(year__in=other).delete()
        log(f"replaced demo-scale history of {len(other)} years")
    todo = [year for year in years if year not in done]
    if (
        not todo
        and not Cycle.objects.filter(year__in=years, results_computed_at__isnull=True).exists()
    ):
        log("large benchmarking data already seeded")
        return
    for year in todo:
        started = time.monotonic()
        with transaction.atomic():
            answers = _large_year(year, satisfaction, orgs)
        log(f"{year}: {answers:,} answers in {time.monotonic() - started:.1f}s")
    _analyse(log)
    started = time.monotonic()
    cycle_ids = list(
        Cycle.objects.filter(year__in=years).order_by("year").values_list("pk", flat=True)
    )
    compute_results(cycle_ids)
    log(f"results computed for every year in {time.monotonic() - started:.1f}s")


def _large_year(year, satisfaction, orgs):
    cycle = Cycle.objects.create(year=year, status=Cycle.Status.DRAFT)
    cycle.module_versions.set([satisfaction])
    Participant.objects.bulk_create([Participant(cycle=cycle, organisation=o) for o in orgs])
    participants = list(cycle.participants.order_by("organisation_id"))
    sizes = [LARGE_RESPONSES] * len(participants)
    answers = _generate(satisfaction, participants, orgs, sizes, year, {})
    _close(cycle, year)
    return answers


def _analyse(log):
    """Fresh planner statistics; on PostgreSQL also the visibility map for index-only scans."""
    started = time.monotonic()
    analyse([Response, Answer, Participant, Cycle], vacuum=True)
    log(f"statistics updated in {time.monotonic() - started:.1f}s")
