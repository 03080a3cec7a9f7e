"""System checks of the deployment (``manage.py check --deploy``).

State that several app processes must see alike (rate-limit counts, the page cache's
generation) lives in ``caches["shared"]``. A per-process cache there is fine for one
process and silently wrong for more: each process would count on its own. How many processes
serve the site is ``WEB_CONCURRENCY`` (gunicorn's workers per machine; gunicorn reads the same
variable) times ``DJANGO_APP_SERVERS``.
"""

from django.conf import settings
from django.core import checks

PER_PROCESS_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
PER_MACHINE_BACKENDS = {"django.core.cache.backends.filebased.FileBasedCache"}


def app_processes() -> tuple[int, int]:
    """(processes per machine, machines) the deployment says it runs."""
    return int(getattr(settings, "WEB_CONCURRENCY", 1) or 1), int(getattr(settings, "APP_SERVERS", 1) or 1)


@checks.register(checks.Tags.caches, deploy=True)
def shared_state_is_shared(app_configs=None, **kwargs):
    per_machine, machines = app_processes()
    backend = settings.CACHES.get("shared", {}).get("BACKEND", "")
    local = backend in PER_PROCESS_BACKENDS and per_machine * machines > 1
    local = local or (backend in PER_MACHINE_BACKENDS and machines > 1)
    if not local:
        return []
    return [
        checks.Error(
            f'caches["shared"] is {backend.rsplit(".", 1)[-1]}, which each app process keeps for itself, '
            f"but the site runs {per_machine} worker(s) on {machines} server(s): rate limits "
            "would count per process and cached pages outlive changes.",
            hint="Set REDIS_URL, or use the database cache (the default without REDIS_URL).",
            id="core.E001",
        )
    ]
