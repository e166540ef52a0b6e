"""Matching: hard rules, optimality against an independent solver, explanations, locks."""

import itertools
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from institute.academy import matching
from institute.academy.matching import EITHER, IN_PERSON, VIRTUAL, Person, match
from institute.academy.matching_reference import optimum_total

REGIONS = ["", "london", "wales", "north-west"]


@st.composite
def instances(draw, max_mentors=5, max_mentees=7):
    n_mentors = draw(st.integers(0, max_mentors))
    n_mentees = draw(st.integers(0, max_mentees))
    orgs = st.one_of(st.none(), st.integers(1, 3))

    def person(pid, mentor):
        return Person(
            id=pid,
            organisation=draw(orgs),
            topics=frozenset(draw(st.sets(st.integers(1, 5), max_size=3))),
            seniority=draw(st.integers(1, 6)),
            region=draw(st.sampled_from(REGIONS)),
            format=draw(st.sampled_from([IN_PERSON, VIRTUAL, EITHER])),
            available=draw(st.booleans().map(lambda b: b or draw(st.booleans()))),
            capacity=draw(st.integers(1, 3)) if mentor else 1,
        )

    mentors = [person(i, True) for i in range(1, n_mentors + 1)]
    mentees = [person(100 + i, False) for i in range(1, n_mentees + 1)]
    not_with = draw(
        st.sets(
            st.tuples(
                st.sampled_from([p.id for p in mentees] or [0]),
                st.sampled_from([p.id for p in mentors] or [0]),
            ),
            max_size=3,
        )
    )
    return mentors, mentees, frozenset(not_with)


def _fit(mentor, mentee):
    """The fit written out pair by pair, independently of the NumPy arrays."""
    shared = len(mentor.topics & mentee.topics)
    gap = mentor.seniority - mentee.seniority
    seniority = {1: 3, 2: 4, 3: 2}.get(gap, 1 if gap >= 4 else 0)
    region = 2 if mentor.region and mentor.region == mentee.region else 0
    formats = {mentor.format, mentee.format}
    fmt = 1 if EITHER in formats else (2 if len(formats) == 1 else 0)
    return 1 + min(3 * shared, 9) + seniority + region + fmt


def _allowed(mentor, mentee, not_with):
    return (
        mentor.available
        and mentee.available
        and (mentor.organisation is None or mentor.organisation != mentee.organisation)
        and (mentee.id, mentor.id) not in not_with
        and (mentor.id, mentee.id) not in not_with
    )


def _assert_rules(result, mentors, mentees, not_with):
    by_id = {p.id: p for p in (*mentors, *mentees)}
    seen = set()
    load = {}
    for pair in result.pairs:
        mentor, mentee = by_id[pair.mentor], by_id[pair.mentee]
        assert mentor in mentors and mentee in mentees
        assert _allowed(mentor, mentee, not_with) or pair.locked
        assert pair.mentee not in seen
        seen.add(pair.mentee)
        load[pair.mentor] = load.get(pair.mentor, 0) + 1
        assert load[pair.mentor] <= mentor.capacity
        assert sum(pair.parts.values()) == pair.score == _fit(mentor, mentee)
        assert set(pair.parts) == set(matching.PARTS)
    unmatched = {m for m, _ in result.unmatched_mentees}
    assert unmatched | seen == {p.id for p in mentees} and not unmatched & seen


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_hard_rules_hold_and_total_is_the_independent_optimum(instance):
    mentors, mentees, not_with = instance
    result = match(mentors=mentors, mentees=mentees, not_with=not_with)
    _assert_rules(result, mentors, mentees, not_with)
    assert result.total == optimum_total(mentors=mentors, mentees=mentees, not_with=not_with)


def _brute_force(mentors, mentees, not_with):
    """Best total over every assignment of each mentee to a mentor or to nobody."""
    best = 0
    for choice in itertools.product([None, *mentors], repeat=len(mentees)):
        load = {}
        total = 0
        for mentee, mentor in zip(mentees, choice, strict=True):
            if mentor is None:
                continue
            if not _allowed(mentor, mentee, not_with):
                break
            load[mentor.id] = load.get(mentor.id, 0) + 1
            if load[mentor.id] > mentor.capacity:
                break
            total += _fit(mentor, mentee)
        else:
            best = max(best, total)
    return best


@settings(max_examples=150, deadline=None)
@given(instances(max_mentors=3, max_mentees=4))
def test_total_equals_brute_force_on_small_rounds(instance):
    mentors, mentees, not_with = instance
    result = match(mentors=mentors, mentees=mentees, not_with=not_with)
    assert result.total == _brute_force(mentors, mentees, not_with)


@settings(max_examples=100, deadline=None)
@given(instances(), st.randoms(use_true_random=False))
def test_deterministic_whatever_the_order(instance, rnd):
    mentors, mentees, not_with = instance
    first = match(mentors=mentors, mentees=mentees, not_with=not_with)
    shuffled_mentors, shuffled_mentees = list(mentors), list(mentees)
    rnd.shuffle(shuffled_mentors)
    rnd.shuffle(shuffled_mentees)
    second = match(mentors=shuffled_mentors, mentees=shuffled_mentees, not_with=not_with)
    assert first == second


