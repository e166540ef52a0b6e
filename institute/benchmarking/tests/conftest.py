"""Factories and helpers for the benchmarking tests."""

import itertools

import pytest
from django.utils.text import slugify

from institute.benchmarking.definitions import normalise
from institute.benchmarking.models import Answer, Cycle, Response
from institute.benchmarking.results import compute_results
from institute.benchmarking.services import cycle_open, module_load, participant_add
from institute.people.models import Organisation, OrganisationRole, User

_counter = itertools.count(1)

SMALL_MODULE = {
    "key": "user-skills",
    "title": "User skills",
    "version": 1,
    "sections": [
        {
            "title": "Everyday tools",
            "questions": [
                {
                    "key": "internet-solutions",
                    "text": "I can use the internet to find solutions to work related problems",
                    "finding": "can use the internet to find solutions to work related problems",
                    "type": "agreement",
                    "topic": "digital-skills",
                },
                {
                    "key": "training-suspicious-links",
                    "text": "I would like more training on recognising suspicious weblinks",
                    "finding": "would like more training on recognising suspicious weblinks",
                    "type": "yes-no",
                    "topic": "cyber",
                },
            ],
        },
        {
            "title": "Learning",
            "questions": [
                {
                    "key": "learning-topics",
                    "text": "Which of these would you like to learn more about?",
                    "type": "multiple",
                    "required": False,
                    "options": [
                        {"value": 1, "label": "Data"},
                        {"value": 2, "label": "Staying safe online"},
                        {"value": 3, "label": "AI tools"},
                    ],
                    "favourable": [3],
                },
                {
                    "key": "skills-comment",
                    "text": "Anything else?",
                    "type": "text",
                    "required": False,
                },
            ],
        },
    ],
}


def make_organisation(name=None, type=Organisation.Type.COUNCIL, region="london"):
    name = name or f"Organisation {next(_counter)}"
    return Organisation.objects.create(name=name, slug=slugify(name), type=type, region=region)


def make_user(email=None, organisation=None):
    email = email or f"person{next(_counter)}@example.org"
    return User.objects.create_user(
        username=email, email=email, password="x-Passw0rd!", organisation=organisation
    )


def make_coordinator(organisation):
    user = make_user(organisation=organisation)
    OrganisationRole.objects.create(
        user=user, organisation=organisation, role=OrganisationRole.Role.COORDINATOR
    )
    return user


@pytest.fixture
def module_version(db):
    return module_load(definition=normalise(SMALL_MODULE))[0]


def make_cycle(module_version, year=2023, organisations=(), status=Cycle.Status.OPEN):
    cycle = Cycle.objects.create(year=year)
    cycle.module_versions.add(module_version)
    for org in organisations:
        participant_add(cycle=cycle, organisation=org)
    if status == Cycle.Status.OPEN:
        cycle_open(cycle=cycle)
    else:
        cycle.status = status
        cycle.save()
    return cycle


def add_responses(participant, module_version, answers_by_key):
    """answers_by_key: {"question-key": [value for each response (or list, or None)]}."""
    questions = {q.key: q for q in module_version.questions.all()}
    count = max(len(v) for v in answers_by_key.values())
    link = participant.links.filter(module_version=module_version).first()
    responses = Response.objects.bulk_create(
        [
            Response(participant=participant, module_version=module_version, link=link)
            for _ in range(count)
        ]
    )
    rows = []
    for key, values in answers_by_key.items():
        for response, value in zip(responses, values, strict=False):
            if value is None:
                continue
            for v in value if isinstance(value, list) else [value]:
                rows.append(
                    Answer(
                        response=response,
                        participant=participant,
                        question=questions[key],
                        value=v,
                    )
                )
    Answer.objects.bulk_create(rows)
    return responses


@pytest.fixture
def reports(module_version):
    """Six councils in 2022 and 2023; in 2023 the first one stands out (95% against 60%)."""
    orgs = [make_organisation(f"Council {i}") for i in range(6)]
    shares = {2022: [0.6] * 6, 2023: [0.95, 0.6, 0.6, 0.6, 0.6, 0.6]}
    cycles = {}
    for year, year_shares in shares.items():
        cycle = make_cycle(
            module_version, year=year, organisations=orgs, status=Cycle.Status.CLOSED
        )
        for participant in cycle.participants.order_by("organisation__name"):
            i = orgs.index(participant.organisation)
            yes = round(40 * year_shares[i])
            add_responses(
                participant,
                module_version,
                {
                    "internet-solutions": [5] * yes + [2] * (40 - yes),
                    "training-suspicious-links": [1] * 4 + [0] * 36,
                },
            )
        compute_results([cycle.pk])
        cycles[year] = cycle
    return orgs, cycles
