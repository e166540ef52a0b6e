"""The survey: one section per page, no JavaScript, stored exactly once, plain messages."""

import uuid
from unittest import mock

import pytest
from django.db import IntegrityError
from django.urls import reverse

from institute.benchmarking.definitions import normalise
from institute.benchmarking.models import Answer, Cycle, Response, TextAnswer
from institute.benchmarking.services import SurveyClosed, module_load, response_submit
from tests.factories.benchmarking import SMALL_MODULE, make_cycle
from tests.factories.people import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(module_version):
    cycle = make_cycle(module_version, organisations=[make_organisation("Norfolk")])
    return cycle.participants.get().links.get()


def _token(response):
    return response.context["form"]["submission_token"].value()


def _first_page(client, link, token, **answers):
    data = {"submission_token": token, "step": "0", "action": "next"}
    data.update({"q-internet-solutions": "5", "q-training-suspicious-links": "0"})
    data.update(answers)
    return client.post(link.get_absolute_url(), data)


def test_first_page_shows_only_the_first_section(client, link):
    response = client.get(link.get_absolute_url())
    body = response.content.decode()
    assert "Everyday tools" in body and "section 1 of 2" in body
    assert "Which of these would you like to learn more about?" not in body


def test_next_with_missing_answer_shows_field_error_and_keeps_input(client, link):
    token = str(uuid.uuid4())
    response = client.post(
        link.get_absolute_url(),
        {"submission_token": token, "step": "0", "action": "next", "q-internet-solutions": "4"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem with your answers" in body
    assert response.context["form"]["q-internet-solutions"].value() == "4"
    assert Response.objects.count() == 0


def test_error_summary_links_to_each_field_and_the_error_is_at_the_field(client, link):
    response = client.post(
        link.get_absolute_url(),
        {"submission_token": str(uuid.uuid4()), "step": "0", "action": "next"},
    )
    body = response.content.decode()
    summary = body[body.index("data-error-summary") : body.index("</ul>")]
    # A group of radios is reached through its first option.
    assert 'href="#id_q-internet-solutions_0"' in summary
    assert 'href="#id_q-training-suspicious-links_0"' in summary
    assert "work related problems: Choose an answer</a>" in summary
    assert 'id="id_q-internet-solutions_0"' in body
    field = body[body.index('id="id_q-internet-solutions"') :]
    field = field[: field.index("</fieldset>")]
    assert 'aria-describedby="id_q-internet-solutions_error"' in field
    assert '<ul class="errorlist" id="id_q-internet-solutions_error">' in field


def test_survey_pages_use_the_focused_layout_with_a_way_out(client, link):
    for response in (
        client.get(link.get_absolute_url()),
        client.get(reverse("benchmarking:survey_done", args=[link.token])),
    ):
        body = response.content.decode()
        assert 'class="focused-header"' in body and "Benchmarking survey" in body
        assert "data-way-out" in body
        for chrome in ('aria-label="Main"', 'role="search"', 'aria-label="Footer"'):
            assert chrome not in body, chrome
    body = client.get(link.get_absolute_url()).content.decode()
    assert f'href="{reverse("benchmarking:index")}" data-way-out>Leave the survey</a>' in body


def test_next_moves_to_second_section_carrying_answers_as_hidden_inputs(client, link):
    response = _first_page(client, link, str(uuid.uuid4()))
    body = response.content.decode()
    assert "section 2 of 2" in body
    assert '<input type="hidden" name="q-internet-solutions" value="5">' in body


def test_back_returns_to_first_section_with_answers_kept(client, link):
    token = str(uuid.uuid4())
    response = client.post(
        link.get_absolute_url(),
        {
            "submission_token": token,
            "step": "1",
            "action": "back",
            "q-internet-solutions": "5",
            "q-training-suspicious-links": "0",
        },
    )
    assert "section 1 of 2" in response.content.decode()
    assert response.context["form"]["q-internet-solutions"].value() == "5"


def _submit(client, link, token):
    return client.post(
        link.get_absolute_url(),
        {
            "submission_token": token,
            "step": "1",
            "action": "submit",
            "q-internet-solutions": "5",
            "q-training-suspicious-links": "0",
            "q-learning-topics": ["1", "3"],
            "q-skills-comment": "More on spreadsheets please",
        },
    )


def test_submission_stores_answers_and_free_text(client, link):
    response = _submit(client, link, str(uuid.uuid4()))
    assert response.status_code == 302
    assert response["Location"] == reverse("benchmarking:survey_done", args=[link.token])
    stored = Response.objects.get()
    assert sorted(Answer.objects.filter(response=stored).values_list("value", flat=True)) == [
        0.0,
        1.0,
        3.0,
        5.0,
    ]
    assert TextAnswer.objects.get().text == "More on spreadsheets please"


def test_repeated_submission_with_same_token_is_stored_once(client, link):
    token = str(uuid.uuid4())
    first = _submit(client, link, token)
    second = _submit(client, link, token)
    assert first["Location"] == second["Location"]
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 4


def test_service_returns_existing_response_for_repeated_token(link):
    token = uuid.uuid4()
    q = {q.key: q for q in link.module_version.questions.all()}
    first, created = response_submit(
        link=link, submission_token=token, answers={q["internet-solutions"]: 4.0}
    )
    again, created_again = response_submit(
        link=link, submission_token=token, answers={q["internet-solutions"]: 1.0}
    )
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert list(Answer.objects.values_list("value", flat=True)) == [4.0]


def test_service_refuses_an_answer_to_another_versions_question_and_stores_nothing(link):
    newer = module_load(definition=normalise({**SMALL_MODULE, "version": 2}))[0]
    foreign = newer.questions.get(key="internet-solutions")
    with pytest.raises(IntegrityError, match="a question of another module version"):
        response_submit(link=link, submission_token=uuid.uuid4(), answers={foreign: 4.0})
    assert Response.objects.count() == 0 and Answer.objects.count() == 0


def test_closed_cycle_link_says_survey_is_closed(client, link):
    Cycle.objects.update(status=Cycle.Status.CLOSED)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "survey is closed" in response.content.decode()


def test_service_refuses_submission_to_closed_cycle(link):
    Cycle.objects.update(status=Cycle.Status.CLOSED)
    link.refresh_from_db()
    with pytest.raises(SurveyClosed):
        response_submit(link=link, submission_token=uuid.uuid4(), answers={})


@pytest.mark.parametrize("token", ["no-such-token", "x" * 100, "%3Cscript%3E"])
def test_unknown_link_says_so_plainly(client, db, token):
    response = client.get(f"/benchmarking/survey/{token}/")
    assert response.status_code == 404
    assert "not one we know" in response.content.decode()


def test_tampered_step_and_token_restart_the_survey_without_error(client, link):
    response = client.post(
        link.get_absolute_url(), {"submission_token": "nonsense", "step": "<b>", "action": "x"}
    )
    assert response.status_code == 200
    assert "started again" in response.content.decode()


def test_out_of_range_answer_is_a_field_error(client, link):
    response = _first_page(client, link, str(uuid.uuid4()), **{"q-internet-solutions": "9" * 300})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.fixture
def frozen_window():
    # The limits count in windows of a minute; a test must not straddle two.
    with mock.patch("institute.core.ratelimit.time.time", return_value=1_800_000_000):
        yield


def test_submissions_over_the_link_rate_limit_are_refused_with_answers_kept(
    client, link, frozen_window, settings
):
    from institute.benchmarking import services

    for _ in range(30):
        services.link_rate_limited(link=link, address="127.0.0.1")  # the test client's
    response = _submit(client, link, str(uuid.uuid4()))
    assert response.status_code == 429
    assert "try again in a minute" in response.content.decode()
    assert Response.objects.count() == 0


def test_one_sender_over_the_limit_does_not_stop_others_answering_on_the_link(
    client, link, frozen_window
):
    from institute.benchmarking import services

    for _ in range(200):
        services.link_rate_limited(link=link, address="198.51.100.1")
    response = _submit(client, link, str(uuid.uuid4()))
    assert response.status_code != 429
    assert Response.objects.count() == 1


def test_the_link_as_a_whole_still_has_a_ceiling(client, link, frozen_window):
    from institute.benchmarking import services

    for n in range(600):
        services.link_rate_limited(link=link, address=f"10.0.{n // 250}.{n % 250}")
    assert _submit(client, link, str(uuid.uuid4())).status_code == 429


def test_organisation_module_link_needs_its_coordinator(client, link, django_user_model):
    module = link.module_version.module
    module.level = "organisation"
    module.save()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    stranger = django_user_model.objects.create_user(
        username="s@example.org", email="s@example.org", password="x-Passw0rd!"
    )
    client.force_login(stranger)
    assert client.get(link.get_absolute_url()).status_code == 403


def test_response_holds_no_personal_data():
    fields = {f.name for f in Response._meta.get_fields()}
    assert not fields & {"user", "email", "ip", "ip_address", "name", "user_agent"}
