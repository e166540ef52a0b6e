"""``make screenshots``: the ``screenshots`` command writes a valid full-page PNG of each page
asked for, at each width asked for, against a server already running."""

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections
from PIL import Image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _run_in_own_thread(*args, **options):
    """Run the command in a thread of its own: it starts Playwright's sync API, which refuses
    a thread where another browser test's Playwright loop is already running."""
    failure = []

    def run():
        try:
            call_command(*args, **options)
        except BaseException as exc:  # noqa: BLE001 — re-raised in the test's thread
            failure.append(exc)
        finally:
            connections.close_all()  # this thread's own, before the test database goes

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=300)
    assert not thread.is_alive(), "the screenshots command did not finish"
    if failure:
        raise failure[0]


def test_screenshots_writes_a_valid_png_per_page(live_server, _playwright_browser, home, tmp_path):
    stdout = StringIO()
    _run_in_own_thread(
        "screenshots",
        out=str(tmp_path),
        width=[390],
        only=["home", "topics"],
        base_url=live_server.url,
        stdout=stdout,
    )
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == ["home-390.png", "topics-390.png"]
    for name in written:
        path = tmp_path / name
        assert path.read_bytes()[:8] == PNG_SIGNATURE
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:
            assert image.format == "PNG"
            width, height = image.size
        assert width == 390 and height >= 844, (name, image.size)
        assert str(path) in stdout.getvalue()
