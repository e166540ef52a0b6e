"""The organisation report as a PDF: the report page's own HTML laid out by WeasyPrint with
the print stylesheet (docs/benchmarking.md, "The report on paper").

WeasyPrint is a Python package, but it draws text with Pango, a system library. Where Pango
is missing, ``from_html`` raises ``Unavailable`` with the reason, and the view says so
instead of failing: the site still runs with nothing but Python.
"""

import logging
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage


class Unavailable(Exception):
    """The PDF library cannot run here; the message says why."""


def _weasyprint():
    try:
        import weasyprint
    except ImportError as error:  # the package itself is not installed
        raise Unavailable(f"the PDF library is not installed ({error})") from error
    except OSError as error:  # installed, but Pango (a system library) is missing
        raise Unavailable(f"a system library the PDF library needs is missing ({error})") from error
    # It reports every screen-only rule of the site's CSS it skips, and each page it lays
    # out: noise in the server's log.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint


def static_file(url: str) -> Path | None:
    """The file behind a URL of this site's static files, or None for any other URL."""
    path = urlsplit(url).path
    prefix = urlsplit(settings.STATIC_URL).path
    if not path.startswith(prefix):
        return None
    name = path[len(prefix) :]
    if ".." in Path(name).parts:
        return None
    if settings.STATIC_ROOT:
        try:
            found = Path(staticfiles_storage.path(name))
        except NotImplementedError:
            found = None
        if found and found.is_file():
            return found
    found = finders.find(name)
    return Path(found) if found else None


def _fetcher(weasyprint):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        """Stylesheets from the static files on disk; nothing is fetched over the network."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            found = static_file(url)
            if found is None:
                raise ValueError(f"not a static file of this site: {url}")
            kind = "text/css" if found.suffix == ".css" else "application/octet-stream"
            return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": kind})

    return StaticOnly()


def from_html(html: str, *, base_url: str) -> bytes:
    """The PDF of a page of this site, laid out for print (its ``media="print"`` styles)."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(
        string=html, base_url=base_url, url_fetcher=_fetcher(weasyprint), media_type="print"
    )
    return document.write_pdf()
