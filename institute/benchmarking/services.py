"""Writes of the benchmarking room: modules, cycles, participants, submissions, actions."""

from typing import NamedTuple

import polars as pl
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from institute.core.ratelimit import over_limit

from . import bulk
from .definitions import DefinitionError
from .models import (
    Action,
    Answer,
    Cycle,
    Module,
    ModuleVersion,
    Participant,
    Question,
    Response,
    Section,
    SurveyLink,
    TextAnswer,
)


class SurveyClosed(Exception):
    """The link's cycle is not open for answers."""


@transaction.atomic
def module_load(*, definition: dict) -> tuple[ModuleVersion, bool]:
    """Store a normalised module definition as a new version; loading it again changes nothing.

    Raises ``DefinitionError`` when the version exists with different content, or when a
    question key changes its type from an earlier version (years would no longer compare).
    """
    module, _ = Module.objects.get_or_create(
        key=definition["key"],
        defaults={"title": definition["title"], "level": definition["level"]},
    )
    existing = ModuleVersion.objects.filter(module=module, version=definition["version"]).first()
    if existing:
        if existing.definition != definition:
            raise DefinitionError(
                f"{module.key} version {definition['version']} is already loaded with other "
                "content; give the changed definition a new version number"
            )
        return existing, False
    if module.level != definition["level"]:
        raise DefinitionError(f"{module.key} is an {module.level} module; its level is fixed")
    earlier_types = dict(
        Question.objects.filter(module_version__module=module).values_list("key", "type")
    )
    for section in definition["sections"]:
        for q in section["questions"]:
            if q["key"] in earlier_types and earlier_types[q["key"]] != q["type"]:
                raise DefinitionError(
                    f"question '{q['key']}' was {earlier_types[q['key']]} in an earlier version;"
                    " a key keeps its type — use a new key for a new question"
                )
    module.title = definition["title"]
    module.description = definition["description"]
    module.save(update_fields=["title", "description"])
    version = ModuleVersion.objects.create(
        module=module, version=definition["version"], definition=definition
    )
    position = 0
    for s_pos, s in enumerate(definition["sections"], start=1):
        section = Section.objects.create(
            module_version=version, position=s_pos, title=s["title"], intro=s["intro"]
        )
        questions = []
        for q in s["questions"]:
            position += 1
            questions.append(
                Question(
                    module_version=version,
                    section=section,
                    key=q["key"],
                    position=position,
                    text=q["text"],
                    finding=q["finding"],
                    help_text=q["help"],
                    type=q["type"],
                    options=q["options"],
                    favourable=q["favourable"],
                    topic_slug=q["topic"],
                    required=q["required"],
                )
            )
        Question.objects.bulk_create(questions)
    return version, True


@transaction.atomic
def participant_add(*, cycle: Cycle, organisation) -> Participant:
    """Add an organisation to a cycle with one survey link per module of the cycle."""
    participant, _ = Participant.objects.get_or_create(cycle=cycle, organisation=organisation)
    links_ensure(participant=participant)
    return participant


@transaction.atomic
def participants_add(*, cycle: Cycle, organisation_ids) -> dict[int, int]:
    """``participant_add`` for many organisations in a few queries (the history import).

    Returns {organisation id: participant id}.
    """
    ids = set(organisation_ids)
    existing = set(
        Participant.objects.filter(cycle=cycle, organisation_id__in=ids).values_list(
            "organisation_id", flat=True
        )
    )
    Participant.objects.bulk_create(
        [Participant(cycle=cycle, organisation_id=pk) for pk in sorted(ids - existing)]
    )
    participants = dict(
        Participant.objects.filter(cycle=cycle, organisation_id__in=ids).values_list(
            "organisation_id", "pk"
        )
    )
    have = set(
        SurveyLink.objects.filter(participant_id__in=participants.values()).values_list(
            "participant_id", "module_version_id"
        )
    )
    versions = list(cycle.module_versions.values_list("pk", flat=True))
    SurveyLink.objects.bulk_create(
        [
            SurveyLink(participant_id=participant, module_version_id=version)
            for participant in participants.values()
            for version in versions
            if (participant, version) not in have
        ]
    )
    return participants


def links_ensure(*, participant: Participant) -> list[SurveyLink]:
    """Make sure the participant has a link for every module version of its cycle."""
    have = set(participant.links.values_list("module_version_id", flat=True))
    SurveyLink.objects.bulk_create(
        [
            SurveyLink(participant=participant, module_version=mv)
            for mv in participant.cycle.module_versions.all()
            if mv.pk not in have
        ]
    )
    return list(participant.links.all())


