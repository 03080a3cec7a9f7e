"""The site's URLs plus ``/__floor__/<name>/``: a page's own bytes, from memory, through every middleware."""

import functools
import os
import re
from pathlib import Path

from django.http import Http404, HttpResponse
from django.urls import path

from vastkom.urls import handler404, handler500  # noqa: F401
from vastkom.urls import urlpatterns as site_urlpatterns


@functools.cache
def floor_bytes(name: str) -> bytes:
    """Read once per process (the bench writes each page's copy before the first floor request)."""
    return (Path(os.environ["BENCH_FLOOR_DIR"]) / f"{name}.html").read_bytes()


def floor(request, name):
    if not re.fullmatch(r"[a-z0-9-]+", name):
        raise Http404
    return HttpResponse(floor_bytes(name), content_type="text/html; charset=utf-8")


urlpatterns = [path("__floor__/<str:name>/", floor), *site_urlpatterns]
