"""Benchmarking: a small survey module, cycles and their responses."""

from institute.benchmarking.models import Answer, Cycle, Response
from institute.benchmarking.services import cycle_open, participant_add

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
