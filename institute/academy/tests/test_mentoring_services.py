"""The mentoring round through its stages: matching, locks, swaps, confirmation, privacy."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from institute.academy import matching, mentoring_selectors, mentoring_services
from institute.academy.models import Feedback, Meeting, Pair, Registration, Round
from institute.core.models import Topic
from institute.people import privacy, roles
from institute.people.models import Organisation, User
from institute.people.services import roles_sync

pytestmark = pytest.mark.django_db


def _user(name, org):
    organisation = Organisation.objects.get_or_create(slug=org, defaults={"name": org.title()})[0]
    return User.objects.create_user(
        username=name,
        email=f"{name}@example.org",
        password="x",
        first_name=name.title(),
        last_name="Person",
        organisation=organisation,
    )


@pytest.fixture
def round_():
    day = dt.date(2030, 1, 1)
    return Round.objects.create(
        name="Round 2030",
        slug="round-2030",
        registration_closes=day,
        starts_on=day,
        ends_on=day + dt.timedelta(days=100),
    )


@pytest.fixture
def topic():
    return Topic.objects.create(name="Cyber", slug="cyber")


def _register(round_, user, role, topics=(), capacity=1, **extra):
    return mentoring_services.registration_save(
        round=round_,
        user=user,
        role=role,
        topics=topics,
        seniority=extra.pop("seniority", 3),
        region=extra.pop("region", "wales"),
        format=extra.pop("format", "either"),
        capacity=capacity,
        **extra,
    )


@pytest.fixture
def people(round_, topic):
    mentor_a = _register(round_, _user("ma", "org-a"), "mentor", [topic], capacity=1, seniority=5)
    mentor_b = _register(round_, _user("mb", "org-b"), "mentor", capacity=1, seniority=5)
    mentee_1 = _register(round_, _user("m1", "org-c"), "mentee", [topic], seniority=3)
    mentee_2 = _register(round_, _user("m2", "org-d"), "mentee", seniority=3)
    colleague = _register(round_, _user("m3", "org-a"), "mentee", [topic], seniority=3)
    return mentor_a, mentor_b, mentee_1, mentee_2, colleague


def _pairs(round_):
    return set(round_.pairs.values_list("mentor_id", "mentee_id"))


def test_matching_only_while_matching_and_then_the_best_pairs(round_, people):
    mentor_a, mentor_b, mentee_1, mentee_2, colleague = people
    with pytest.raises(ValidationError):
        mentoring_services.round_match(round=round_)
    mentoring_services.round_advance(round=round_)
    result = mentoring_services.round_match(round=round_)
    assert _pairs(round_) == {(mentor_a.pk, mentee_1.pk), (mentor_b.pk, mentee_2.pk)}
    assert dict(result.unmatched_mentees)[colleague.pk]
    pair = round_.pairs.get(mentor=mentor_a)
    assert sum(pair.parts.values()) == pair.score
    explained = mentoring_selectors.pair_explained(pair=pair)
    assert [p["points"] for p in explained] == [pair.parts[part] for part in matching.PARTS]
    assert [p["label"] for p in explained][0] == matching.PART_LABELS[matching.BASE]


def test_locks_survive_a_rerun_and_use_capacity(round_, people):
    mentor_a, mentor_b, mentee_1, mentee_2, _ = people
    round_.state = Round.State.MATCHING
    round_.save()
    mentoring_services.round_match(round=round_)
    first, second = round_.pairs.order_by("mentor_id")
    swapped = mentoring_services.pairs_swap(first=first, second=second)
    assert all(p.locked for p in swapped)
    assert _pairs(round_) == {(mentor_a.pk, mentee_2.pk), (mentor_b.pk, mentee_1.pk)}
    mentoring_services.round_match(round=round_)
    assert _pairs(round_) == {(mentor_a.pk, mentee_2.pk), (mentor_b.pk, mentee_1.pk)}
    for pair in round_.pairs.all():
        mentoring_services.pair_lock(pair=pair, locked=False)
    mentoring_services.round_match(round=round_)
    assert _pairs(round_) == {(mentor_a.pk, mentee_1.pk), (mentor_b.pk, mentee_2.pk)}


def test_a_swap_that_breaks_a_rule_is_refused(round_, people, topic):
    mentor_a, mentor_b, mentee_1, mentee_2, colleague = people
    round_.state = Round.State.MATCHING
    round_.save()
    good = Pair.objects.create(round=round_, mentor=mentor_b, mentee=colleague)
    other = Pair.objects.create(round=round_, mentor=mentor_a, mentee=mentee_1)
    with pytest.raises(ValidationError):
        mentoring_services.pairs_swap(first=good, second=other)  # colleague would meet org-a
    assert _pairs(round_) == {(mentor_b.pk, colleague.pk), (mentor_a.pk, mentee_1.pk)}


def test_confirming_emails_both_sides(round_, people, django_capture_on_commit_callbacks):
    round_.state = Round.State.MATCHING
    round_.save()
    mentoring_services.round_match(round=round_)
    with django_capture_on_commit_callbacks(execute=True):
        mentoring_services.round_advance(round=round_)
    round_.refresh_from_db()
    assert round_.state == Round.State.CONFIRMED
    left_out = [r.user.email for r in round_.registrations.exclude(unmatched_reason="")]
    assert left_out  # the round has more mentees than mentor places
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["ma@example.org", "m1@example.org", "mb@example.org", "m2@example.org", *left_out]
    )
    to_mentee = next(m for m in mail.outbox if m.to == ["m1@example.org"])
    assert "your mentor is Ma Person" in to_mentee.body
    pair_url = reverse("academy:mentoring_pair", args=[round_.pairs.get(mentee=people[2]).pk])
    assert to_mentee.body.count(pair_url) == 1 and not to_mentee.alternatives
    with pytest.raises(ValidationError):
        mentoring_services.round_match(round=round_)


def test_registration_closes_with_the_round(round_, people):
    round_.state = Round.State.MATCHING
    round_.save()
    with pytest.raises(ValidationError):
        _register(round_, _user("late", "org-z"), "mentee")


def test_meetings_and_feedback_by_the_pair_only(client, round_, people):
    round_.state = Round.State.MATCHING
    round_.save()
    mentoring_services.round_match(round=round_)
    mentoring_services.round_advance(round=round_)
    pair = round_.pairs.get(mentor=people[0])
    url = reverse("academy:mentoring_pair", args=[pair.pk])
    client.force_login(pair.mentee.user)
    response = client.post(
        url,
        {
            "action": "meeting",
            "meeting-held_on": "2025-01-10",
            "meeting-minutes": "45",
            "meeting-summary": "Kick-off",
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(pair=pair, minutes=45).exists()
    mentoring_services.round_advance(round=round_)  # closed: feedback opens
    client.post(url, {"action": "feedback", "feedback-rating": "5", "feedback-comment": "Good"})
    assert Feedback.objects.get(pair=pair, author=pair.mentee.user).rating == 5
    stranger = people[3].user  # a mentee of the other pair
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert (
        client.post(
            url, {"action": "meeting", "meeting-held_on": "2025-01-10", "meeting-minutes": "45"}
        ).status_code
        == 404
    )
    staff = User.objects.create_user(username="staff", email="staff@example.org", password="x")
    staff.groups.add(roles_sync()[roles.STAFF_EDITOR])
    client.force_login(staff)
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "feedback", "feedback-rating": "1"}).status_code == 404


OPENS = "Feedback opens at the end of the round, after 11 April 2030."


def _confirmed_pair(round_, people):
    round_.state = Round.State.MATCHING
    round_.save()
    mentoring_services.round_match(round=round_)
    mentoring_services.round_advance(round=round_)
    return Pair.objects.select_related("round").get(round=round_, mentor=people[0])


def test_feedback_waits_for_the_end_of_the_round(round_, people):
    pair = _confirmed_pair(round_, people)
    user = pair.mentee.user
    with pytest.raises(ValidationError) as refused:
        mentoring_services.feedback_give(pair=pair, user=user, rating=4)
    assert refused.value.messages == [OPENS]
    assert not Feedback.objects.exists()
    assert not mentoring_selectors.feedback_open(round=pair.round, today=pair.round.ends_on)
    assert mentoring_selectors.feedback_open(
        round=pair.round, today=pair.round.ends_on + dt.timedelta(days=1)
    )
    Round.objects.filter(pk=round_.pk).update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    pair.round.refresh_from_db()  # its last day has passed
    assert mentoring_services.feedback_give(pair=pair, user=user, rating=4).rating == 4


def test_feedback_opens_when_staff_close_the_round(round_, people):
    pair = _confirmed_pair(round_, people)
    mentoring_services.round_advance(round=round_)
    pair.round.refresh_from_db()
    assert pair.round.ends_on > timezone.localdate()
    feedback = mentoring_services.feedback_give(pair=pair, user=pair.mentor.user, rating=5)
    assert (feedback.author, feedback.rating) == (pair.mentor.user, 5)


def test_the_pair_page_offers_feedback_only_at_the_end(client, round_, people):
    pair = _confirmed_pair(round_, people)
    url = reverse("academy:mentoring_pair", args=[pair.pk])
    client.force_login(pair.mentee.user)
    page = client.get(url).content.decode()
    assert OPENS in page
    assert 'name="feedback-rating"' not in page
    refused = client.post(url, {"action": "feedback", "feedback-rating": "5"}, follow=True)
    assert refused.status_code == 200
    assert [str(m) for m in refused.context["messages"]] == [OPENS]
    assert OPENS in refused.content.decode()
    assert not Feedback.objects.exists()
    mentoring_services.round_advance(round=round_)
    page = client.get(url).content.decode()
    assert 'name="feedback-rating"' in page and "Feedback opens" not in page
    given = client.post(url, {"action": "feedback", "feedback-rating": "5"}, follow=True)
    assert "Thank you for your feedback." in given.content.decode()
    assert Feedback.objects.get(pair=pair, author=pair.mentee.user).rating == 5


def test_registering_through_the_form(client, round_, topic):
    user = _user("newbie", "org-q")
    client.force_login(user)
    url = reverse("academy:mentoring_register", args=[round_.slug])
    bad = client.post(url, {"role": "mentor", "seniority": "9", "not_with": "nope"})
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    response = client.post(
        url,
        {
            "role": "mentee",
            "topics": [topic.pk],
            "seniority": "2",
            "region": "wales",
            "format": "virtual",
            "available": "on",
            "not_with": "ma@example.org",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(round=round_, user=user)
    assert (registration.role, registration.format, registration.capacity) == (
        "mentee",
        "virtual",
        1,
    )
    assert "Round 2030" in client.get(reverse("academy:mentoring")).content.decode()


def test_export_and_erase(round_, people):
    round_.state = Round.State.MATCHING
    round_.save()
    mentoring_services.round_match(round=round_)
    mentoring_services.round_advance(round=round_)
    pair = round_.pairs.get(mentor=people[0])
    mentee = pair.mentee.user
    Feedback.objects.create(pair=pair, author=mentee, rating=4, comment="Helpful")
    entry = {e.key: e for e in privacy.entries()}["academy.mentoring"]
    exported = entry.export(mentee)
    assert exported["registrations"][0]["round"] == "Round 2030"
    assert exported["feedback"][0]["comment"] == "Helpful"
    entry.erase(mentee)
    assert not Registration.objects.filter(user=mentee).exists()
    assert not Feedback.objects.filter(author=mentee).exists()
    assert not Pair.objects.filter(pk=pair.pk).exists()
    assert Registration.objects.filter(user=people[0].user).exists()


def test_a_proposed_pair_is_for_staff_until_confirmed(client, round_, people):
    round_.state = Round.State.MATCHING
    round_.save()
    mentoring_services.round_match(round=round_)
    pair = round_.pairs.get(mentor=people[0])
    client.force_login(pair.mentee.user)
    url = reverse("academy:mentoring_pair", args=[pair.pk])
    assert client.get(url).status_code == 404
    mentoring_services.round_advance(round=round_)
    assert client.get(url).status_code == 200
