"""Reading a ``Range`` header (RFC 9110 14.1.2): one range served, anything else ignored."""

import pytest

from institute.core.ranges import byte_range


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),  # open-ended
        ("bytes=-200", (800, 999)),  # the last 200 bytes
        ("bytes=-5000", (0, 999)),  # more than there is: all of it
        ("bytes=990-5000", (990, 999)),  # an end past the file is cut to it
        ("bytes=999-999", (999, 999)),
        ("bytes=1000-", "unsatisfiable"),
        ("bytes=1000-1200", "unsatisfiable"),
        ("bytes=-0", "unsatisfiable"),
        ("bytes=5-1", None),  # invalid: ignored
        ("bytes=0-1,5-9", None),  # several ranges: the whole file instead
        ("items=0-1", None),
        ("bytes=", None),
        ("bytes=-", None),
        ("bytes=²-5", None),
        ("nonsense", None),
    ],
)
def test_byte_range(header, expected):
    assert byte_range(header, 1000) == expected
