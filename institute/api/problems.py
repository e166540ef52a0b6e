"""Errors as RFC 9457 problem details (``application/problem+json``), one shape for all."""

import json
from http import HTTPStatus

from django.http import HttpResponse

CONTENT_TYPE = "application/problem+json"


class Problem(Exception):
    """Raised by an endpoint to answer with a problem: status, a short detail, extras."""

    def __init__(self, status: int, detail: str = "", *, headers=None, **extra):
        super().__init__(detail)
        self.status, self.detail, self.extra = status, detail, extra
        self.headers = headers or ({"Retry-After": "60"} if status == 429 else {})


def problem_response(status: int, detail: str = "", *, headers=None, **extra) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        **({"detail": detail} if detail else {}),
        **extra,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response
