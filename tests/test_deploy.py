"""Production settings pass Django's deployment checklist and send the security headers."""

import json
import os
import runpy

import pytest

from tests.settings_probe import ROOT, probe_env, run_python

SECRET = "a-long-random-secret-for-the-deploy-tests-only-0123456789abcdefghij"  # noqa: S105
PRODUCTION = {"DJANGO_SETTINGS_MODULE": "institute.settings.production", "SECRET_KEY": SECRET}

# A request through the whole middleware stack under production settings. robots.txt needs
# no database, so the probe runs without migrating one.
REQUEST = """
import json, django
django.setup()
from django.test import Client
client = Client()
plain = client.get("/robots.txt")
secure = client.get("/robots.txt", secure=True)
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "status": secure.status_code,
    "headers": dict(secure.headers),
}))
"""


@pytest.fixture(scope="module")
def production_response(tmp_path_factory):
    """One request under production settings, shared by the header tests (a process each)."""
    env = probe_env(tmp_path_factory.mktemp("production"), ALLOWED_HOSTS="testserver", **PRODUCTION)
    done = run_python(REQUEST, env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_check_deploy_with_production_settings_reports_nothing(tmp_path):
    code = (
        "import sys\n"
        "from django.core.management import execute_from_command_line\n"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'DEBUG'])\n"
    )
    done = run_python(code, probe_env(tmp_path, **PRODUCTION))
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output


def test_check_deploy_with_redis_reports_nothing(tmp_path):
    env = probe_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/3", **PRODUCTION)
    done = run_python(
        "from django.core.management import execute_from_command_line\n"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'DEBUG'])\n",
        env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues (0 silenced)" in done.stdout + done.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = probe_env(tmp_path, DJANGO_SETTINGS_MODULE="institute.settings.production")
    done = run_python("import django; django.setup()", env)
    assert done.returncode != 0
    assert "Set SECRET_KEY in the environment for production." in done.stderr


def test_production_redirects_plain_http_to_https(production_response):
    found = production_response
    assert found["plain_status"] == 301
    assert found["plain_location"] == "https://testserver/robots.txt"


def test_production_sends_hsts_for_a_year_with_subdomains_and_preload(production_response):
    headers = production_response["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_production_sends_a_content_security_policy_that_allows_only_own_scripts(
    production_response,
):
    found = production_response
    assert found["status"] == 200
    policy = found["headers"]["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy  # as X-Frame-Options: DENY says


def test_production_switches_off_powerful_browser_features(production_response):
    policy = production_response["headers"]["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_production_forbids_framing_and_sniffing(production_response):
    headers = production_response["headers"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_production_cookies_are_secure_and_http_only(tmp_path):
    code = (
        "import json, django\n"
        "django.setup()\n"
        "from django.conf import settings as s\n"
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.DEBUG]))\n"
    )
    done = run_python(code, probe_env(tmp_path, **PRODUCTION))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [True, True, True, False]


def test_wsgi_application_defaults_to_production_settings(tmp_path):
    env = probe_env(tmp_path, SECRET_KEY=SECRET)
    done = run_python(
        "import institute.wsgi; from django.conf import settings; print(settings.SETTINGS_MODULE)",
        env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "institute.settings.production"


def test_pages_carry_the_content_security_policy(client, home):
    response = client.get(home.url)
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_procfile_runs_gunicorn_and_a_task_worker():
    processes = dict(
        line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line.strip()
    )
    assert set(processes) == {"web", "worker"}
    assert "gunicorn -c deploy/gunicorn.conf.py institute.wsgi:application" in processes["web"]
    worker = ROOT / processes["worker"].strip()
    assert worker.is_file() and os.access(worker, os.X_OK)


def test_image_installs_what_the_pdfs_are_drawn_with():
    """WeasyPrint needs Pango and a font from the system, or the PDF addresses answer 503."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core"):
        assert package in dockerfile, package


def test_gunicorn_config_takes_port_and_workers_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert (config["bind"], config["workers"], config["worker_class"]) == (
        "0.0.0.0:8123",
        3,
        "gthread",
    )
