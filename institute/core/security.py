"""The security headers every response carries, on top of Django's own.

- **Content-Security-Policy** (django-csp): ``CONTENT_SECURITY_POLICY`` for the public site
  (``script-src 'self'``: no inline script at all). Wagtail's admin writes inline scripts
  into its widgets (date pickers, inline panels, choosers) that no nonce can reach, so the
  admin's pages get ``CONTENT_SECURITY_POLICY_ADMIN`` on top: the directives named there
  replace the site's. Everything else (sources, ``object-src``, ``base-uri``,
  ``form-action``) stays the site's.
- **frame-ancestors** always says what the response's ``X-Frame-Options`` says (``DENY`` →
  ``'none'``, ``SAMEORIGIN`` → ``'self'``), so a page that Wagtail lets its preview frame
  (it sets ``SAMEORIGIN`` on the preview itself) is framed by both rules or by neither.
- **Permissions-Policy** from ``PERMISSIONS_POLICY``: the browser features the site never
  uses are switched off for it and for anything it frames.

See ``docs/deploy.md`` (security headers).
"""

from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse

FRAME_ANCESTORS = {"DENY": [NONE], "SAMEORIGIN": [SELF]}


def admin_prefix():
    return reverse("wagtailadmin_home")


def is_admin_request(request) -> bool:
    return request.path_info.startswith(admin_prefix())


def frame_ancestors(response):
    """The ``frame-ancestors`` sources that agree with the response's X-Frame-Options."""
    if getattr(response, "xframe_options_exempt", False):
        return None
    option = response.get("X-Frame-Options") or getattr(settings, "X_FRAME_OPTIONS", "DENY")
    return FRAME_ANCESTORS.get(option.upper())


def permissions_policy(features) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` → ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{name}=({' '.join(allowed)})" for name, allowed in features.items())


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's policy, framing rule and Permissions-Policy.

    Put it where ``csp.middleware.CSPMiddleware`` would go.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        replace = dict(parts.replace or {})
        if is_admin_request(request):
            replace.update(getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", {}))
        ancestors = frame_ancestors(response)
        if ancestors is not None:
            replace["frame-ancestors"] = ancestors
        parts.replace = replace
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        features = getattr(settings, "PERMISSIONS_POLICY", None)
        if features and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy(features)
        return response
