"""``/healthz`` for load balancers: 200 "ok" when the database answers and every migration
this code knows is applied; 503 with a one-line reason otherwise. Nothing personal, never cached.

Answered by a middleware at the top of the stack, before host validation, the HTTPS redirect
and sessions: a load balancer probes by IP over plain HTTP, and the answer must not depend on
anything but the two checks. Costs two small queries: the applied migrations (which also prove the
database answers); the migrations on disk are read once per process.
"""

import logging

from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

PATHS = {"/healthz", "/healthz/"}
_known_migrations: set[tuple[str, str]] | None = None


def known_migrations() -> set[tuple[str, str]]:
    """Every migration in the code (read from disk once; the code does not change under us)."""
    global _known_migrations
    if _known_migrations is None:
        _known_migrations = set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
    return _known_migrations


def health() -> tuple[int, str]:
    try:
        applied = set(MigrationRecorder(connection).applied_migrations())
    except DatabaseError as exc:
        logger.warning("Health check: database unreachable (%s)", type(exc).__name__)
        return 503, "database unreachable"
    if known_migrations() - applied:
        return 503, "migrations pending"
    return 200, "ok"


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path not in PATHS:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponse("method not allowed\n", status=405, content_type="text/plain; charset=utf-8")
            response["Allow"] = "GET, HEAD"
        else:
            status, text = health()
            response = HttpResponse(f"{text}\n", status=status, content_type="text/plain; charset=utf-8")
        add_never_cache_headers(response)
        response["X-Content-Type-Options"] = "nosniff"
        return response
