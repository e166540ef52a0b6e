"""Production: DEBUG off, secrets from the environment, HTTPS everywhere, shared cache.

``manage.py check --deploy --settings=institute.settings.production`` must report nothing
(``tests/test_deploy.py`` runs it). Behind a load balancer that terminates TLS, the balancer
sets ``X-Forwarded-Proto: https``; ``SECURE_PROXY_SSL_HEADER`` trusts it.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")

# --- HTTPS ------------------------------------------------------------------------------------
# SECURE_SSL_REDIRECT=0 only for a loopback run (the benchmark) or when the balancer redirects.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# No page of the site is framed by another; Wagtail's preview views set SAMEORIGIN themselves
# (wagtail.utils.decorators.xframe_options_sameorigin_override), so DENY keeps preview working.
# The CSP's frame-ancestors says the same, response by response (institute/core/security.py).
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-ancestors"] = [NONE]  # noqa: F405

# --- Cache shared by every worker ---------------------------------------------------------------
if not REDIS_URL:  # noqa: F405
    # Several workers on one machine must share the page cache and its invalidation.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(DATA_DIR / "cache")),  # noqa: F405
        },
        # Wagtail writes every rendition it hands out to the "renditions" cache, even one
        # the listing prefetched: on files that is a file written per picture per request
        # (about 1 ms each). Each worker keeps its own, briefly: a replaced image's old
        # rendition can be named by another worker for at most this long.
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "TIMEOUT": 120,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
