"""Benchmarking's entry in the personal-data registry (``institute/people/privacy.py``).

Action plans and written survey answers belong to an organisation, not to a person, so an
erasure keeps them; what goes is what ties them to the person: the link to whoever wrote an
action, and the person's name or e-mail address wherever the free text of their
organisations' plans and answers holds it (an action's title, owner or notes; a written
answer). Only the person's own organisations are searched — where they work, where they hold
a role, whose plan they wrote in — so that nobody can see or remove text about another
organisation by giving themselves a name it contains. The download lists the same rows.
"""

from django.db import transaction

from institute.people import privacy
from institute.people.models import OrganisationRole

from .models import Action, TextAnswer

ACTION_TEXT = ("title", "owner", "notes")


def _organisation_ids(user) -> set:
    ids = set(OrganisationRole.objects.filter(user=user).values_list("organisation_id", flat=True))
    ids.update(
        Action.objects.filter(created_by=user).values_list(
            "participant__organisation_id", flat=True
        )
    )
    if user.organisation_id:
        ids.add(user.organisation_id)
    return ids


def _actions_naming(user, organisation_ids):
    return Action.objects.filter(participant__organisation_id__in=organisation_ids).filter(
        privacy.mentioning(user, *ACTION_TEXT)
    )


def _answers_naming(user, organisation_ids):
    return TextAnswer.objects.filter(
        response__participant__organisation_id__in=organisation_ids
    ).filter(privacy.mentioning(user, "text"))


def _where(participant) -> dict:
    return {"organisation": participant.organisation.name, "year": participant.cycle.year}


def export(user) -> dict:
    organisations = _organisation_ids(user)
    related = ("participant__organisation", "participant__cycle")
    return {
        "actions_written": [
            {**_where(a.participant), "action": a.title, "created_at": a.created_at.isoformat()}
            for a in Action.objects.filter(created_by=user).select_related(*related)
        ],
        "actions_naming_you": [
            {
                **_where(a.participant),
                "action": a.title,
                "owner": a.owner,
                "notes": a.notes,
                "status": a.status,
                "due_date": a.due_date.isoformat(),
            }
            for a in _actions_naming(user, organisations).select_related(*related)
        ],
        "survey_answers_naming_you": [
            {**_where(t.response.participant), "question": t.question.text, "answer": t.text}
            for t in _answers_naming(user, organisations).select_related(
                "question", "response__participant__organisation", "response__participant__cycle"
            )
        ],
    }


@transaction.atomic
def erase(user) -> None:
    organisations = _organisation_ids(user)
    for action in _actions_naming(user, organisations):
        for field in ACTION_TEXT:
            setattr(action, field, privacy.redact(getattr(action, field), user))
        action.save(update_fields=list(ACTION_TEXT))
    for answer in _answers_naming(user, organisations):
        answer.text = privacy.redact(answer.text, user)
        answer.save(update_fields=["text"])
    # The action stays in the organisation's plan; only the link to the person goes.
    Action.objects.filter(created_by=user).update(created_by=None)
