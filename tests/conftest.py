from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from vastkom.core import pagecache


@pytest.fixture(autouse=True)
def fresh_local_cache():
    """Each test starts with an empty local-memory cache (pages, kept data).

    Between tests the database is rolled back or flushed, which can hand an earlier page-cache
    generation back; production never goes back to an old generation. A shared Redis is never
    emptied here.
    """
    pagecache.reset_local()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads and renditions go to a throw-away folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_bytes(image_format="PNG", size=(64, 48)):
    """A small real image file's bytes (PNG, JPEG, ...)."""
    buffer = BytesIO()
    Image.new("RGB", size, (0, 79, 113)).save(buffer, image_format)
    return buffer.getvalue()


@pytest.fixture
def png_upload():
    return SimpleUploadedFile("bild.png", image_bytes("PNG"), content_type="image/png")


@pytest.fixture
def editor(django_user_model):
    """A staff member who may change articles, topics and contacts (not a superuser)."""
    user = django_user_model.objects.create_user(username="redaktor", password="lösen-för-test-1", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["articles", "topics"]))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests skip on SQLite (the zero-setup default) instead of failing."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
