"""A stored file served with byte ranges (RFC 9110 section 14), for audio and video players.

Podcast apps and browsers' ``<audio>`` ask for parts of a file (``Range: bytes=…``) to seek
and to resume. WhiteNoise serves only static files and media is served by the application
only in DEBUG (docs/deploy.md), so files that players fetch go through ``ranged_file``:
``206 Partial Content`` for one satisfiable range, ``416`` with ``Content-Range: bytes */size``
for one that is not, the whole file (``200``) when there is no ``Range``, when it is not
understood or asks for several ranges, or when ``If-Range`` names another version. HEAD gets
the same headers without a body.
"""

import re
import zlib

from django.http import HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

CHUNK = 64 * 1024
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def byte_range(header: str, size: int):
    """``(first, last)`` inclusive for a single range, ``None`` to send the whole file, or
    ``"unsatisfiable"``."""
    match = _RANGE.fullmatch(header.strip().replace(" ", ""))
    if match is None:  # no range, another unit, several ranges, or nonsense: ignore it
        return None
    start, end = match.groups()
    if not start and not end:
        return None
    if not start:  # the last ``end`` bytes
        suffix = int(end)
        if suffix == 0 or size == 0:
            return "unsatisfiable"
        return max(size - suffix, 0), size - 1
    first = int(start)
    last = int(end) if end else size - 1
    if end and last < first:
        return None  # invalid: ignored, as the RFC says
    if first >= size:
        return "unsatisfiable"
    return first, min(last, size - 1)


def _read(file, first: int, length: int):
    with file.open("rb") as handle:
        handle.seek(first)
        while length > 0:
            chunk = handle.read(min(CHUNK, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


def ranged_file(request, file, *, content_type: str, modified, max_age: int = 3600):
    """``file`` (a stored ``File``: its ``size`` and ``open()``) as a response to ``request``."""
    size = file.size
    # A replaced file of the same size and date still gets a new tag: its name is in it.
    etag = f'"{size:x}-{int(modified.timestamp()):x}-{zlib.crc32(file.name.encode()):x}"'
    last_modified = http_date(modified.timestamp())
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Last-Modified": last_modified,
        "Cache-Control": f"public, max-age={max_age}",
    }
    conditional = get_conditional_response(
        request, etag=etag, last_modified=int(modified.timestamp())
    )
    if isinstance(conditional, HttpResponseNotModified):
        for name, value in headers.items():
            conditional[name] = value
        return conditional
    wanted = None
    if_range = request.headers.get("If-Range")
    if "Range" in request.headers and (if_range is None or if_range in (etag, last_modified)):
        wanted = byte_range(request.headers["Range"], size)
    if wanted == "unsatisfiable":
        response = HttpResponse(status=416, headers=headers)
        response["Content-Range"] = f"bytes */{size}"
        return response
    first, last = wanted if wanted else (0, size - 1)
    length = max(last - first + 1, 0)
    body = _read(file, first, length) if request.method != "HEAD" else iter(())
    response = StreamingHttpResponse(body, content_type=content_type, headers=headers)
    response["Content-Length"] = str(length)
    if wanted:
        response.status_code = 206
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response
