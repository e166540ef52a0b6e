"""Bounded load generators: ``wrk`` when installed, else a small threaded keep-alive client.

Both return a :class:`Measurement`. Each run is bounded by seconds; the Python client also
by a number of requests.
"""

import http.client
import re
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import asdict, dataclass


@dataclass
class Measurement:
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    tool: str

    def as_dict(self):
        return {
            key: round(value, 3) if isinstance(value, float) else value
            for key, value in asdict(self).items()
        }


def percentile(values, fraction):
    """The value below which ``fraction`` of ``values`` fall (inclusive method)."""
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[round(fraction * 100) - 1]


def python_client(host, port, path, *, seconds, max_requests, concurrency, headers=None):
    """``concurrency`` threads, each on one keep-alive connection, until time or count runs out.

    ``headers`` go with every request (e.g. the Cookie of a signed-in page).
    """
    sent = {"Host": "localhost", **(headers or {})}
    deadline = time.monotonic() + seconds
    latencies, errors = [], [0]
    lock = threading.Lock()
    budget = [max_requests]

    def take():
        with lock:
            if budget[0] <= 0:
                return False
            budget[0] -= 1
            return True

    def worker():
        conn = http.client.HTTPConnection(host, port, timeout=30)
        mine, failed = [], 0
        while time.monotonic() < deadline and take():
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=sent)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
                if response.will_close:
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=30)
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=30)
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return Measurement(
        requests=len(latencies),
        errors=errors[0],
        seconds=elapsed,
        rps=len(latencies) / elapsed if elapsed else 0.0,
        p50_ms=percentile(latencies, 0.50),
        p99_ms=percentile(latencies, 0.99),
        tool="python",
    )


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output, seconds):
    """Figures from ``wrk --latency`` output."""
    found = {
        m.group(1): _to_ms(m.group(2))
        for m in re.finditer(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s|m))\s*$", output, re.M)
    }
    total = int(re.search(r"^\s*(\d+) requests in ", output, re.M).group(1))
    rps = float(re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(bad.group(1)) if bad else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Measurement(
        requests=total,
        errors=errors,
        seconds=seconds,
        rps=rps,
        p50_ms=found.get("50", 0.0),
        p99_ms=found.get("99", 0.0),
        tool="wrk",
    )


def wrk(host, port, path, *, seconds, concurrency, headers=None):
    threads = max(1, min(2, concurrency))
    extra = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    command = [
        shutil.which("wrk"),
        f"-t{threads}",
        f"-c{concurrency}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        "30s",
        "-H",
        "Host: localhost",
        *extra,
        f"http://{host}:{port}{path}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)  # noqa: S603
    return parse_wrk(done.stdout, seconds)


def choose_tool(preference="auto"):
    if preference == "python" or (preference == "auto" and not shutil.which("wrk")):
        return "python"
    if not shutil.which("wrk"):
        raise SystemExit("BENCH_TOOL=wrk but wrk is not installed (Debian: apt-get install wrk).")
    return "wrk"


def measure(tool, host, port, path, *, seconds, max_requests, concurrency, headers=None):
    if tool == "wrk":
        return wrk(host, port, path, seconds=seconds, concurrency=concurrency, headers=headers)
    return python_client(
        host,
        port,
        path,
        seconds=seconds,
        max_requests=max_requests,
        concurrency=concurrency,
        headers=headers,
    )
