"""The drafts interface (vastkom/core/drafts.py): what preview links and the form build on."""

import pytest

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory
from vastkom.core import drafts

pytestmark = pytest.mark.django_db


def test_an_item_without_pending_changes_is_its_own_working_copy():
    article = ArticleFactory()

    assert drafts.has_pending_changes(article) is False
    assert drafts.working_copy(article) is article


def test_the_working_copy_has_the_pending_fields_and_relations_and_nothing_is_saved(django_user_model):
    topic = TopicFactory()
    article = ArticleFactory(title="Live")
    drafts.pending_draft_save(
        obj=article,
        values={"title": "Utkast", "topics": [topic.pk], "publish_at": "2030-01-01T08:00:00Z"},
        author=None,
    )

    copy = drafts.working_copy(article)

    assert drafts.has_pending_changes(article) is True
    assert copy is not article
    assert (copy.pk, copy.title, list(copy.topics.all())) == (article.pk, "Utkast", [topic])
    assert copy.publish_at.year == 2030
    assert article.title == "Live"
    assert Article.objects.get(pk=article.pk).title == "Live"
    assert list(Article.objects.get(pk=article.pk).topics.all()) == []


def test_a_draft_naming_a_field_the_model_no_longer_has_still_gives_a_working_copy():
    article = ArticleFactory(title="Live")
    drafts.pending_draft_save(obj=article, values={"title": "Utkast", "gammalt_falt": 1}, author=None)

    assert drafts.working_copy(article).title == "Utkast"


def test_one_pending_draft_per_item_saving_again_replaces_it():
    article = ArticleFactory()
    drafts.pending_draft_save(obj=article, values={"title": "Ett"}, author=None)

    drafts.pending_draft_save(obj=article, values={"title": "Två"}, author=None)

    assert drafts.PendingDraft.objects.get().data == {"title": "Två"}


def test_pending_rich_text_is_cleaned_like_a_save(writer_client):
    from tests.vastkom.admin_forms import admin_form_data

    article = ArticleFactory()
    url = f"/admin/articles/article/{article.pk}/change/"
    data = admin_form_data(writer_client.get(url), body='<p onclick="x()">Text<script>alert(1)</script></p>')

    assert writer_client.post(url, data).status_code == 302
    assert drafts.PendingDraft.objects.get().data["body"] == "<p>Text</p>"
