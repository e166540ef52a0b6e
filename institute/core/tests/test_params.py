"""Numbers from a request: ASCII digits, bounded, everything else is no number."""

import pytest
from django import forms

from institute.core.models import Topic
from institute.core.params import MAX_ID, ModelIdsField, WholeNumberField, whole_number


@pytest.mark.parametrize("raw", ["7", " 7 ", "007"])
def test_ascii_digits_are_a_number(raw):
    assert whole_number(raw) == 7


@pytest.mark.parametrize(
    "raw",
    ["²", "①", "٣", "1_000", "-1", "+1", "1.0", "1e3", "7\x00", "", " ", "0x10", None, True],
)
def test_anything_but_ascii_digits_is_no_number(raw):
    assert whole_number(raw) is None


def test_numbers_outside_the_bounds_are_no_number():
    assert whole_number("0", minimum=1) is None
    assert whole_number("11", maximum=10) is None
    assert whole_number(str(MAX_ID + 1)) is None
    assert whole_number("9" * 5000) is None  # past int()'s own limit on digits


def test_whole_number_field_refuses_other_scripts_digits():
    field = WholeNumberField(min_value=1, max_value=10)
    assert field.clean("3") == 3
    for raw in ("٣", "²", "1_0", "9" * 40):
        with pytest.raises(forms.ValidationError):
            field.clean(raw)


@pytest.mark.django_db
def test_model_ids_field_refuses_an_id_past_64_bits_before_the_database():
    topic = Topic.objects.create(name="Cyber security", slug="cyber")
    field = ModelIdsField(queryset=Topic.objects.all())
    assert list(field.clean([str(topic.pk)])) == [topic]
    for raw in (str(2**63), "9" * 30, "²", "-1"):
        with pytest.raises(forms.ValidationError):
            field.clean([str(topic.pk), raw])
