"""Plain text from publication bodies, and search snippets with the matched words marked."""

import re
from html import unescape
from typing import NamedTuple

from django.utils.html import strip_tags

from institute.core.search import clean_query

SNIPPET_CHARS = 240
MAX_TERMS = 12
# Search operators people type out of habit; searched for as words they would match nothing.
OPERATORS = {"and", "or", "not", "near"}
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def html_text(html: str) -> str:
    return _SPACES.sub(" ", unescape(strip_tags(html or ""))).strip()


def _block_text(value) -> list[str]:
    """Text of one raw StreamField value (dicts, lists, strings), in reading order."""
    if isinstance(value, str):
        return [html_text(value)]
    if isinstance(value, dict):
        if "data" in value and isinstance(value["data"], list):  # a TableBlock value
            cells = " ".join(str(c) for row in value["data"] for c in row if c)
            return [text for text in (value.get("table_caption"), cells) if text]
        parts = []
        for key, item in value.items():
            if key in ("image", "document", "level", "type", "id"):
                continue
            parts.extend(_block_text(item))
        return parts
    if isinstance(value, list):
        parts = []
        for item in value:
            parts.extend(_block_text(item))
        return parts
    return []


def stream_text(stream) -> str:
    """All readable text of a StreamField value, without markup."""
    if not stream:
        return ""
    parts = []
    for block in stream.raw_data:
        parts.extend(_block_text(block.get("value")))
    return _SPACES.sub(" ", " ".join(p for p in parts if p)).strip()


def search_text(query: str) -> str:
    """The words of a user's query as plain search text, safe for any backend.

    The hub searches with the same rule as the site search, so one query means the same
    thing in both places.
    """
    return clean_query(query)


def query_terms(query: str) -> list[str]:
    """The words of a search query (operators and punctuation dropped), longest first."""
    words = {w.lower() for w in _WORD.findall(query or "") if len(w) > 1}
    words -= OPERATORS
    return sorted(words, key=len, reverse=True)[:MAX_TERMS]


class Fragment(NamedTuple):
    """A piece of a search snippet: plain text, or a word the query matched (``marked``)."""

    text: str
    marked: bool = False


def highlight(text: str, query: str, length: int = SNIPPET_CHARS) -> list[Fragment]:
    """A snippet of ``text`` around the first matched word, in fragments: the matched words
    marked, for ``resources/includes/snippet.html`` to show (and escape) in a template.

    Words match by prefix so that stemmed search hits ("recruit" → "recruitment") are marked.
    """
    text = text or ""
    terms = query_terms(query)
    if not terms:
        return [Fragment(_shorten(text, 0, length))] if text else []
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    first = pattern.search(text)
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    window = _shorten(text, start, length)
    fragments = []
    cursor = 0
    for match in pattern.finditer(window):
        fragments.append(Fragment(window[cursor : match.start()]))
        fragments.append(Fragment(match.group(0), marked=True))
        cursor = match.end()
    fragments.append(Fragment(window[cursor:]))
    return [fragment for fragment in fragments if fragment.text]


def _shorten(text: str, start: int, length: int) -> str:
    window = text[start : start + length]
    if start + length < len(text):
        cut = window.rfind(" ")
        window = (window[:cut] if cut > length // 2 else window) + " …"
    if start > 0:
        window = "… " + window
    return window
