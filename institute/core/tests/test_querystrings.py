"""A view's query string is written one way: fixed order, nothing empty, no defaults."""

from institute.core.querystrings import canonical_query, page_prefix

ORDER = ("topic", "year", "q", "page")


def test_parameters_come_in_the_listings_order_whatever_their_order_in_the_values():
    assert canonical_query({"q": "cloud", "topic": "ai"}, order=ORDER) == "?topic=ai&q=cloud"


def test_empty_values_and_unknown_names_are_left_out():
    values = {"topic": "", "year": None, "q": "cloud", "utm_source": "mail"}
    assert canonical_query(values, order=ORDER) == "?q=cloud"


def test_a_value_equal_to_its_default_is_left_out():
    defaults = {"page": 1}
    assert canonical_query({"q": "x", "page": 1}, order=ORDER, defaults=defaults) == "?q=x"
    assert canonical_query({"q": "x", "page": 2}, order=ORDER, defaults=defaults) == "?q=x&page=2"


def test_nothing_left_is_no_query_string_at_all():
    assert canonical_query({"page": 1}, order=ORDER, defaults={"page": 1}) == ""


def test_values_are_encoded():
    assert canonical_query({"q": "a&b c/é"}, order=ORDER) == "?q=a%26b+c%2F%C3%A9"


def test_zero_is_a_value_not_an_empty_one():
    assert canonical_query({"year": 0}, order=ORDER) == "?year=0"


def test_page_links_follow_the_query_or_start_one():
    assert page_prefix("?topic=ai") == "?topic=ai&"
    assert page_prefix("") == "?"
