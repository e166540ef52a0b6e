"""Run a snippet under a given settings module and environment, in a fresh interpreter.

Settings are read once at import time from the environment, so the only honest way to see
what an environment variable does is a new process with that variable set.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Variables that switch the settings; the probe starts from none of them.
SWITCHES = (
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "PAGE_CACHE_SECONDS",
    "DJANGO_SETTINGS_MODULE",
    # Set by the browser harness for Playwright inside the test process; never in deployment.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def probe_env(tmp_path, **overrides):
    env = {key: value for key, value in os.environ.items() if key not in SWITCHES}
    env["DATA_DIR"] = str(tmp_path)
    env["STATIC_ROOT"] = str(tmp_path / "static")
    env.update(overrides)
    return env


def run_python(code, env, timeout=120):
    """Run ``code`` with ``python -c`` from the project root; return the completed process."""
    return subprocess.run(  # noqa: S603 — our own interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def settings_of(module, names, env):
    """The values of ``names`` in settings ``module`` under ``env`` (JSON-friendly repr)."""
    code = (
        "import importlib, json\n"
        f"m = importlib.import_module({module!r})\n"
        f"print(json.dumps({{n: getattr(m, n, None) for n in {list(names)!r}}}, default=str))\n"
    )
    done = run_python(code, env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
