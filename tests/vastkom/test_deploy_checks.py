"""check --deploy refuses a per-process cache for shared state when several processes serve."""

from vastkom.core.checks import shared_state_is_shared

LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
DATABASE = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "vastkom_shared_cache"}


def test_several_workers_on_a_per_process_shared_cache_fail(settings):
    settings.CACHES = {"default": LOCMEM, "shared": LOCMEM}
    settings.WEB_CONCURRENCY = 3
    assert [e.id for e in shared_state_is_shared()] == ["core.E001"]


def test_several_servers_with_one_worker_each_fail_too(settings):
    settings.CACHES = {"default": LOCMEM, "shared": LOCMEM}
    settings.WEB_CONCURRENCY, settings.APP_SERVERS = 1, 2
    assert [e.id for e in shared_state_is_shared()] == ["core.E001"]


def test_one_process_may_keep_its_own(settings):
    settings.CACHES = {"default": LOCMEM, "shared": LOCMEM}
    settings.WEB_CONCURRENCY, settings.APP_SERVERS = 1, 1
    assert shared_state_is_shared() == []


def test_the_database_cache_is_shared(settings):
    settings.CACHES = {"default": LOCMEM, "shared": DATABASE}
    settings.WEB_CONCURRENCY, settings.APP_SERVERS = 4, 3
    assert shared_state_is_shared() == []


def test_the_check_runs_with_deploy(settings):
    from django.core import checks

    settings.CACHES = {"default": LOCMEM, "shared": LOCMEM}
    settings.WEB_CONCURRENCY = 2
    assert "core.E001" in [e.id for e in checks.run_checks(include_deployment_checks=True)]
    assert "core.E001" not in [e.id for e in checks.run_checks(include_deployment_checks=False)]