class CycleStateError(Exception):
    """A cycle cannot make the change asked of it in its present state; says why."""


class Transition(NamedTuple):
    allowed: frozenset  # the states the cycle must be in
    becomes: str | None  # its state afterwards (None: unchanged)
    refusal: str  # why not, after "<year> is <state>; "


# What each change needs the cycle to be in, and what it becomes (``docs/benchmarking.md``).
TRANSITIONS = {
    "open": Transition(
        frozenset({Cycle.Status.DRAFT}),
        Cycle.Status.OPEN,
        "only a draft cycle can be opened",
    ),
    "issue-links": Transition(
        frozenset({Cycle.Status.DRAFT, Cycle.Status.OPEN}),
        None,
        "links are issued only before it closes",
    ),
    "close": Transition(
        frozenset({Cycle.Status.OPEN}),
        Cycle.Status.CLOSED,
        "only an open cycle can be closed",
    ),
    "recompute": Transition(
        frozenset({Cycle.Status.CLOSED}),
        None,
        "results are recomputed only while it is closed",
    ),
    "publish": Transition(
        frozenset({Cycle.Status.CLOSED}),
        Cycle.Status.PUBLISHED,
        "only a closed cycle can be published",
    ),
}


def _locked(cycle: Cycle, change: str) -> Cycle:
    """The cycle's row, locked until the transaction ends, after checking the change is allowed.

    Two members of staff pressing buttons at once queue here: the second sees the state the
    first left, so a change happens once and a refused one says why.
    """
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if locked.status not in TRANSITIONS[change].allowed:
        raise CycleStateError(_refusal(locked, change))
    return locked


def _refusal(cycle: Cycle, change: str) -> str:
    state = cycle.get_status_display().lower()
    return f"{cycle.year} is {state}; {TRANSITIONS[change].refusal}"


def _refresh(cycle: Cycle, locked: Cycle) -> Cycle:
    # Every field, so a field added to Cycle later is not left stale on the caller's copy.
    for field in Cycle._meta.concrete_fields:
        setattr(cycle, field.attname, getattr(locked, field.attname))
    return cycle


def _links_issue(cycle: Cycle) -> int:
    """A link for every participant and module version of the cycle that has none, in four
    queries whatever the number of participants: the cycle's row is locked meanwhile."""
    have = set(
        SurveyLink.objects.filter(participant__cycle=cycle).values_list(
            "participant_id", "module_version_id"
        )
    )
    versions = list(cycle.module_versions.values_list("pk", flat=True))
    links = [
        SurveyLink(participant_id=participant, module_version_id=version)
        for participant in cycle.participants.values_list("pk", flat=True)
        for version in versions
        if (participant, version) not in have
    ]
    SurveyLink.objects.bulk_create(links)
    return len(links)


@transaction.atomic
def cycle_open(*, cycle: Cycle) -> Cycle:
    """Open a draft cycle for answers and give every participant its survey links.

    Raises ``CycleStateError`` unless the cycle is a draft with at least one module.
    """
    locked = _locked(cycle, "open")
    if not locked.module_versions.exists():
        raise CycleStateError(f"{locked.year} has no modules; add one before opening it")
    locked.status = Cycle.Status.OPEN
    locked.opened_at = locked.opened_at or timezone.now()
    locked.save(update_fields=["status", "opened_at"])
    _links_issue(locked)
    return _refresh(cycle, locked)


@transaction.atomic
def cycle_links_issue(*, cycle: Cycle) -> int:
    """Give every participant of a draft or open cycle a link per module; returns how many new.

    For participants or modules added since the cycle opened. Raises ``CycleStateError``
    once the cycle has closed.
    """
    return _links_issue(_locked(cycle, "issue-links"))


def cycle_close(*, cycle: Cycle) -> Cycle:
    """Close an open cycle to answers and compute its results in the background.

    Raises ``CycleStateError`` unless the cycle is open.
    """
    with transaction.atomic():
        locked = _locked(cycle, "close")
        locked.status = Cycle.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.results_requested_at = locked.closed_at
        locked.save(update_fields=["status", "closed_at", "results_requested_at"])
    _results_enqueue(locked)
    return _refresh(cycle, locked)


def cycle_results_recompute(*, cycle: Cycle) -> Cycle:
    """Compute a closed cycle's results again in the background (after an import, say).

    Raises ``CycleStateError`` unless the cycle is closed: published results are final.
    """
    with transaction.atomic():
        locked = _locked(cycle, "recompute")
        locked.results_requested_at = timezone.now()
        locked.save(update_fields=["results_requested_at"])
    _results_enqueue(locked)
    return _refresh(cycle, locked)


