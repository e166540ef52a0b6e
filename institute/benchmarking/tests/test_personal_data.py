"""A person's erasure and download cover the free text of their organisations' plans and
answers that names them (an action's owner and notes, a written survey answer)."""

import datetime
import uuid

import pytest

from institute.benchmarking.models import Action, TextAnswer
from institute.benchmarking.services import action_create, response_submit
from institute.people import privacy
from institute.people.selectors import personal_data_export
from institute.people.services import account_erase
from tests.factories.benchmarking import make_cycle
from tests.factories.people import make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def norfolk(module_version):
    organisation = make_organisation("Norfolk")
    make_cycle(module_version, organisations=[organisation])
    return organisation


@pytest.fixture
def jane(norfolk):
    user = make_user("jane.smith@norfolk.example", organisation=norfolk)
    user.first_name, user.last_name = "Jane", "Smith"
    user.save()
    return user


def _action(organisation, **fields):
    participant = organisation.benchmarking_participations.get()
    fields.setdefault("title", "Train staff on phishing")
    return action_create(
        participant=participant, user=None, due_date=datetime.date(2024, 3, 31), **fields
    )


def _written_answer(organisation, text):
    link = organisation.benchmarking_participations.get().links.get()
    question = link.module_version.questions.get(type="text")
    response_submit(link=link, submission_token=uuid.uuid4(), answers={question: text})
    return TextAnswer.objects.get(text=text)


def _section(user):
    return personal_data_export(user=user)["sections"]["benchmarking"]["data"]


def test_erasure_removes_the_name_from_an_actions_owner_and_notes(norfolk, jane):
    action = _action(norfolk, owner="Jane Smith", notes="Ask jane SMITH to book the trainer.")
    account_erase(user=jane)
    action.refresh_from_db()
    assert action.owner == privacy.REDACTED
    assert action.notes == f"Ask {privacy.REDACTED} to book the trainer."
    assert "Smith" not in action.title + action.owner + action.notes


def test_erasure_removes_the_email_address_from_an_action(norfolk, jane):
    action = _action(norfolk, owner="Head of IT", notes="Contact jane.smith@norfolk.example")
    account_erase(user=jane)
    action.refresh_from_db()
    assert "jane.smith" not in action.notes
    assert action.owner == "Head of IT"


def test_erasure_keeps_the_action_in_the_organisations_plan(norfolk, jane):
    _action(norfolk, owner="Jane Smith")
    account_erase(user=jane)
    assert Action.objects.filter(participant__organisation=norfolk).count() == 1


def test_erasure_leaves_another_organisations_text_alone(module_version, norfolk, jane):
    suffolk = make_organisation("Suffolk")
    make_cycle(module_version, year=2024, organisations=[suffolk])
    theirs = _action(suffolk, owner="Jane Smith")
    account_erase(user=jane)
    theirs.refresh_from_db()
    assert theirs.owner == "Jane Smith"


def test_erasure_removes_the_name_from_a_written_survey_answer(norfolk, jane):
    answer = _written_answer(norfolk, "Jane Smith ran a great session.")
    account_erase(user=jane)
    answer.refresh_from_db()
    assert answer.text == f"{privacy.REDACTED} ran a great session."


def test_download_lists_actions_naming_the_person(norfolk, jane):
    _action(norfolk, owner="Jane Smith", notes="Budget agreed.")
    _action(norfolk, title="Not about her", owner="Head of IT")
    data = _section(jane)
    assert [(a["owner"], a["notes"]) for a in data["actions_naming_you"]] == [
        ("Jane Smith", "Budget agreed.")
    ]


def test_download_lists_written_answers_naming_the_person(norfolk, jane):
    _written_answer(norfolk, "Thanks to Jane Smith for the help.")
    _written_answer(norfolk, "Nothing to add.")
    data = _section(jane)
    assert [a["answer"] for a in data["survey_answers_naming_you"]] == [
        "Thanks to Jane Smith for the help."
    ]


def test_download_lists_the_actions_the_person_wrote(norfolk, jane):
    participant = norfolk.benchmarking_participations.get()
    action_create(
        participant=participant,
        user=jane,
        title="Buy laptops",
        owner="Head of IT",
        due_date=datetime.date(2024, 3, 31),
    )
    assert [a["action"] for a in _section(jane)["actions_written"]] == ["Buy laptops"]


def test_a_first_name_alone_is_not_searched_for(norfolk):
    user = make_user("j@norfolk.example", organisation=norfolk)
    user.first_name = "Jane"
    user.save()
    action = _action(norfolk, owner="Jane from finance")
    account_erase(user=user)
    action.refresh_from_db()
    assert action.owner == "Jane from finance"


def test_a_history_import_the_person_uploaded_is_listed_then_unlinked(module_version, jane):
    from institute.benchmarking.models import HistoryImport

    record = HistoryImport.objects.create(
        original_name="2009.csv", year=2009, module_version=module_version, created_by=jane
    )
    assert [i["file"] for i in _section(jane)["history_imports_uploaded"]] == ["2009.csv"]
    account_erase(user=jane)
    record.refresh_from_db()
    assert record.created_by is None
