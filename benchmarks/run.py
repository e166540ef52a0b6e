"""``make bench``: seed a separate database at scale ``large``, serve it with gunicorn, measure.

Pages are measured against a baseline (a small static file WhiteNoise serves through the same
gunicorn) twice: on a server whose page cache is off (``PAGE_CACHE_SECONDS=0`` — every
request runs the view) and on one whose anonymous page cache is on. SQL queries per page are
counted in-process against the large and the demo-scale databases. See docs/benchmarks.md.
"""

import argparse
import datetime
import json
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import time

from . import load
from .config import (
    BASELINE,
    BENCH_DIR,
    RESULTS,
    ROOT,
    TARGET_CACHED,
    TARGET_QUERIES,
    TARGET_UNCACHED,
    Plan,
    database_urls,
    server_env,
)
from .report import table
from .server import Gunicorn, ensure_database, manage


def log(message):
    print(f"[bench] {message}", flush=True)


def inprocess(env, *args):
    done = subprocess.run(  # noqa: S603 — our own interpreter and module
        [sys.executable, "-m", "benchmarks.inprocess", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.stderr.strip():
        print(done.stderr.rstrip(), file=sys.stderr)
    if done.returncode != 0:
        raise RuntimeError(f"benchmarks.inprocess {args[0]} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def prepare(plan, large_url, demo_url):
    """Migrate and seed both bench databases, collect static files."""
    for url, scale in ((large_url, plan.scale), (demo_url, "demo")):
        env = server_env(url, page_cache_seconds=0)
        ensure_database(url, log=log)
        manage(env, "migrate", "--noinput", "--verbosity", "0", log=log)
        if plan.seed:
            started = time.monotonic()
            only = [arg for label in plan.seed_only for arg in ("--only", label)]
            manage(env, "seed_demo", "--scale", scale, *only, log=log)
            log(f"seeded scale {scale} in {time.monotonic() - started:.0f}s")
        # Seeding queues background work (the search index is updated by tasks): run it all.
        if env.get("REDIS_URL"):
            worker = ("rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job")
        else:
            worker = ("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*")
        manage(env, *worker, log=log)
    manage(
        server_env(large_url, page_cache_seconds=0),
        "collectstatic",
        "--noinput",
        "--verbosity",
        "0",
        log=log,
    )


def measure_path(server, plan, tool, path, seconds, headers=None):
    return load.measure(
        tool,
        "127.0.0.1",
        server.port,
        path,
        seconds=seconds,
        max_requests=plan.max_requests,
        concurrency=plan.concurrency,
        headers=headers,
    ).as_dict()


def measure_page(server, plan, tool, path, headers=None):
    """The page against the baseline in alternating short rounds; medians over the rounds.

    The load on a shared machine drifts within a run; alternating baseline and page, and
    dividing each page round by the baseline round just before it, keeps that drift out of
    the ratio.
    """
    # Warm-up: every worker loads its templates and per-process caches before timing starts.
    for _ in range(plan.workers * 4):
        server.get(BASELINE[1])
        server.get(path, headers)
    seconds = max(1.0, plan.duration / plan.rounds)
    rounds, baselines = [], []
    for _ in range(plan.rounds):
        base = measure_path(server, plan, tool, BASELINE[1], seconds)
        page = measure_path(server, plan, tool, path, seconds, headers)
        baselines.append(base)
        ratio = page["rps"] / base["rps"] if base["rps"] else 0.0
        rounds.append({**page, "baseline_rps": base["rps"], "ratio": round(ratio, 4)})
    figures = {
        key: round(statistics.median(r[key] for r in rounds), 4)
        for key in ("rps", "p50_ms", "p99_ms", "ratio", "baseline_rps")
    }
    figures["requests"] = sum(r["requests"] for r in rounds)
    figures["errors"] = sum(r["errors"] for r in rounds)
    figures["rounds"] = rounds
    return figures, baselines


def combined_baseline(runs):
    """The baseline over the whole run, for the table's headline (ratios use their own)."""
    middle = {
        key: statistics.median(run[key] for run in runs) for key in ("rps", "p50_ms", "p99_ms")
    }
    return {
        **{key: round(value, 3) for key, value in middle.items()},
        "requests": sum(run["requests"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "runs": len(runs),
    }


def check_invalidation(server, env, path):
    """A content change made in another process retires the cached page in every worker."""
    server.get(path)
    _, before = server.get(path)
    touched = inprocess(env, "touch")["touched"]
    if touched is None:
        return {"ok": False, "note": "no content object to change"}
    after = [server.get(path)[1].get("X-Page-Cache") for _ in range(6)]
    ok = before.get("X-Page-Cache") == "hit" and after[0] == "miss" and set(after[1:]) == {"hit"}
    return {
        "ok": ok,
        "path": path,
        "before": before.get("X-Page-Cache"),
        "after": after,
        "note": f"{path}: {before.get('X-Page-Cache')} before saving {touched}, "
        f"then {', '.join(str(a) for a in after)}",
    }


def signed_in_headers(env, pages):
    """A session cookie per bench user of the signed-in pages (None: no such user here)."""
    cookies = {}
    for who in sorted({page["who"] for page in pages if page.get("who")}):
        made = inprocess(env, "session", who)
        cookies[who] = {"Cookie": made["cookie"]} if made["cookie"] else None
        log(f"signed in as {made['user'] or '(nobody: no such user)'} for {who}")
    return cookies


def serve_and_measure(plan, tool, large_url, pages):
    """Both servers in turn: the page cache off, then on.

    Signed-in pages are measured on the uncached server only: the page cache serves anonymous
    visitors, so a signed-in request runs the view on either server.
    """
    results, baseline_runs = {}, []
    cookies = signed_in_headers(server_env(large_url, page_cache_seconds=0), pages)
    for mode, cache_seconds in (("uncached", 0), ("cached", plan.cache_seconds)):
        env = server_env(large_url, page_cache_seconds=cache_seconds)
        port = plan.port + (mode == "cached") if plan.port else 0
        with Gunicorn(env, port=port, workers=plan.workers, name=mode) as server:
            log(f"gunicorn ({mode}, PAGE_CACHE_SECONDS={cache_seconds}) on port {server.port}")
            figures = {}
            for page in pages:
                headers = None
                if page.get("who"):
                    if mode == "cached":
                        figures[page["id"]] = {"skipped": "signed in: no page cache"}
                        continue
                    headers = cookies[page["who"]]
                    if headers is None:
                        figures[page["id"]] = {"skipped": f"no user {page['who']}"}
                        log(f"  {page['id']}: no such user, not measured")
                        continue
                status, _ = server.get(page["path"], headers)
                if status != 200:
                    figures[page["id"]] = {"skipped": f"HTTP {status}"}
                    log(f"  {page['id']}: HTTP {status}, not measured")
                    continue
                measured, baselines = measure_page(server, plan, tool, page["path"], headers)
                baseline_runs += baselines
                if mode == "cached":
                    measured["cache_hit"] = server.get(page["path"])[1].get("X-Page-Cache") == "hit"
                figures[page["id"]] = measured
                log(
                    f"  {page['id']}: {measured['rps']:.0f} req/s "
                    f"(baseline {measured['baseline_rps']:.0f}, ratio {measured['ratio']})"
                )
            invalidation = None
            if mode == "cached":
                first = next((p["path"] for p in pages if "skipped" not in figures[p["id"]]), "/")
                invalidation = check_invalidation(server, env, first)
            results[mode] = {"pages": figures, "invalidation": invalidation}
    if not baseline_runs:
        raise RuntimeError("no page answered 200: nothing to measure")
    results["baseline"] = combined_baseline(baseline_runs)
    return results


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--scale", default="large", choices=("demo", "large"))
    parser.add_argument("--seconds", type=float, help="per page and mode (BENCH_SECONDS, 6)")
    parser.add_argument("--rounds", type=int, help="baseline/page rounds (BENCH_ROUNDS, 3)")
    parser.add_argument("--concurrency", type=int, help="connections (BENCH_CONCURRENCY, 4)")
    parser.add_argument("--tool", choices=("auto", "wrk", "python"), help="load generator")
    parser.add_argument("--port", type=int, help="first of two ports (BENCH_PORT; default free)")
    parser.add_argument("--no-seed", action="store_true", help="reuse the seeded databases")
    parser.add_argument(
        "--seed-only",
        action="append",
        default=[],
        metavar="APP",
        help="seed only these app labels (repeatable; BENCH_SEED_ONLY=core,people)",
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    plan = Plan(scale=args.scale, seed=not args.no_seed)
    plan.duration = args.seconds or plan.duration
    plan.rounds = args.rounds or plan.rounds
    plan.seed_only = args.seed_only or plan.seed_only
    plan.concurrency = args.concurrency or plan.concurrency
    plan.tool = args.tool or plan.tool
    plan.port = args.port or plan.port
    tool = load.choose_tool(plan.tool)
    # One secret for every process of this run, generated here unless given.
    os.environ.setdefault("BENCH_SECRET_KEY", secrets.token_urlsafe(50))
    # A stop (Ctrl+C, SIGTERM) unwinds through the servers' context managers, which kill them.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    large_url, demo_url = database_urls()
    log(f"databases: {large_url} (scale {plan.scale}), {demo_url} (scale demo)")
    prepare(plan, large_url, demo_url)

    count_env = server_env(large_url, page_cache_seconds=0)
    pages = inprocess(count_env, "discover")
    listed = json.dumps(pages)
    log("counting SQL queries per page")
    counts_large = inprocess(count_env, "queries", listed)
    counts_demo = inprocess(server_env(demo_url, page_cache_seconds=0), "queries", listed)
    volume = inprocess(count_env, "volume")

    measured = serve_and_measure(plan, tool, large_url, pages)

    log("rooms' own figures")
    rooms = inprocess(count_env, "rooms")

    rows = []
    for page in pages:
        key = page["id"]
        uncached = measured["uncached"]["pages"][key]
        cached = measured["cached"]["pages"][key]
        row = {**page}
        if "skipped" in uncached:
            row["skipped"] = uncached["skipped"]
        else:
            row["uncached"], row["cached"] = uncached, cached
            row["queries"] = {
                "large": counts_large[key]["queries"],
                "demo": counts_demo[key]["queries"],
            }
            queries = [n for n in row["queries"].values() if n is not None]
            row["meets_targets"] = (
                uncached["ratio"] >= TARGET_UNCACHED
                and (page.get("who") is not None or cached.get("ratio", 0) >= TARGET_CACHED)
                and bool(queries)
                and max(queries) <= TARGET_QUERIES
                and len(set(queries)) == 1
            )
        rows.append(row)

    result = {
        "generated_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "scale": plan.scale,
        "database": "postgresql" if large_url.startswith("postgres") else "sqlite",
        "cache": "redis" if os.environ.get("REDIS_URL") else "file",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "server": {"workers": plan.workers, "worker_class": "gthread", "threads": 2},
        "load": {
            "tool": tool,
            "concurrency": plan.concurrency,
            "seconds": plan.duration,
            "rounds": plan.rounds,
            "max_requests": plan.max_requests if tool == "python" else None,
        },
        "targets": {
            "uncached_ratio": TARGET_UNCACHED,
            "cached_ratio": TARGET_CACHED,
            "queries": TARGET_QUERIES,
        },
        "baseline": {"label": BASELINE[0], "path": BASELINE[1], **measured["baseline"]},
        "pages": rows,
        "cache_invalidation": measured["cached"]["invalidation"],
        "rooms": rooms,
        "volume": volume,
        "duration_s": round(time.monotonic() - started, 1),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print()
    print(table(result))
    print(f"\nWritten {RESULTS.relative_to(ROOT)} in {result['duration_s']:.0f}s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
