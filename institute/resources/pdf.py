"""Turn a PDF into a draft HTML resource: title, headings, paragraphs and lists.

PDFs carry no structure, only text drawn at positions in fonts of some size. The text the
most characters are set in is the body; larger lines are headings (the largest on the first
page is the title); lines starting with a bullet or a number are list items. What cannot be
converted — images, pages without text (scans) — is reported for the editor to finish.
"""

import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import escape
from pypdf import PdfReader
from pypdf.errors import PdfReadError

BULLET = re.compile(r"^\s*[•●▪◦‣\-–*]\s+")
NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+")
HEADING_RATIO = 1.15  # a line this much larger than the body text is a heading
SECTION_RATIO = 1.45  # … and this much larger, a section (h2) rather than a subsection (h3)
MAX_BYTES = 50 * 1024 * 1024


class PdfImportError(Exception):
    """The file cannot be read as a PDF; nothing was created."""


@dataclass
class Line:
    text: str
    size: float


@dataclass
class PdfDraft:
    title: str
    blocks: list = field(default_factory=list)  # StreamField JSON data
    problems: list = field(default_factory=list)  # what the editor must finish by hand


def read_pdf(path) -> PdfDraft:
    """Read the PDF at ``path`` into a draft, or raise ``PdfImportError`` saying why not."""
    path = Path(path)
    if not path.is_file():
        raise PdfImportError(f"{path} does not exist or is not a file.")
    if path.stat().st_size > MAX_BYTES:
        raise PdfImportError(f"{path.name} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    with path.open("rb") as handle:
        if handle.read(5) != b"%PDF-":
            raise PdfImportError(f"{path.name} is not a PDF file (it lacks the %PDF- header).")
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfImportError(f"{path.name} is password-protected; remove the password first.")
        pages = [_page_lines(page) for page in reader.pages]
        images = [_image_count(page) for page in reader.pages]
        meta_title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    except PdfImportError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise PdfImportError(f"{path.name} is damaged and cannot be read ({exc}).") from exc
    return _draft(pages, images, meta_title, fallback=path.stem.replace("-", " ").replace("_", " "))


def _page_lines(page) -> list[Line]:
    chunks: list[tuple[str, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        scale = abs(tm[3]) or 1.0
        chunks.append((text, round(float(font_size) * scale, 1)))

    page.extract_text(visitor_text=visit)
    lines, current, size = [], [], 0.0
    for text, chunk_size in chunks:
        parts = text.split("\n")
        for n, part in enumerate(parts):
            if n > 0:
                lines.append(Line(" ".join("".join(current).split()), size))
                current, size = [], 0.0
            if part.strip():
                current.append(part)
                size = max(size, chunk_size)
    lines.append(Line(" ".join("".join(current).split()), size))
    return [line for line in lines if line.text]


def _image_count(page) -> int:
    try:
        return len(page.images)
    except Exception:  # noqa: BLE001 — an unreadable image is reported, not fatal
        return 1


def _draft(pages, images, meta_title, fallback) -> PdfDraft:
    sizes = Counter()
    for lines in pages:
        for line in lines:
            sizes[line.size] += len(line.text)
    problems = []
    for number, (lines, image_count) in enumerate(zip(pages, images, strict=True), start=1):
        if not lines:
            problems.append(f"Page {number} has no text to convert (a scanned image?).")
        if image_count:
            problems.append(
                f"Page {number}: {image_count} image(s) not converted — add them as figures "
                "with alt text."
            )
    if not sizes:
        return PdfDraft(title=meta_title or fallback, problems=problems)
    body_size = sizes.most_common(1)[0][0]
    first = pages[0] if pages and pages[0] else []
    title, title_line = meta_title, None
    if first:
        biggest = max(first, key=lambda line: line.size)
        if biggest.size >= body_size * HEADING_RATIO:
            title_line = biggest
            title = title or biggest.text
    blocks = _blocks(
        [line for lines in pages for line in lines if line is not title_line], body_size
    )
    problems.append("Tables, if any, arrive as paragraphs: rebuild them as table blocks.")
    return PdfDraft(title=(title or fallback)[:255], blocks=blocks, problems=problems)


def _blocks(lines, body_size):
    blocks, paragraph, items, ordered = [], [], [], False

    def add(kind, value):
        blocks.append({"type": kind, "value": value, "id": str(uuid.uuid4())})

    def flush_paragraph():
        if paragraph:
            add("text", f"<p>{escape(' '.join(paragraph))}</p>")
            paragraph.clear()

    def flush_list():
        if items:
            tag = "ol" if ordered else "ul"
            add("text", f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + f"</{tag}>")
            items.clear()

    for line in lines:
        if line.size >= body_size * HEADING_RATIO:
            flush_paragraph()
            flush_list()
            level = "h2" if line.size >= body_size * SECTION_RATIO else "h3"
            add("heading", {"text": line.text[:200], "level": level})
        elif BULLET.match(line.text) or NUMBERED.match(line.text):
            flush_paragraph()
            is_numbered = bool(NUMBERED.match(line.text))
            if items and is_numbered != ordered:
                flush_list()
            ordered = is_numbered
            items.append(NUMBERED.sub("", BULLET.sub("", line.text)))
        elif items and not line.text[:1].isupper():
            items[-1] += " " + line.text  # a list item wrapped onto the next line
        else:
            flush_list()
            paragraph.append(line.text)
            if line.text.endswith((".", "?", "!", ":")):
                flush_paragraph()
    flush_paragraph()
    flush_list()
    return blocks
