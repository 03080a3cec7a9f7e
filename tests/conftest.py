import pytest
from django.contrib.auth.models import Permission


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads and renditions go to a throw-away folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


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
