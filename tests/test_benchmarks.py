"""The benchmark's own parts: load figures, databases it uses, the table it prints."""

import http.server
import threading

import pytest

from benchmarks import load
from benchmarks.config import BENCH_DIR, database_urls, pages_from_env, server_env
from benchmarks.report import table

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8105/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    37.21ms   10.02ms  80.00ms   70.00%
  Latency Distribution
     50%   37.40ms
     75%   40.00ms
     90%   50.00ms
     99%    1.20s
  497 requests in 5.01s, 1.2MB read
  Non-2xx or 3xx responses: 3
Requests/sec:     99.20
Transfer/sec:    245.12KB
"""


def test_wrk_output_gives_rate_percentiles_and_errors():
    found = load.parse_wrk(WRK_OUTPUT, 5)
    assert (found.requests, found.errors, found.rps) == (497, 3, 99.2)
    assert (found.p50_ms, found.p99_ms) == (37.4, 1200.0)


def test_percentile_of_a_uniform_spread():
    values = [float(n) for n in range(1, 101)]
    assert load.percentile(values, 0.50) == pytest.approx(50.5)
    assert load.percentile(values, 0.99) == pytest.approx(99.01)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 — the standard library's name
        body = b"ok"
        if self.path == "/signed-in":
            ok = self.headers.get("Cookie") == "sessionid=abc"
            self.send_response(200 if ok else 403)
        else:
            self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def tiny_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_python_client_stops_at_its_request_budget(tiny_server):
    found = load.python_client(
        "127.0.0.1", tiny_server, "/ok", seconds=30, max_requests=40, concurrency=2
    )
    assert found.requests == 40
    assert found.errors == 0
    assert found.rps > 0


def test_python_client_counts_non_200_answers_as_errors(tiny_server):
    found = load.python_client(
        "127.0.0.1", tiny_server, "/missing", seconds=30, max_requests=10, concurrency=1
    )
    assert found.errors == 10


def test_python_client_sends_the_session_cookie_of_a_signed_in_page(tiny_server):
    signed_in = load.python_client(
        "127.0.0.1",
        tiny_server,
        "/signed-in",
        seconds=30,
        max_requests=10,
        concurrency=2,
        headers={"Cookie": "sessionid=abc"},
    )
    anonymous = load.python_client(
        "127.0.0.1", tiny_server, "/signed-in", seconds=30, max_requests=10, concurrency=2
    )
    assert (signed_in.errors, anonymous.errors) == (0, 10)


def test_wrk_is_given_the_extra_headers(monkeypatch):
    seen = {}

    def run(command, **kwargs):
        seen["command"] = command
        return type("Done", (), {"stdout": WRK_OUTPUT})()

    monkeypatch.setattr(load.subprocess, "run", run)
    monkeypatch.setattr(load.shutil, "which", lambda name: "/usr/bin/wrk")
    load.wrk("127.0.0.1", 1, "/p/", seconds=1, concurrency=2, headers={"Cookie": "sessionid=x"})
    assert seen["command"][-3:] == ["-H", "Cookie: sessionid=x", "http://127.0.0.1:1/p/"]


def test_rooms_declare_signed_in_pages_with_the_user_to_sign_in_as(db, monkeypatch):
    from benchmarks import inprocess

    monkeypatch.delenv("BENCH_PAGES", raising=False)
    pages = {page["id"]: page for page in inprocess.discover()}
    report = pages["/benchmarking/2023/london-borough-of-hounslow/ [benchmarking:staff]"]
    assert report["who"] == "benchmarking:staff"
    assert "/benchmarking/ [benchmarking:staff]" not in pages  # anonymous pages stay anonymous
    assert pages["/benchmarking/"]["who"] is None


def test_a_bench_session_cookie_signs_the_request_in(db, client):
    from benchmarks import inprocess

    made = inprocess.session("benchmarking:staff")
    name, _, value = made["cookie"].partition("=")
    assert client.get("/benchmarking/my/").status_code == 302  # not signed in
    client.cookies[name] = value
    assert client.get("/benchmarking/my/").status_code == 200
    assert made["user"] == "bench-staff@demo.institute.example"


def test_a_bench_user_who_does_not_exist_gives_no_cookie(db):
    from benchmarks import inprocess

    assert inprocess.session("benchmarking:coordinator") == {"cookie": None, "user": None}


def test_bench_databases_are_separate_sqlite_files_by_default(monkeypatch):
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    large, demo = database_urls()
    assert large == f"sqlite:///{BENCH_DIR / 'large.sqlite3'}"
    assert demo == f"sqlite:///{BENCH_DIR / 'demo.sqlite3'}"


def test_bench_database_url_names_the_postgresql_databases(monkeypatch):
    monkeypatch.setenv("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench")
    assert database_urls() == (
        "postgres://postgres@127.0.0.1:5432/bench",
        "postgres://postgres@127.0.0.1:5432/bench_demo",
    )


def test_bench_servers_run_production_settings_without_tls_redirect(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://somewhere/the-real-one")
    env = server_env("sqlite:///bench.sqlite3", page_cache_seconds=0)
    assert env["DJANGO_SETTINGS_MODULE"] == "institute.settings.production"
    assert env["DATABASE_URL"] == "sqlite:///bench.sqlite3"
    assert env["SECURE_SSL_REDIRECT"] == "0"
    assert env["PAGE_CACHE_SECONDS"] == "0"
    assert len(env["SECRET_KEY"]) >= 50


def test_each_bench_database_has_a_cache_of_its_own():
    """Cached fragments hold one database's rows: the large and demo databases never share."""
    large, demo = (
        server_env(url, page_cache_seconds=0)
        for url in ("sqlite:////x/var/bench/large.sqlite3", "sqlite:////x/var/bench/demo.sqlite3")
    )
    assert large["CACHE_DIR"] != demo["CACHE_DIR"]
    assert large["CACHE_KEY_PREFIX"] != demo["CACHE_KEY_PREFIX"]
    pg_large, pg_demo = (
        server_env(url, page_cache_seconds=0)
        for url in ("postgres://h/bench?sslmode=disable", "postgres://h/bench_demo")
    )
    assert pg_large["CACHE_KEY_PREFIX"] == "bench-bench"
    assert pg_demo["CACHE_KEY_PREFIX"] == "bench-bench-demo"


