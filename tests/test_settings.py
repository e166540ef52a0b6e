"""Environment variables switch the embedded defaults to the services used at scale."""

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
