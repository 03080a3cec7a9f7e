"""The quality check in the admin: an error blocks publishing and is shown next to its field,
a draft always saves, warnings are shown, and the change lists show and filter the result."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory
from tests.vastkom.admin_forms import admin_form_data
from vastkom.core.publishing import Status

pytestmark = pytest.mark.django_db

NO_ALT = '<p>Text.</p><p><img src="/media/bilder/karta.png"></p>'
WITH_ALT = '<p>Text.</p><p><img src="/media/bilder/karta.png" alt="Karta över regionen."></p>'
ALT_MESSAGE = "Bilden ”karta.png” saknar alternativtext."
VAGUE = '<p>Rapporten finns <a href="https://www.skr.se/rapport">här</a>.</p>'


def change_url(item):
    return f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/change/"


def post_change(client, item, **changes):
    url = change_url(item)
    return client.post(url, admin_form_data(client.get(url), **changes))


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_publishing_with_an_image_without_alt_text_is_refused_next_to_the_body(editor_client):
    article = ArticleFactory(draft=True, body="<p>Utkast.</p>")

    response = post_change(editor_client, article, body=NO_ALT, status=Status.PUBLISHED)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert any(message.startswith(ALT_MESSAGE) for message in form.errors["body"])
    assertContains(response, ALT_MESSAGE)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.body == "<p>Utkast.</p>"


def test_the_same_text_saves_as_a_draft_and_says_what_must_be_fixed(editor_client):
    article = ArticleFactory(draft=True, body="<p>Utkast.</p>")

    response = post_change(editor_client, article, body=NO_ALT, status=Status.DRAFT)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == NO_ALT
    assert article.quality_errors == 1
    assert any("måste rättas innan sidan kan publiceras" in m and ALT_MESSAGE in m for m in messages_of(response))


def test_publishing_after_adding_the_alt_text_succeeds(editor_client):
    article = ArticleFactory(draft=True, body=NO_ALT)

    response = post_change(editor_client, article, body=WITH_ALT, status=Status.PUBLISHED)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.quality_errors == 0


def test_publishing_a_topic_with_an_h1_in_the_body_is_refused(editor_client):
    topic = TopicFactory(draft=True)

    response = post_change(editor_client, topic, body="<h1>Rubrik</h1><p>Text.</p>", status=Status.PUBLISHED)

    assert response.status_code == 200
    assert "body" in response.context["adminform"].form.errors


def test_warnings_do_not_block_publishing_and_are_shown(editor_client):
    article = ArticleFactory(draft=True)

    response = post_change(editor_client, article, body=VAGUE, status=Status.PUBLISHED)

    assert response.status_code == 302
    assert any(m.startswith("Att se över: Länktexten ”här”") for m in messages_of(response))
    article.refresh_from_db()
    assert article.quality_warnings == 1


def test_warnings_are_shown_when_the_form_is_sent_back_with_an_error(editor_client):
    article = ArticleFactory(draft=True)

    response = post_change(editor_client, article, body=VAGUE + NO_ALT, status=Status.PUBLISHED)

    assert response.status_code == 200
    assert any(m.startswith("Att se över: Länktexten ”här”") for m in messages_of(response))


def test_a_long_topic_intro_is_a_warning_in_the_form(editor_client):
    topic = TopicFactory(intro="Ord " * 90)

    response = editor_client.get(change_url(topic))

    assertContains(response, "Kvalitetskontroll")
    assertContains(response, "Ingressen har 359 tecken.")


def test_the_form_shows_the_last_check_with_its_lix(editor_client):
    body = "<p>" + " ".join(["Vi har ett möte i dag. Alla får gå dit. Det blir kaffe och bulle."] * 6) + "</p>"
    article = ArticleFactory(body=body)

    response = editor_client.get(change_url(article))

    assertContains(response, "Inga anmärkningar.")
    assertContains(response, "Läsbarhet: LIX")
    assertContains(response, "(mycket lätt)")


def test_saving_through_the_model_keeps_the_summary_in_step():
    article = ArticleFactory(body=NO_ALT + VAGUE)

    assert (article.quality_errors, article.quality_warnings) == (1, 1)
    article.body = WITH_ALT
    article.save()
    stored = Article.objects.values("quality_errors", "quality_warnings").get(pk=article.pk)
    assert stored == {"quality_errors": 0, "quality_warnings": 0}


@pytest.mark.parametrize(("value", "titles"), [("fel", ["Med fel"]), ("varningar", ["Med varning"])])
def test_change_list_filters_by_the_result(editor_client, value, titles):
    ArticleFactory(title="Med fel", draft=True, body=NO_ALT)
    ArticleFactory(title="Med varning", body=VAGUE)
    ArticleFactory(title="Utan anmärkning", body=WITH_ALT)

    response = editor_client.get(f"/admin/articles/article/?kvalitet={value}")

    assert [a.title for a in response.context["cl"].result_list] == titles


def test_change_list_shows_the_result_in_a_column(editor_client):
    ArticleFactory(title="Med fel", draft=True, body=NO_ALT + VAGUE)

    response = editor_client.get("/admin/articles/article/")

    assertContains(response, "1 fel, 1 varning")


def test_topic_change_list_has_the_filter_too(editor_client):
    TopicFactory(title="Ämne med fel", draft=True, body=NO_ALT)

    response = editor_client.get("/admin/topics/topic/?kvalitet=fel")

    assert [t.title for t in response.context["cl"].result_list] == ["Ämne med fel"]


def list_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("factory", "url"), [(ArticleFactory, "/admin/articles/article/"), (TopicFactory, "/admin/topics/topic/")]
)
def test_the_quality_column_costs_no_query_per_row(editor_client, factory, url):
    factory(body=NO_ALT, draft=True)
    few = list_queries(editor_client, url)
    for _ in range(20):
        factory(body=VAGUE)

    assert list_queries(editor_client, url) == few
