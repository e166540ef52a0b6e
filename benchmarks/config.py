"""What the benchmark measures, where it keeps its data, and the targets it shows.

Everything lives under ``var/bench/`` (outside git), apart from ``benchmarks/results/``.
"""

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"

# The targets (docs/benchmarks.md): uncached pages reach at least 0.03 of the static
# baseline, cached pages 0.5, and no page needs more than 12 SQL queries — at demo scale
# and at large scale alike.
TARGET_UNCACHED = 0.03
TARGET_CACHED = 0.5
TARGET_QUERIES = 12

# The roof's pages. A room adds its own through ``institute/<app>/bench.py`` (``PAGES``);
# ``BENCH_PAGES="Label=/path;Other=/path?q=x"`` replaces this list for one run.
ROOF_PAGES = [
    ("Home", "/"),
    ("Standard page", "/about/"),
    ("News listing", "/news/"),
    ("Search", "/search/?q=digital+leadership"),
    ("Topic index", "/topics/"),
    ("Topic page", "/topics/cyber/"),
]
# A small file WhiteNoise serves through the same gunicorn: the ceiling a page is compared to.
BASELINE = ("Static file (baseline)", os.environ.get("BENCH_BASELINE", "/static/css/print.css"))


def env_int(name, default):
    return int(os.environ.get(name, default))


def env_float(name, default):
    return float(os.environ.get(name, default))


@dataclass
class Plan:
    """One run's knobs; every one can be set from the environment."""

    scale: str = "large"
    duration: float = field(default_factory=lambda: env_float("BENCH_SECONDS", 6))
    rounds: int = field(default_factory=lambda: env_int("BENCH_ROUNDS", 3))
    max_requests: int = field(default_factory=lambda: env_int("BENCH_MAX_REQUESTS", 20000))
    concurrency: int = field(default_factory=lambda: env_int("BENCH_CONCURRENCY", 4))
    workers: int = field(default_factory=lambda: env_int("BENCH_WORKERS", 2))
    port: int = field(default_factory=lambda: env_int("BENCH_PORT", 0))
    cache_seconds: int = field(default_factory=lambda: env_int("BENCH_PAGE_CACHE_SECONDS", 300))
    tool: str = field(default_factory=lambda: os.environ.get("BENCH_TOOL", "auto"))
    seed: bool = True
    seed_only: list = field(
        default_factory=lambda: [a for a in os.environ.get("BENCH_SEED_ONLY", "").split(",") if a]
    )


def database_urls():
    """(large-scale URL, demo-scale URL): two separate databases, never the project's own."""
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if url:
        base, _, name = url.rpartition("/")
        name, _, query = name.partition("?")
        demo = f"{base}/{name}_demo" + (f"?{query}" if query else "")
        return url, demo
    return (
        f"sqlite:///{BENCH_DIR / 'large.sqlite3'}",
        f"sqlite:///{BENCH_DIR / 'demo.sqlite3'}",
    )


def _cache_name(database_url):
    """A short, file-safe name for a database URL (its last path part)."""
    name = database_url.rstrip("/").rpartition("/")[2].partition("?")[0]
    return "".join(c if c.isalnum() else "-" for c in name) or "default"


def server_env(database_url, *, page_cache_seconds):
    """Production settings for a loopback run: real secret, no TLS redirect, shared cache."""
    env = dict(os.environ)
    for name in ("DEBUG", "DATABASE_URL", "PAGE_CACHE_SECONDS"):
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "institute.settings.production",
            "DATABASE_URL": database_url,
            "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "localhost,127.0.0.1,testserver",
            "SECURE_SSL_REDIRECT": "0",
            "DATA_DIR": str(BENCH_DIR / "data"),
            "STATIC_ROOT": str(BENCH_DIR / "static"),
            "MEDIA_ROOT": str(BENCH_DIR / "media"),
            # Without REDIS_URL production settings use the file cache, shared by the workers.
            # Each database has its own cache (directory, or key prefix in Redis): cached
            # fragments hold ids and rows of one database and must never answer for another.
            "CACHE_DIR": str(BENCH_DIR / "cache" / _cache_name(database_url)),
            "CACHE_KEY_PREFIX": f"bench-{_cache_name(database_url)}",
            "PAGE_CACHE_SECONDS": str(page_cache_seconds),
            # The load comes from one address: the API's per-address limit would measure 429s.
            "API_REQUESTS_PER_MINUTE_PER_ADDRESS": "1000000000",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    # With REDIS_URL (passed through) cache, sessions and the page cache live in Redis instead.
    return env


def pages_from_env():
    raw = os.environ.get("BENCH_PAGES", "").strip()
    if not raw:
        return None
    pages = []
    for item in raw.split(";"):
        label, _, path = item.partition("=")
        if path.strip():
            pages.append((label.strip(), path.strip()))
    return pages
