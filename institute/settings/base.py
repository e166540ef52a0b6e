import os
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "institute"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The roof
    "institute.core",
    "institute.people",
    "institute.resources",
    "institute.events",
    "institute.benchmarking",
    "institute.academy",
    "institute.partners",
    "institute.membership",
    "institute.insight",
    "institute.newsletter",
    "institute.review",
    "institute.api",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "institute.core.cache.AnonymousPageCacheMiddleware",
    "institute.core.routing.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "institute.core.cache.PrivateResponsesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "institute.core.security.SecurityHeadersMiddleware",  # CSP, Permissions-Policy
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "institute.urls"
WSGI_APPLICATION = "institute.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "institute.core.context_processors.site_chrome",
            ],
        },
    },
]

# --- Database: SQLite (WAL) by default, DATABASE_URL for PostgreSQL -------------------------
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "var"))
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'institute.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers and a writer work at once; IMMEDIATE takes the write lock at
            # the start of a transaction so concurrent writers queue instead of failing.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                " PRAGMA busy_timeout=10000;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, task queue: local by default, REDIS_URL at scale -------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            # Sites (or the bench's two databases) sharing one Redis keep apart by prefix.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "institute"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "institute",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
# allauth's backend is Django's ModelBackend (permissions, groups) that signs in by e-mail
# only; Django's own would also take a username, through any form that calls authenticate().
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "people:profile"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "institute.people.forms.SignupDetailsForm"
ACCOUNT_ADAPTER = "institute.people.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "institute.people.account_forms.LoginForm",
    "signup": "institute.people.account_forms.SignupForm",
    "reset_password": "institute.people.account_forms.ResetPasswordForm",
    "reset_password_from_key": "institute.people.account_forms.ResetPasswordKeyForm",
    "change_password": "institute.people.account_forms.ChangePasswordForm",
    "add_email": "institute.people.account_forms.AddEmailForm",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Institute] "
# Confirming an address by following the link signs the person in straight away.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_RATE_LIMITS = {
    # Per address only: the limits per address and account together, and per account, are
    # in institute/people/signin.py (docs/people.md, "Wrong passwords").
    "login_failed": "10/m/ip",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
}

# --- Internationalisation and time --------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail: console by default, EMAIL_URL (smtp://…) at scale -------------------------------
_email = dj_email_url.parse(os.environ.get("EMAIL_URL", "console:"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
if _email.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Institute <hello@institute.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Newsletter (docs/newsletter.md) ----------------------------------------------------------
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", "")  # else DEFAULT_FROM_EMAIL
# Messages a second per worker (0: no limit); providers cap it (e.g. 14/s on a new SES account).
NEWSLETTER_RATE = float(os.environ.get("NEWSLETTER_RATE", "0"))
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "200"))
NEWSLETTER_MAX_ATTEMPTS = int(os.environ.get("NEWSLETTER_MAX_ATTEMPTS", "5"))
# Seconds before retrying a refused copy, doubling with each attempt.
NEWSLETTER_RETRY_BACKOFF = int(os.environ.get("NEWSLETTER_RETRY_BACKOFF", "60"))
# A claim older than this belongs to a stopped worker (longer than any batch takes).
NEWSLETTER_CLAIM_TIMEOUT = int(os.environ.get("NEWSLETTER_CLAIM_TIMEOUT", "600"))
NEWSLETTER_WEBHOOK_SECRET = os.environ.get("NEWSLETTER_WEBHOOK_SECRET", "")
NEWSLETTER_MESSAGE_ID_DOMAIN = os.environ.get(
    "NEWSLETTER_MESSAGE_ID_DOMAIN", "newsletter.institute.example"
)
NEWSLETTER_POSTAL_ADDRESS = os.environ.get(
    "NEWSLETTER_POSTAL_ADDRESS", "Institute, 1 Example Street, London EC1A 1AA"
)
# A week with nothing new: "send" an issue that says so, or "skip" the week.
NEWSLETTER_EMPTY_WEEK = os.environ.get("NEWSLETTER_EMPTY_WEEK", "send")
NEWSLETTER_CALENDAR_DAYS = int(os.environ.get("NEWSLETTER_CALENDAR_DAYS", "21"))

# --- The client's address behind a load balancer (docs/deploy.md) ---------------------------
# Every per-address limit (allauth's and the rooms') reads it through
# institute.core.ratelimit.client_address. Set TRUSTED_PROXY_COUNT to the number of proxies
# of our own in front of the app, or TRUSTED_CLIENT_IP_HEADER to a header the proxy sets.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = TRUSTED_CLIENT_IP_HEADER

# --- One door for signing in (docs/people.md, "One door") -------------------------------------
# Wagtail's admin, its private pages and its password reset all lead to allauth's forms;
# the admin's own password and e-mail forms would skip allauth's checks and notices, so
# staff change both under /accounts/ like everyone.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Institute"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Podcast episodes' audio is uploaded as a document (mp3, m4a): docs/resources.md.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "m4a", "mp3", "odt", "pdf", "pptx", "rtf", "txt"]
WAGTAILDOCS_EXTENSIONS += ["xlsx", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_I18N_ENABLED = False
# Avatars: none from outside services (the CSP would block them anyway); Wagtail shows its own
# default picture unless a person uploads one.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Security ------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview renders the page in a same-origin frame.
SESSION_COOKIE_HTTPONLY = True
# The public site runs no inline script or style; institute/core/security.py adds the admin's
# policy below and sets frame-ancestors from each response's X-Frame-Options.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "media-src": [SELF],  # podcast audio, served by the site itself (resources/audio.py)
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# Under /admin/ these directives replace the site's: Wagtail's widgets write inline scripts
# and styles (no nonce reaches them), and its bundles compile templates at run time.
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
}
# Browser features the site never uses, off for it and for anything it frames.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
PERMISSIONS_POLICY["fullscreen"] = ["self"]

# --- Page cache for anonymous visitors (see institute/core/cache.py) -------------------------
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# The API's rate limits (docs/api.md): requests a minute per client address without a token,
# and per token (or signed-in person) with one.
API_REQUESTS_PER_MINUTE_PER_ADDRESS = int(
    os.environ.get("API_REQUESTS_PER_MINUTE_PER_ADDRESS", "120")
)
API_REQUESTS_PER_MINUTE_PER_TOKEN = int(os.environ.get("API_REQUESTS_PER_MINUTE_PER_TOKEN", "300"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