@transaction.atomic
def cycle_publish(*, cycle: Cycle) -> Cycle:
    """Mark a closed cycle's results as final: no more recomputes or imports into it.

    Raises ``CycleStateError`` unless the cycle is closed with its results computed and
    no recompute outstanding.
    """
    locked = _locked(cycle, "publish")
    if locked.results_computed_at is None or (
        locked.results_requested_at and locked.results_requested_at > locked.results_computed_at
    ):
        raise CycleStateError(
            f"the results of {locked.year} are still being computed; publish once they are ready"
        )
    locked.status = Cycle.Status.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at"])
    return _refresh(cycle, locked)


def _results_enqueue(cycle: Cycle) -> None:
    from .tasks import compute_cycle_results

    compute_cycle_results.enqueue(cycle.pk)


def _cycle_status_held(cycle_id: int) -> str:
    """The cycle's status, its row held against change until this transaction ends.

    Submissions hold it together (a shared lock: they do not wait for each other); closing
    the cycle (``_locked``) waits for those in flight, and those after it find it closed,
    so no answer lands after the results are computed. SQLite runs one writer at a time.
    """
    if connection.vendor != "postgresql":
        return Cycle.objects.values_list("status", flat=True).get(pk=cycle_id)
    with connection.cursor() as cursor:
        # Django's select_for_update() has no shared form.
        cursor.execute(
            f'SELECT status FROM "{Cycle._meta.db_table}" WHERE id = %s FOR SHARE',  # noqa: S608
            [cycle_id],
        )
        return cursor.fetchone()[0]


def link_rate_limited(
    *, link: SurveyLink, address: str, per_address: int = 30, limit: int = 600, seconds: int = 60
) -> bool:
    """Count a submission attempt on this link from ``address``; True when over a limit.

    A link is shared by everyone asked to answer, so one sender must not use it up for the
    rest: each address has its own limit, and the link a higher one for all of them.
    ``address`` is ``core.ratelimit.client_address(request)``.
    """
    mine = over_limit(f"benchmarking:link:{link.pk}:{address}", limit=per_address, seconds=seconds)
    return mine or over_limit(f"benchmarking:link:{link.pk}", limit=limit, seconds=seconds)


@transaction.atomic
def response_submit(*, link: SurveyLink, submission_token, answers: dict) -> tuple[Response, bool]:
    """Store one submission exactly once.

    ``answers`` maps a Question to its value: a number, a list of numbers (multiple
    choice), a string (free text), or None (left blank). The submission token comes from
    the form; a repeated token (double click, retried request) returns the stored response
    and ``created=False``. Concurrent repeats are settled by the unique constraint.
    """
    if _cycle_status_held(link.participant.cycle_id) != Cycle.Status.OPEN:
        raise SurveyClosed
    try:
        with transaction.atomic():
            response = Response.objects.create(
                link=link,
                participant_id=link.participant_id,
                module_version_id=link.module_version_id,
                submission_token=submission_token,
            )
    except IntegrityError:
        return Response.objects.get(submission_token=submission_token), False
    rows, texts = [], []
    for question, value in answers.items():
        if value is None or value == "" or value == []:
            continue
        if question.type == Question.Type.TEXT:
            texts.append(TextAnswer(response=response, question=question, text=value))
            continue
        for v in value if isinstance(value, list) else [value]:
            rows.append(
                Answer(
                    response=response,
                    participant_id=link.participant_id,
                    question=question,
                    value=float(v),
                )
            )
    # The answers' references are checked as the bulk writer checks them (see models.Answer).
    bulk.check_answers(
        pl.DataFrame(
            [(a.response_id, a.participant_id, a.question_id) for a in rows],
            schema={"response_id": pl.Int64, "participant_id": pl.Int64, "question_id": pl.Int64},
            orient="row",
        )
    )
    Answer.objects.bulk_create(rows)
    TextAnswer.objects.bulk_create(texts)
    return response, True


@transaction.atomic
def action_create(*, participant: Participant, user, question=None, **fields) -> Action:
    """Add an action to the participant's plan, optionally tied to a finding's question."""
    return Action.objects.create(
        participant=participant, question=question, created_by=user, **fields
    )


@transaction.atomic
def action_update(*, action: Action, **fields) -> Action:
    for name, value in fields.items():
        setattr(action, name, value)
    action.save()
    return action
