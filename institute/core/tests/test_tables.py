"""The roof's spreadsheet reader: text cells, row numbers, and what it could not read."""

import pytest
from openpyxl import Workbook

from institute.core.tables import TableFileError, read_table


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_csv_cells_are_text_with_the_files_row_numbers(tmp_path):
    path = _write(tmp_path, "a.csv", "\ufeff Place ,Value\nLeeds,007\nYork,\n".encode())
    frame, problems = read_table(path)
    assert frame.columns == ["_row", "place", "value"]
    assert frame.rows() == [(2, "Leeds", "007"), (3, "York", None)]
    assert problems == []


def test_xlsx_and_csv_give_the_same_text(tmp_path):
    book = Workbook()
    book.active.append(["Place", "Value"])
    book.active.append(["Leeds", 7.0])
    book.save(tmp_path / "a.xlsx")
    frame, problems = read_table(tmp_path / "a.xlsx")
    assert frame.rows() == [(2, "Leeds", "7")] and problems == []


def test_an_uncalculated_formula_is_a_problem_of_its_cell(tmp_path):
    book = Workbook()
    book.active.append(["place", "value"])
    book.active.append(["Leeds", "=1+1"])  # written by a program: no saved value
    book.save(tmp_path / "a.xlsx")
    _, problems = read_table(tmp_path / "a.xlsx")
    assert [(row, column) for row, column, _ in problems] == [(2, "value")]


def test_a_stray_value_is_a_problem_and_the_rest_is_read(tmp_path):
    path = _write(tmp_path, "a.csv", b"place,value\nLeeds,1,extra\nYork,2\n")
    frame, problems = read_table(path)
    assert frame.height == 2
    assert [(row, column) for row, column, _ in problems] == [(2, "3 (no heading)")]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("a.txt", b"x", "must be .csv or .xlsx"),
        ("a.csv", b"  \n", "the file is empty"),
        ("a.csv", b"place,value\n", "the file has no things"),
        ("a.csv", b"place,Place\nx,y\n", "two columns have the same name"),
        ("a.csv", b"place,value\n\xff,1\n", "row 2: the file is not UTF-8"),
        ("a.csv", "place\tvalue".encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
        ("a.xlsx", b"not a workbook", "cannot read the XLSX file"),
    ],
)
def test_unreadable_files_say_why(tmp_path, name, data, message):
    with pytest.raises(TableFileError, match=message):
        read_table(_write(tmp_path, name, data), noun="things")