def test_bench_pages_from_the_environment(monkeypatch):
    monkeypatch.setenv("BENCH_PAGES", "News=/news/; Search=/search/?q=cyber")
    assert pages_from_env() == [("News", "/news/"), ("Search", "/search/?q=cyber")]


def _result(uncached_ratio, queries):
    figures = {"rps": 10.0, "p50_ms": 1.0, "p99_ms": 2.0}
    return {
        "scale": "large",
        "database": "sqlite",
        "server": {"workers": 2},
        "load": {"tool": "wrk", "concurrency": 4, "seconds": 5},
        "baseline": {"path": "/static/x.css", "rps": 1000.0, "p50_ms": 1.0, "p99_ms": 2.0},
        "pages": [
            {
                "label": "Home",
                "path": "/",
                "uncached": {**figures, "ratio": uncached_ratio},
                "cached": {**figures, "ratio": 0.9},
                "queries": {"large": queries, "demo": 4},
            },
            {"label": "News", "path": "/news/", "skipped": "HTTP 404"},
            {
                "label": "Report",
                "path": "/r/",
                "who": "rooms:staff",
                "uncached": {**figures, "ratio": 0.04},
                "cached": {"skipped": "signed in: no page cache"},
                "queries": {"large": 11, "demo": 11},
            },
        ],
    }


def test_table_marks_a_page_below_the_uncached_target():
    assert "0.020 MISS" in table(_result(0.02, 4))


def test_table_marks_query_growth_between_scales():
    text = table(_result(0.05, 9))
    assert "9/4 ok (grows!)" in text
    assert "0.050 ok" in text
    assert "HTTP 404" in text


def test_table_shows_signed_in_pages_uncached_only():
    (line,) = [row for row in table(_result(0.05, 4)).splitlines() if row.startswith("Report")]
    assert "[signed in: rooms:staff]" in line
    assert "0.040 ok" in line and "signed in: no page cache" in line and "11/11 ok" in line
