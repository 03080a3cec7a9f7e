"""HTTP caching for the public site: whole pages for anonymous readers, and honest headers.

``PageCacheMiddleware`` sits just below WhiteNoise, above sessions, CSRF and authentication,
so a cached page costs one read of the generation (``vastkom.core.pagecache``) and one read of
the local cache, and nothing else; with Redis as both, one ``MGET`` reads the two, and a page
this process has served before costs the read of the generation alone (``kept_page()``). Pages
are kept per address with the generation they were rendered in, and only an entry of the
request's generation is served.

What is kept: an anonymous ``GET`` (no session cookie, no messages cookie, no
``Authorization``) answered ``200`` with a public ``Cache-Control``, that sets no cookie and did
not use the CSRF token, outside ``PAGE_CACHE_EXCLUDE_PREFIXES``. Never kept: editors (they
carry a session cookie), previews (``never_cache``), the subscription forms (CSRF), personal
pages (``never_cache``), errors and redirects.

Headers, on every response that has not chosen its own ``Cache-Control``:

- public pages: ``public, max-age=0, s-maxage=N``: browsers revalidate each time (``ETag`` gives
  a ``304``), a shared cache (nginx, a CDN) may keep the page ``N`` seconds
  (``PAGE_CACHE_SHARED_MAX_AGE``);
- anything personal (a logged-in user, a cookie set, the CSRF token used): ``private, no-store``.

Anonymous public pages carry no ``Vary: Cookie`` (the page is the same for every reader
without a session; a shared cache must pass requests with a session cookie through, as the
shipped nginx config does) and nothing varies on ``Accept-Language`` (one language).
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import parse_http_date_safe

from vastkom.core import pagecache

PERSONAL_COOKIES = ("messages",)


def _vary(response) -> list[str]:
    return [v.strip() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()]


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        anonymous = self._anonymous(request)
        cacheable = (
            getattr(settings, "PAGE_CACHE_ENABLED", True)
            and anonymous
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(tuple(getattr(settings, "PAGE_CACHE_EXCLUDE_PREFIXES", ())))
        )
        token = pagecache.begin_request()
        try:
            if not cacheable:
                return self._conditional(request, self._headers(request, self.get_response(request), anonymous))
            key = self._key(request)
            now = timezone.now()
            # A page this process holds costs the generation only; else generation and page in
            # one round trip. An entry of another generation is out of date (or not yet
            # current), one past its boundary too: render.
            kept = pagecache.kept_page(key)
            if kept is not None:
                if self._fresh(kept, pagecache.current_generation(), now):
                    return self._from_entry(request, kept)
                pagecache.forget_page(key)
            generation, entry = pagecache.generation_and_entry(key)
            if entry is not None and self._fresh(entry, generation, now):
                pagecache.keep_page(key, entry)
                return self._from_entry(request, entry)

            response = self._headers(request, self.get_response(request), anonymous)
            if request.method == "GET" and self._storable(response):
                expires = pagecache.next_boundary(generation, now)
                seconds = pagecache.entry_timeout(expires, now, getattr(settings, "PAGE_CACHE_SECONDS", 3600))
                if seconds > 0:
                    entry = (generation, expires, response.status_code, list(response.items()), response.content)
                    caches[pagecache.LOCAL_ALIAS].set(key, entry, seconds)
                    pagecache.keep_page(key, entry)
            return self._conditional(request, response)
        finally:
            pagecache.end_request(token)

    # --- who and what --------------------------------------------------------------------

    @staticmethod
    def _anonymous(request) -> bool:
        cookies = request.COOKIES
        return (
            settings.SESSION_COOKIE_NAME not in cookies
            and not any(name in cookies for name in PERSONAL_COOKIES)
            and "HTTP_AUTHORIZATION" not in request.META
        )

    @staticmethod
    def _key(request) -> str:
        """Per address; the entry holds its generation (one key per page, so one round trip)."""
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return f"pagecache:page:{hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()}"

    @staticmethod
    def _fresh(entry, generation: str, now) -> bool:
        return entry[0] == generation and (entry[1] is None or entry[1] > now)

    @staticmethod
    def _storable(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "public" in response.get("Cache-Control", "")
            and "Cookie" not in _vary(response)
        )

    # --- headers -------------------------------------------------------------------------

    def _headers(self, request, response, anonymous: bool):
        personal = (
            not anonymous
            or bool(response.cookies)
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or request.META.get("CSRF_COOKIE_USED")
        )
        if anonymous and not response.cookies and not request.META.get("CSRF_COOKIE_USED"):
            # The page is the same for every reader without a session: let shared caches keep it.
            self._drop_vary(response, "Cookie")
        self._drop_vary(response, "Accept-Language")
        if "Cache-Control" not in response:
            if personal:
                patch_cache_control(response, private=True, no_store=True)
            elif request.method in ("GET", "HEAD") and response.status_code == 200:
                shared_max_age = getattr(settings, "PAGE_CACHE_SHARED_MAX_AGE", 1)
                patch_cache_control(response, public=True, max_age=0, s_maxage=shared_max_age)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
            and not response.has_header("ETag")
            and "no-store" not in response.get("Cache-Control", "")
        ):
            set_response_etag(response)
        if not response.has_header("Content-Language") and response.get("Content-Type", "").startswith("text/html"):
            response["Content-Language"] = settings.LANGUAGE_CODE
        return response

    @staticmethod
    def _drop_vary(response, header: str) -> None:
        vary = _vary(response)
        kept = [v for v in vary if v.lower() != header.lower()]
        if len(kept) != len(vary):
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]

    # --- answers -------------------------------------------------------------------------

    def _from_entry(self, request, entry):
        _generation, _expires, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return self._conditional(request, response)

    @staticmethod
    def _conditional(request, response):
        if response.status_code != 200 or request.method not in ("GET", "HEAD"):
            return response
        last_modified = response.get("Last-Modified")
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(last_modified) if last_modified else None,
            response=response,
        )
