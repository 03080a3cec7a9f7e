"""Control characters and line breaks in text fields: refused in the admin with a Swedish
message, stripped on save, and never able to break a feed or an e-mail header."""

import feedparser
import pytest
from django.contrib.auth.models import Permission

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from tests.vastkom.admin_forms import admin_form_data
from topics.models import ContactPerson, Topic
from vastkom.core.controlchars import single_line, text_strip
from vastkom.site.models import AccessibilityStatement

pytestmark = pytest.mark.django_db

WORD_LINE_BREAK = "Nyhet\x0bfrån Word"  # Shift+Enter in Word pastes as a vertical tab


def admin_post(client, url, **changes):
    return client.post(url, admin_form_data(client.get(url), **changes))


def field_errors(response, name):
    """(code, message) of each error the admin form shows on ``name``."""
    return [(e.code, e.message % (e.params or {})) for e in response.context["adminform"].form.errors.as_data()[name]]


@pytest.fixture
def statement_client(client, django_user_model):
    user = django_user_model.objects.create_user("tillganglighet", password="lösen-för-test-1", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="change_accessibilitystatement"))
    client.force_login(user)
    return client


def test_admin_refuses_an_article_title_with_a_vertical_tab_and_says_so_in_swedish(editor_client):
    response = admin_post(editor_client, "/admin/articles/article/add/", title=WORD_LINE_BREAK, lead="Ingress.")

    assert response.status_code == 200
    [(code, message)] = field_errors(response, "title")
    assert code == "control_characters"
    assert "osynligt styrtecken (U+000B)" in message
    assert "plats 6" in message
    assert not Article.objects.exists()


def test_admin_refuses_a_newline_in_an_article_title(editor_client):
    response = admin_post(editor_client, "/admin/articles/article/add/", title="Första raden\nandra", lead="Ingress.")

    [(code, message)] = field_errors(response, "title")
    assert code == "line_break"
    assert "en enda rad" in message
    assert not Article.objects.exists()


@pytest.mark.parametrize("field", ["image_alt", "image_caption"])
def test_admin_refuses_a_newline_in_an_image_text(editor_client, field):
    response = admin_post(
        editor_client, "/admin/articles/article/add/", title="Rubrik", lead="Ingress.", **{field: "Två\r\nrader"}
    )

    assert [code for code, _m in field_errors(response, field)] == ["line_break"]
    assert not Article.objects.exists()


def test_admin_keeps_newlines_in_a_lead_but_refuses_a_control_character(editor_client):
    url = "/admin/articles/article/add/"
    refused = admin_post(editor_client, url, title="Rubrik", lead="Första\x01stycket")
    accepted = admin_post(editor_client, url, title="Rubrik", lead="Första stycket.\r\n\r\nAndra\tstycket.")

    assert [code for code, _m in field_errors(refused, "lead")] == ["control_characters"]
    assert accepted.status_code == 302
    assert Article.objects.get().lead == "Första stycket.\r\n\r\nAndra\tstycket."


def test_admin_refuses_a_control_character_in_a_topic_title(editor_client):
    response = admin_post(editor_client, "/admin/topics/topic/add/", title="Nära\x01vård")

    assert [code for code, _m in field_errors(response, "title")] == ["control_characters"]
    assert not Topic.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("name", "Anna\tAndersson", "control_characters"), ("role", "Analytiker\nchef", "line_break")],
)
def test_admin_refuses_control_characters_and_newlines_in_a_contact(editor_client, field, value, code):
    fields = {"name": "Anna Andersson", field: value}
    response = admin_post(editor_client, "/admin/topics/contactperson/add/", **fields)

    assert [c for c, _m in field_errors(response, field)] == [code]
    assert not ContactPerson.objects.exists()


def test_admin_refuses_a_newline_in_the_statements_organisation(statement_client):
    statement = AccessibilityStatement.load()
    url = f"/admin/vastkom/accessibilitystatement/{statement.pk}/change/"

    response = admin_post(statement_client, url, organisation="VästKom\nm.fl.")

    assert [code for code, _m in field_errors(response, "organisation")] == ["line_break"]
    statement.refresh_from_db()
    assert statement.organisation == "VästKom"


def test_rich_text_loses_control_characters_quietly_in_the_admin(editor_client):
    response = admin_post(
        editor_client, "/admin/articles/article/add/", title="Rubrik", lead="Ingress.", body="<p>Rad\x0bett\x01</p>"
    )

    assert response.status_code == 302
    assert Article.objects.get().body == "<p>Rad\nett</p>"


def test_save_strips_control_characters_from_every_text_field():
    contact = ContactPersonFactory(name="Anna\x00 Andersson", role="Analytiker\nchef", phone="031-12\x7f3 45 67")
    article = ArticleFactory(
        title=WORD_LINE_BREAK, lead="Första\x0bstycket.\n\nAndra\x9f\tstycket.", body="<p>Ett\x01två</p>"
    )
    topic = TopicFactory(title="Nära\x01vård\u2028", intro="Intro\x1b.")

    for obj in (contact, article, topic):
        obj.refresh_from_db()
    assert (contact.name, contact.role, contact.phone) == ("Anna Andersson", "Analytiker chef", "031-123 45 67")
    assert (article.title, article.lead, article.body) == (
        "Nyhet från Word",
        "Första\nstycket.\n\nAndra\tstycket.",
        "<p>Etttvå</p>",
    )
    assert (topic.title, topic.intro) == ("Näravård ", "Intro.")


def test_text_strip_keeps_tab_and_newlines_only_where_text_may_have_lines():
    assert text_strip("a\tb\r\nc\x0bd\x00e\x85f\ufffe", multiline=True) == "a\tb\r\nc\nde\nf"
    assert text_strip("a\tb\r\nc\x0bd\x00e\x85f\ufffe", multiline=False) == "a b c de f"
    assert single_line("Rubrik\nmed\u2029rader") == "Rubrik med rader"


def parse_feed(response):
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_news_feed_answers_when_a_title_written_past_save_holds_a_vertical_tab(client):
    article = ArticleFactory(lead="Ingressen.")
    Article.objects.filter(pk=article.pk).update(title=WORD_LINE_BREAK, lead="Första\x01stycket\x0b.")

    feed = parse_feed(client.get("/nyheter/rss/"))

    assert feed.entries[0].title == "Nyhet från Word"
    assert feed.entries[0].summary == "Förstastycket\n."


def test_topic_feed_answers_when_the_topic_title_written_past_save_holds_a_control_character(client):
    topic = TopicFactory(slug="nara-vard")
    ArticleFactory(topics=[topic])
    Topic.objects.filter(pk=topic.pk).update(title="Nära\x01vård", intro="")

    feed = parse_feed(client.get("/amnen/nara-vard/rss/"))

    assert feed.feed.title == "Nyheter från VästKom om Näravård"
