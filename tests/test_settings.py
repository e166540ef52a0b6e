"""Environment variables switch the embedded defaults to the services used at scale."""

import pytest

from tests.settings_probe import probe_env, settings_of

SECRET = "a-long-random-secret-for-the-settings-tests-only-0123456789abcdef"  # noqa: S105


def test_without_configuration_the_database_is_sqlite_in_wal_mode(tmp_path):
    found = settings_of("institute.settings.dev", ["DATABASES"], probe_env(tmp_path))
    database = found["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "institute.sqlite3")
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


def test_database_url_switches_to_postgresql(tmp_path):
    env = probe_env(tmp_path, DATABASE_URL="postgres://society:pw@db.internal:5433/institute")
    database = settings_of("institute.settings.dev", ["DATABASES"], env)["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.internal",
        5433,
        "institute",
    )
    assert database["USER"] == "society"
    assert database["CONN_MAX_AGE"] == 60


def test_without_configuration_cache_sessions_and_tasks_stay_local(tmp_path):
    names = ["CACHES", "SESSION_ENGINE", "TASKS", "INSTALLED_APPS"]
    found = settings_of("institute.settings.dev", names, probe_env(tmp_path))
    assert found["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert found["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert found["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "django_rq" not in found["INSTALLED_APPS"]


def test_redis_url_switches_cache_sessions_and_tasks_to_redis(tmp_path):
    env = probe_env(tmp_path, REDIS_URL="redis://cache.internal:6379/2")
    names = ["CACHES", "SESSION_ENGINE", "TASKS", "RQ_QUEUES", "INSTALLED_APPS"]
    found = settings_of("institute.settings.dev", names, env)
    assert found["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert found["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/2"
    assert found["SESSION_ENGINE"] == "django.contrib.sessions.backends.cache"
    assert found["TASKS"]["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    for queue in found["TASKS"]["default"]["QUEUES"]:
        assert found["RQ_QUEUES"][queue]["URL"] == "redis://cache.internal:6379/2"
    assert {"django_rq", "django_tasks_rq"} <= set(found["INSTALLED_APPS"])


def test_cache_key_prefix_keeps_sites_sharing_one_redis_apart(tmp_path):
    default = probe_env(tmp_path, REDIS_URL="redis://cache.internal:6379/2")
    found = settings_of("institute.settings.dev", ["CACHES"], default)
    assert found["CACHES"]["default"]["KEY_PREFIX"] == "institute"
    other = probe_env(tmp_path, REDIS_URL="redis://cache.internal:6379/2", CACHE_KEY_PREFIX="x")
    found = settings_of("institute.settings.dev", ["CACHES"], other)
    assert found["CACHES"]["default"]["KEY_PREFIX"] == "x"


def test_without_configuration_mail_goes_to_the_console(tmp_path):
    found = settings_of("institute.settings.dev", ["EMAIL_BACKEND"], probe_env(tmp_path))
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_email_url_switches_to_smtp(tmp_path):
    env = probe_env(tmp_path, EMAIL_URL="smtp://mailer:s3cret@smtp.example.org:587?tls=True")
    names = ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_USE_TLS"]
    found = settings_of("institute.settings.dev", names, env)
    assert found == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_USE_TLS": True,
    }


def test_production_without_redis_shares_a_file_cache_between_workers(tmp_path):
    env = probe_env(tmp_path, SECRET_KEY=SECRET)
    cache = settings_of("institute.settings.production", ["CACHES"], env)["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert cache["LOCATION"] == str(tmp_path / "cache")


def test_production_with_redis_uses_redis_for_the_cache(tmp_path):
    env = probe_env(tmp_path, SECRET_KEY=SECRET, REDIS_URL="redis://cache.internal:6379/0")
    cache = settings_of("institute.settings.production", ["CACHES"], env)["CACHES"]["default"]
    assert cache["BACKEND"] == "django_redis.cache.RedisCache"


def test_allowed_hosts_come_from_the_environment(tmp_path):
    env = probe_env(tmp_path, ALLOWED_HOSTS="localhost, institute.example")
    found = settings_of("institute.settings.dev", ["ALLOWED_HOSTS"], env)
    assert found["ALLOWED_HOSTS"] == ["localhost", "institute.example"]


# --- Security headers in every settings module --------------------------------------------
SETTINGS_MODULES = ["dev", "test", "production"]
HEADER_SETTINGS = [
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_ADMIN",
    "PERMISSIONS_POLICY",
    "MIDDLEWARE",
    "WAGTAIL_GRAVATAR_PROVIDER_URL",
]
FRAME_ANCESTORS = {"DENY": ["'none'"], "SAMEORIGIN": ["'self'"]}


def header_settings(tmp_path, module):
    env = probe_env(tmp_path, SECRET_KEY=SECRET)
    return settings_of(f"institute.settings.{module}", HEADER_SETTINGS, env)


@pytest.mark.parametrize("module", SETTINGS_MODULES)
def test_frame_ancestors_agree_with_x_frame_options(tmp_path, module):
    found = header_settings(tmp_path, module)
    directives = found["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["frame-ancestors"] == FRAME_ANCESTORS[found["X_FRAME_OPTIONS"]]
    assert "frame-ancestors" not in found["CONTENT_SECURITY_POLICY_ADMIN"]


@pytest.mark.parametrize("module", SETTINGS_MODULES)
def test_public_site_allows_only_its_own_scripts_and_styles(tmp_path, module):
    found = header_settings(tmp_path, module)
    directives = found["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "institute.core.security.SecurityHeadersMiddleware" in found["MIDDLEWARE"]
    assert "csp.middleware.CSPMiddleware" not in found["MIDDLEWARE"]


@pytest.mark.parametrize("module", SETTINGS_MODULES)
def test_powerful_browser_features_are_off(tmp_path, module):
    policy = header_settings(tmp_path, module)["PERMISSIONS_POLICY"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == [], feature


@pytest.mark.parametrize("module", SETTINGS_MODULES)
def test_avatars_come_from_no_outside_service(tmp_path, module):
    assert header_settings(tmp_path, module)["WAGTAIL_GRAVATAR_PROVIDER_URL"] is None


def test_tests_run_under_the_production_policy(tmp_path):
    assert header_settings(tmp_path, "test") == header_settings(tmp_path, "production")
