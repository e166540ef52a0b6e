"""Tables: one caption, a header row by default, and errors that say what to fix."""

import pytest
from django.core.exceptions import ValidationError

from institute.core.blocks import CaptionedTableBlock

ROWS = [["Use", "Risk"], ["Drafting", "Low"]]


def test_a_new_table_starts_with_its_first_row_as_header_and_an_empty_caption():
    default = CaptionedTableBlock().get_default()
    assert default["table_header_choice"] == "row"
    assert default["table_caption"] == ""
    assert len(default["data"]) == 3


def test_the_table_editor_is_given_a_language_it_has():
    assert CaptionedTableBlock().table_options["language"] == "en-US"


def test_a_table_without_a_caption_is_refused_with_a_message_naming_the_field():
    block = CaptionedTableBlock()
    value = block.to_python({"data": ROWS, "table_header_choice": "row", "table_caption": ""})
    with pytest.raises(ValidationError, match="Table caption"):
        block.clean(value)


@pytest.mark.parametrize("choice", ["", "neither", "column"])
def test_a_table_without_a_header_row_is_refused_with_a_message_naming_the_field(choice):
    block = CaptionedTableBlock()
    value = {"data": ROWS, "table_header_choice": choice, "table_caption": "Risks"}
    with pytest.raises(ValidationError, match="Table headers"):
        block.clean(value)


def test_a_table_with_caption_and_header_row_is_accepted():
    block = CaptionedTableBlock()
    value = block.to_python({"data": ROWS, "table_header_choice": "row", "table_caption": "R"})
    cleaned = block.clean(value)
    assert cleaned["first_row_is_table_header"] is True
    assert cleaned["first_col_is_header"] is False


def test_a_table_saved_with_the_caption_beside_it_reads_as_one_table():
    block = CaptionedTableBlock()
    value = block.to_python({"caption": "Risk levels", "table": {"data": ROWS}})
    assert value["table_caption"] == "Risk levels"
    assert value["data"] == ROWS
    assert value["table_header_choice"] == "both"
    assert block.clean(value)["first_col_is_header"] is True
