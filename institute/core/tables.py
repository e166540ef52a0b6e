"""Reading a spreadsheet a person uploads (CSV or XLSX) as a table of text, for the rooms'
imports (benchmarking's earlier answers, place insight's indicator values).

Every cell is read as text, so each room checks and converts values itself and can name
the file's row and column of every problem. What cannot be read at all raises
``TableFileError`` with a message for the person who made the file; cells that could not be
read (a value past the last named column of a CSV row, an XLSX formula without a saved
value) come back as ``(row, column, message)`` problems beside the table, for the room to
report with its own.

CSV is taken as UTF-8 (a byte-order mark is allowed) or as Excel's "Unicode text" (UTF-16
with a byte-order mark, tab- or comma-separated); XLSX through openpyxl in read-only mode.
"""

import csv
import io
import zipfile
from pathlib import Path

import polars as pl


class TableFileError(ValueError):
    """The file as a whole cannot be read (format, encoding, columns)."""


def read_table(path, *, noun="rows") -> tuple[pl.DataFrame, list[tuple[int, str, str]]]:
    """Every cell as text, headings stripped and lower-cased, with a ``_row`` column holding
    the file's row number (the header is row 1).

    Also returns the cells that could not be read, as (row, column, message): a value past
    the last named column of a CSV row, an XLSX formula without a saved value.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        frame, problems = _read_xlsx(path)
    elif suffix == ".csv":
        frame, problems = _read_csv(path)
    else:
        raise TableFileError("the file must be .csv or .xlsx")
    if frame.height == 0:
        raise TableFileError(f"the file has no {noun}")
    names = [c.strip().lower() for c in frame.columns]
    if len(set(names)) != len(names):
        raise TableFileError("two columns have the same name")
    frame = frame.rename(dict(zip(frame.columns, names, strict=True)))
    return frame.with_row_index("_row", offset=2), problems


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _read_csv(path):
    data = path.read_bytes()
    if not data or data.isspace():  # without copying the file as strip() would
        raise TableFileError("the file is empty")
    separator = ","
    if data.startswith(UTF16_BOMS):
        # Excel's "Unicode text": UTF-16 with a byte-order mark, often tab-separated.
        data = _from_utf16(data)
        header = data.split(b"\n", 1)[0]
        if b"\t" in header and b"," not in header:
            separator = "\t"
    elif b"\x00" in data[:4096]:
        raise TableFileError(
            "row 1, column 1: the file looks like UTF-16 text without a byte-order mark; "
            "save it as 'CSV UTF-8' and try again"
        )
    try:
        # Every column is read as text, which Polars checks is UTF-8 as it goes.
        return pl.read_csv(data, infer_schema=False, encoding="utf8", separator=separator), []
    except pl.exceptions.PolarsError as exc:
        try:
            text = data.decode("utf-8")  # only now: which row is not UTF-8
        except UnicodeDecodeError as bad:
            row = data[: bad.start].count(b"\n") + 1
            raise TableFileError(
                f"row {row}: the file is not UTF-8 text; save it as 'CSV UTF-8' and try again"
            ) from bad
        problems = _ragged_rows(text, separator)
        if not problems:
            raise TableFileError(f"cannot read the CSV file: {str(exc).splitlines()[0]}") from exc
    # Rows with values past the last column are errors; the rest is read to report it too.
    frame = pl.read_csv(
        data, infer_schema=False, encoding="utf8", separator=separator, truncate_ragged_lines=True
    )
    return frame, problems


def _from_utf16(data: bytes) -> bytes:
    try:
        return data.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError as bad:
        text = data[: bad.start - bad.start % 2].decode("utf-16", errors="replace")
        raise TableFileError(
            f"row {text.count(chr(10)) + 1}: the file is not valid UTF-16 text; save it as "
            "'CSV UTF-8' and try again"
        ) from bad


def _ragged_rows(text: str, separator: str) -> list[tuple[int, str, str]]:
    """Rows holding more values than the header names columns (a stray comma, say)."""
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    width = len(next(reader, []))
    problems = []
    for row, record in enumerate(reader, start=2):
        if len(record) > width:
            problems.append(
                (
                    row,
                    f"{width + 1} (no heading)",
                    f"this row has {len(record)} values but the header names {width} columns"
                    f" ('{record[width][:40]}' is past the last one): remove the extra value"
                    " or give its column a heading",
                )
            )
    return problems


def _read_xlsx(path):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise TableFileError(f"cannot read the XLSX file: {exc}") from exc
    rows = book.active.iter_rows(values_only=True)
    header = next(rows, None)
    if not header or all(h is None for h in header):
        raise TableFileError("the file is empty")
    names = [str(h if h is not None else f"column {i + 1}") for i, h in enumerate(header)]
    columns = [[] for _ in names]
    blanks = []  # (index of the row, column) of empty cells: formulas never calculated?
    for r, row in enumerate(rows):
        for i in range(len(names)):
            value = row[i] if i < len(row) else None
            if value is None:
                blanks.append((r, i))
            columns[i].append("" if value is None else _cell(value))
    book.close()
    if len(set(names)) != len(names):
        raise TableFileError("two columns have the same name")
    frame = pl.DataFrame(
        dict(zip(names, columns, strict=True)), schema=dict.fromkeys(names, pl.Utf8)
    )
    return frame, _uncalculated_formulas(path, blanks, names)


def _uncalculated_formulas(path, blanks, names) -> list[tuple[int, str, str]]:
    """Cells that read as empty because they hold a formula no spreadsheet has calculated.

    The workbook keeps a formula's last calculated value beside it; files written by
    programs rather than saved from a spreadsheet often have none, and the value would
    silently go missing.
    """
    if not blanks:
        return []
    from openpyxl import load_workbook

    wanted = set(blanks)
    book = load_workbook(path, read_only=True, data_only=False)
    problems = []
    for r, row in enumerate(book.active.iter_rows(min_row=2, values_only=True)):
        for i, value in enumerate(row[: len(names)]):
            if (r, i) in wanted and isinstance(value, str) and value.startswith("="):
                problems.append(
                    (
                        r + 2,
                        names[i].strip().lower(),
                        f"the formula {value[:60]} has no calculated value: open the file in a"
                        " spreadsheet, let it calculate, save it and upload it again",
                    )
                )
    book.close()
    return problems


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
