"""The site's URLs plus ``/__floor__/``: the same article bytes, from memory, through every middleware."""

import functools
import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from vastkom.urls import handler404, handler500  # noqa: F401
from vastkom.urls import urlpatterns as site_urlpatterns


@functools.cache
def floor_bytes() -> bytes:
    """Read once per process (the bench writes the file before the first floor request)."""
    return Path(os.environ["BENCH_FLOOR_FILE"]).read_bytes()


def floor(request):
    return HttpResponse(floor_bytes(), content_type="text/html; charset=utf-8")


urlpatterns = [path("__floor__/", floor), *site_urlpatterns]
