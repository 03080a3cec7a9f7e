"""Drafts and scheduled items: 404 for the public, a marked preview for editors."""

import pytest
from django.contrib.auth.models import Permission
from pytest_django.asserts import assertContains, assertNotContains

from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory

pytestmark = pytest.mark.django_db

UNPUBLISHED = [
    pytest.param(ArticleFactory, {"draft": True}, id="article-draft"),
    pytest.param(ArticleFactory, {"scheduled": True}, id="article-scheduled"),
    pytest.param(TopicFactory, {"draft": True}, id="topic-draft"),
    pytest.param(TopicFactory, {"scheduled": True}, id="topic-scheduled"),
]


@pytest.fixture
def staff_without_rights_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="personal", password="lösen-för-test-2", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(user)
    return client


@pytest.mark.parametrize(("factory", "traits"), UNPUBLISHED)
def test_unpublished_page_is_not_found_for_anonymous(client, factory, traits):
    item = factory(**traits)

    assert client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(("factory", "traits"), UNPUBLISHED)
def test_unpublished_page_is_shown_to_editor_with_preview_banner(editor_client, factory, traits):
    item = factory(title="Förhandsvisad sida", **traits)

    response = editor_client.get(item.get_absolute_url())

    assert response.status_code == 200
    assertContains(response, "<h1>Förhandsvisad sida</h1>", html=True)
    assertContains(response, "<strong>Förhandsgranskning</strong>", html=True)


@pytest.mark.parametrize(("factory", "traits"), UNPUBLISHED)
def test_preview_is_never_cached(editor_client, factory, traits):
    item = factory(**traits)

    response = editor_client.get(item.get_absolute_url())

    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control
    assert "no-store" in cache_control
    assert "private" in cache_control


@pytest.mark.parametrize(("factory", "traits"), UNPUBLISHED)
def test_unpublished_page_is_not_found_for_staff_without_change_rights(staff_without_rights_client, factory, traits):
    item = factory(**traits)

    assert staff_without_rights_client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("factory", [ArticleFactory, TopicFactory])
def test_published_page_shows_editor_no_preview_banner(editor_client, factory):
    item = factory()

    response = editor_client.get(item.get_absolute_url())

    assertNotContains(response, "Förhandsgranskning")


def test_unpublished_page_is_not_found_for_an_editor_who_is_no_longer_staff(client, editor):
    editor.is_staff = False
    editor.save()
    client.force_login(editor)
    article = ArticleFactory(draft=True)

    assert client.get(article.get_absolute_url()).status_code == 404