@settings(max_examples=150, deadline=None)
@given(instances(), st.data())
def test_locked_pairs_are_kept_and_the_rest_is_optimal_around_them(instance, data):
    mentors, mentees, not_with = instance
    free = match(mentors=mentors, mentees=mentees, not_with=not_with)
    locked = data.draw(
        st.sets(st.sampled_from([(p.mentor, p.mentee) for p in free.pairs]))
        if free.pairs
        else st.just(set())
    )
    result = match(mentors=mentors, mentees=mentees, locked=locked, not_with=not_with)
    kept = {(p.mentor, p.mentee) for p in result.pairs if p.locked}
    assert kept == locked
    _assert_rules(result, mentors, mentees, not_with)
    assert result.total == optimum_total(
        mentors=mentors, mentees=mentees, locked=locked, not_with=not_with
    )
    assert result.total <= free.total


def test_locked_pair_uses_its_mentors_capacity():
    mentor = Person(id=1, organisation=1, capacity=1, topics=frozenset({1}))
    a = Person(id=10, organisation=2)
    b = Person(id=11, organisation=3, topics=frozenset({1}))
    assert {(p.mentor, p.mentee) for p in match(mentors=[mentor], mentees=[a, b]).pairs} == {
        (1, 11)
    }
    result = match(mentors=[mentor], mentees=[a, b], locked=[(1, 10)])
    assert [(p.mentor, p.mentee, p.locked) for p in result.pairs] == [(1, 10, True)]
    assert result.unmatched_mentees == [(11, matching.NO_MENTOR_WITH_CAPACITY)]


def test_empty_round_is_reported_not_crashed():
    result = match(mentors=[], mentees=[])
    assert result.pairs == [] and result.total == 0
    lonely = match(mentors=[], mentees=[Person(id=5, organisation=1)])
    assert lonely.unmatched_mentees == [(5, matching.NO_MENTOR_WITH_CAPACITY)]
    no_mentees = match(mentors=[Person(id=1, organisation=1)], mentees=[])
    assert no_mentees.unmatched_mentors == [(1, matching.MENTOR_NO_MENTEE)]


def test_infeasible_mentees_are_listed_with_the_reason():
    mentors = [Person(id=1, organisation=7), Person(id=2, organisation=8, available=False)]
    mentees = [
        Person(id=10, organisation=7),  # the only available mentor is a colleague
        Person(id=11, organisation=9, available=False),
        Person(id=12, organisation=9),
    ]
    result = match(mentors=mentors, mentees=mentees, not_with=[(13, 1)])
    reasons = dict(result.unmatched_mentees)
    assert reasons[10] == matching.SAME_ORGANISATION
    assert reasons[11] == matching.NOT_AVAILABLE
    assert [(p.mentor, p.mentee) for p in result.pairs] == [(1, 12)]
    excluded = match(mentors=mentors, mentees=[Person(id=13, organisation=9)], not_with=[(13, 1)])
    assert excluded.unmatched_mentees == [(13, matching.NOT_WITH)]
    assert dict(result.unmatched_mentors) == {2: matching.NOT_AVAILABLE}


def test_full_mentors_are_the_reason_when_others_fit_better():
    mentor = Person(id=1, organisation=1, topics=frozenset({1, 2}), capacity=1)
    better = Person(id=10, organisation=2, topics=frozenset({1, 2}))
    worse = Person(id=11, organisation=3)
    result = match(mentors=[mentor], mentees=[worse, better])
    assert [(p.mentor, p.mentee) for p in result.pairs] == [(1, 10)]
    assert result.unmatched_mentees == [(11, matching.PLACES_FILLED)]


def test_explanation_parts_are_numbers_that_add_up():
    mentor = Person(
        id=1,
        organisation=1,
        topics=frozenset({1, 2}),
        seniority=5,
        region="wales",
        format=IN_PERSON,
    )
    mentee = Person(
        id=2,
        organisation=2,
        topics=frozenset({2, 3}),
        seniority=3,
        region="wales",
        format=IN_PERSON,
    )
    (pair,) = match(mentors=[mentor], mentees=[mentee]).pairs
    assert pair.parts == {"base": 1, "topics": 3, "seniority": 4, "region": 2, "format": 2}
    assert pair.score == 12


def test_a_larger_random_round_keeps_the_rules_and_the_optimum():
    rng = random.Random(7)
    mentors = [
        Person(
            id=i,
            organisation=rng.randrange(15),
            topics=frozenset(rng.sample(range(8), 2)),
            seniority=rng.randint(3, 6),
            region=rng.choice(REGIONS),
            capacity=rng.randint(1, 3),
        )
        for i in range(1, 41)
    ]
    mentees = [
        Person(
            id=100 + i,
            organisation=rng.randrange(15),
            topics=frozenset(rng.sample(range(8), 2)),
            seniority=rng.randint(1, 4),
            region=rng.choice(REGIONS),
            available=rng.random() > 0.1,
        )
        for i in range(120)
    ]
    result = match(mentors=mentors, mentees=mentees)
    _assert_rules(result, mentors, mentees, frozenset())
    assert result.total == optimum_total(mentors=mentors, mentees=mentees)
