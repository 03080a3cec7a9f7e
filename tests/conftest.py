import os
from io import BytesIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from PIL import Image

from vastkom.core import pagecache

# Property-based tests (hypothesis): bounded and the same on every run by default ("ci"), so
# the suite stays fast and a failure reproduces; HYPOTHESIS_PROFILE=explore tries new inputs
# on every run and remembers failures in .hypothesis/, "thorough" tries 20 times as many.
_HYPOTHESIS_COMMON = {
    "deadline": None,  # a request on a loaded CI machine may take a second
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
hypothesis_settings.register_profile("ci", max_examples=50, derandomize=True, database=None, **_HYPOTHESIS_COMMON)
hypothesis_settings.register_profile("explore", max_examples=50, **_HYPOTHESIS_COMMON)
hypothesis_settings.register_profile("thorough", max_examples=1000, **_HYPOTHESIS_COMMON)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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


def member_of(django_user_model, username, group_name, **fields):
    """A staff member in one of the editors' groups (made by the data migration)."""
    user = django_user_model.objects.create_user(
        username=username, password="lösen-för-test-3", is_staff=True, email=f"{username}@example.se", **fields
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def writer(django_user_model):
    """A Skribent: writes drafts and hands them in; cannot publish."""
    from vastkom.core.roles import WRITER_GROUP

    return member_of(django_user_model, "skribent", WRITER_GROUP, first_name="Sara", last_name="Skribent")


@pytest.fixture
def publisher(django_user_model):
    """A Publicerare: publishes, schedules, unpublishes and sends back."""
    from vastkom.core.roles import PUBLISHER_GROUP

    return member_of(django_user_model, "publicerare", PUBLISHER_GROUP, first_name="Per", last_name="Publicerare")


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
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
