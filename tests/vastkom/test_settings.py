"""Settings from the environment: production refuses to start without a secret, and deploys clean."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "prod-" + "k9Xq2vLm8RtY4wZp7NcB3hJd6FsGa1Ue5Ko0Ti" * 2,
    "DJANGO_ALLOWED_HOSTS": "www.vastkom.se",
    "SITE_URL": "https://www.vastkom.se",
}
SETUP = "import django; django.setup(); from django.conf import settings; print('DEBUG', settings.DEBUG)"


def run(args, **env):
    """Run in a fresh interpreter with nothing from this test run's environment but PATH."""
    clean_env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "vastkom.settings", **env}
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=clean_env, capture_output=True, text=True, timeout=120
    )


def test_app_refuses_to_start_without_secret_key_when_debug_is_unset():
    result = run(["-c", SETUP])

    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_app_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run(["-c", SETUP], DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_app_starts_without_secret_key_for_a_local_run():
    result = run(["-c", SETUP], DJANGO_DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert "DEBUG True" in result.stdout


def test_app_starts_in_production_with_a_secret_key():
    result = run(["-c", SETUP], **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout


def test_check_deploy_is_clean_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


SHOW_SCALE_OUT = (
    "import django; django.setup(); from django.conf import settings; from django.core.files.storage import storages;"
    "d = settings.DATABASES['default']; print('CONN', d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']);"
    "s = storages['default']; print('STORAGE', type(s).__module__ + '.' + type(s).__name__);"
    "print('URL', s.url('articles/bild.jpg'))"
)


def test_scale_out_switches_are_off_by_default():
    result = run(["-c", SHOW_SCALE_OUT], **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "CONN 0 False" in result.stdout
    assert "STORAGE django.core.files.storage.filesystem.FileSystemStorage" in result.stdout


def test_persistent_database_connections_with_health_checks_are_a_switch():
    result = run(["-c", SHOW_SCALE_OUT], DATABASE_CONN_MAX_AGE="60", DATABASE_CONN_HEALTH_CHECKS="1", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "CONN 60 True" in result.stdout


def test_media_go_to_s3_compatible_storage_when_a_bucket_is_given():
    """Configuration only: building a URL of a public object needs no network."""
    result = run(
        ["-c", SHOW_SCALE_OUT],
        DJANGO_S3_BUCKET="vastkom-media",
        DJANGO_S3_ENDPOINT_URL="https://s3.example.se",
        DJANGO_S3_REGION="eu-north-1",
        DJANGO_S3_ACCESS_KEY_ID="nyckel",
        DJANGO_S3_SECRET_ACCESS_KEY="hemlig",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert "STORAGE storages.backends.s3.S3Storage" in result.stdout
    assert "URL https://s3.example.se/vastkom-media/media/articles/bild.jpg" in result.stdout


def test_media_urls_use_the_custom_domain_of_a_cdn_in_front_of_the_bucket():
    result = run(
        ["-c", SHOW_SCALE_OUT],
        DJANGO_S3_BUCKET="vastkom-media",
        DJANGO_S3_CUSTOM_DOMAIN="media.vastkom.se",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert "URL https://media.vastkom.se/media/articles/bild.jpg" in result.stdout


def test_redis_url_switches_both_caches_to_redis_and_its_client_is_installed():
    """Configuration only: the client is built without connecting."""
    show = (
        "import django; django.setup(); from django.core.cache import caches;"
        "print(type(caches['default']).__name__, type(caches['shared']).__name__);"
        "print(type(caches['shared']._cache.get_client(write=False)).__module__);"
        "print('one client per pool:', caches['shared']._cache.get_client() is caches['shared']._cache.get_client())"
    )
    result = run(["-c", show], REDIS_URL="redis://127.0.0.1:6379/0", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "RedisCache RedisCache" in result.stdout
    assert "redis.client" in result.stdout
    # Django's own client built a redis.Redis (0.25 ms of CPU) for every call.
    assert "one client per pool: True" in result.stdout
