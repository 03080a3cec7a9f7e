"""The site's absolute address, for canonical links, feeds, sitemaps and e-mail.

``SITE_URL`` when it is set. In the local demo without it (``SITE_URL_FROM_REQUEST``: DEBUG on
and no ``SITE_URL`` in the environment) the address the site is actually served on, taken from
the request being answered, so ``make run PORT=8150`` links to :8150, not :8000.
"""

from contextvars import ContextVar

from django.conf import settings

_request_origin: ContextVar[str | None] = ContextVar("request_origin", default=None)


def site_url() -> str:
    """``scheme://host[:port]`` without a trailing slash."""
    return _request_origin.get() or settings.SITE_URL


class RequestOriginMiddleware:
    """While a request is answered, ``site_url()`` is its origin (local demo without SITE_URL only)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.SITE_URL_FROM_REQUEST:
            return self.get_response(request)
        token = _request_origin.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _request_origin.reset(token)
