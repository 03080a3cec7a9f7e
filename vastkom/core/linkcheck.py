"""Checking external links: HEAD, then GET when a server refuses HEAD, with a short timeout.

Used by ``manage.py content_check``, never when a page is saved. Addresses that resolve to
private, loopback or link-local networks are not fetched (a link in a text must not make the
server probe its own network) unless ``CONTENT_CHECK_ALLOW_PRIVATE_HOSTS`` is on (tests,
which serve their links from 127.0.0.1).
"""

import ipaddress
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPException
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

USER_AGENT = "VastKom-lankkontroll/1.0 (+https://www.vastkom.se/)"
RETRY_WITH_GET = {400, 403, 405, 406, 429, 500, 501, 503}


@dataclass(frozen=True)
class LinkResult:
    url: str
    ok: bool
    status: int | None = None
    reason: str = ""


class PrivateAddress(Exception):
    pass


def is_private_host(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError, ValueError):
        return False  # the request will fail on its own and say so
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
            or address.is_multicast
        ):
            return True
    return False


def guard(url: str):
    host = urlsplit(url).hostname or ""
    if not getattr(settings, "CONTENT_CHECK_ALLOW_PRIVATE_HOSTS", False) and is_private_host(host):
        raise PrivateAddress(host)


class GuardedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        guard(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


OPENER = urllib.request.build_opener(GuardedRedirects)


def fetch_status(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with OPENER.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check_url(url: str, *, timeout: float = 5.0) -> LinkResult:
    if urlsplit(url).scheme not in {"http", "https"}:
        return LinkResult(url, True)
    try:
        guard(url)
        status = fetch_status(url, "HEAD", timeout)
        if status in RETRY_WITH_GET:
            status = fetch_status(url, "GET", timeout)
    except PrivateAddress:
        return LinkResult(url, True, None, _("inte kontrollerad (adress i ett internt nät)"))
    except (urllib.error.URLError, HTTPException, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(error, TimeoutError) or isinstance(reason, TimeoutError):
            return LinkResult(url, False, None, _("svarar inte (tidsgränsen nåddes)"))
        return LinkResult(url, False, None, _("går inte att nå (%(reason)s)") % {"reason": reason})
    if status >= 400:
        return LinkResult(url, False, status, _("svarar %(status)s") % {"status": status})
    return LinkResult(url, True, status)


def check_urls(urls, *, timeout: float = 5.0, workers: int = 8) -> dict[str, LinkResult]:
    urls = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls) or 1))) as pool:
        return dict(zip(urls, pool.map(lambda u: check_url(u, timeout=timeout), urls), strict=True))
