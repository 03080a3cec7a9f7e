"""The XSS corpus through the editors' admin: every payload through every article field, a
sample through every topic, contact and accessibility-statement field; then every public page
that shows them, both feeds and both parts of the notification e-mails are parsed (html5lib)
and must carry nothing executable."""

import html5lib
import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from articles.models import Article
from tests.security import corpus
from tests.security.admin_flows import admin_save, article_data, contact_data, statement_data, topic_data
from tests.security.checker import executable_in_email, executable_in_feed, executable_in_html
from tests.subscriptions.factories import SubscriberFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from topics.models import ContactPerson, Topic
from vastkom.site.models import AccessibilityStatement

pytestmark = pytest.mark.django_db

FAMILIES = sorted({p.family for p in corpus.PAYLOADS})


@pytest.fixture
def editor_client(client, django_user_model):
    """An editor who may change articles, topics, contacts and the accessibility statement."""
    user = django_user_model.objects.create_user(username="xss-redaktor", password="lösen-för-test-1", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "topics"])
        | Permission.objects.filter(codename="change_accessibilitystatement")
    )
    client.force_login(user)
    return client


def heading(page: str) -> str:
    root = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    return "".join(root.find(".//h1").itertext())


def check_pages(client, urls, findings, *, admin=False):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("application/rss+xml"):
            findings[url] = executable_in_feed(response.content)
        else:
            findings[url] = executable_in_html(response.content.decode(), admin=admin)


def problems(findings: dict) -> dict:
    return {where: found for where, found in findings.items() if found}


@pytest.mark.parametrize("family", FAMILIES)
def test_every_payload_through_the_article_admin_reaches_no_page_feed_or_email_executable(
    editor_client, family, django_capture_on_commit_callbacks
):
    payloads = [p for p in corpus.PAYLOADS if p.family == family]
    topic = TopicFactory(slug="amnet")
    contact = ContactPersonFactory()
    SubscriberFactory(confirmed=True, email="anna@example.se")
    findings = {}
    for payload in payloads:
        with django_capture_on_commit_callbacks(execute=True):  # the notice is rendered and sent
            admin_save(
                editor_client,
                "/admin/articles/article/add/",
                article_data(payload.text, topics=[topic], contacts=[contact]),
                findings,
            )
    articles = list(Article.objects.order_by("pk"))
    assert len(articles) == len(payloads)

    for article in articles:
        page = editor_client.get(article.get_absolute_url()).content.decode()
        findings[article.get_absolute_url()] = executable_in_html(page)
        assert heading(page) == article.title  # the payload reached the page, as text
    pages = -(-len(articles) // 10)
    lists = ["/", "/nyheter/rss/", "/amnen/amnet/rss/", topic.get_absolute_url(), "/admin/articles/article/"]
    lists += [f"/nyheter/?page={n}" for n in range(1, pages + 1)]
    lists += [f"/nyheter/?amne=amnet&page={n}" for n in range(1, pages + 1)]
    lists += [f"/sok/?q=alert&page={n}" for n in (1, 2)]
    check_pages(editor_client, lists[:4] + lists[5:], findings)
    check_pages(editor_client, lists[4:5], findings, admin=True)
    assert len(mail.outbox) == len(payloads)
    for message in mail.outbox:
        findings[f"e-mail {message.subject!r}"] = executable_in_email(message)

    assert problems(findings) == {}


@pytest.mark.parametrize("family", FAMILIES)
def test_sampled_payloads_through_every_topic_contact_and_statement_field_reach_no_page_executable(
    editor_client, family
):
    statement = AccessibilityStatement.load()
    findings = {}
    for payload in [p for p in corpus.sample(per_family=2) if p.family == family]:
        admin_save(editor_client, "/admin/topics/contactperson/add/", contact_data(payload.text), findings)
        contact = ContactPerson.objects.latest("pk")
        admin_save(editor_client, "/admin/topics/topic/add/", topic_data(payload.text, contacts=[contact]), findings)
        topic = Topic.objects.latest("pk")
        admin_save(
            editor_client,
            "/admin/articles/article/add/",
            article_data(payload.text, topics=[topic], contacts=[contact]),
            findings,
        )
        article = Article.objects.latest("pk")
        statement_url = f"/admin/vastkom/accessibilitystatement/{statement.pk}/change/"
        admin_save(editor_client, statement_url, statement_data(payload.text, statement), findings)

        public = [topic.get_absolute_url(), f"/amnen/{topic.slug}/rss/", article.get_absolute_url(), "/tillganglighet/"]
        check_pages(editor_client, public, findings)
        changes = [f"/admin/topics/topic/{topic.pk}/change/", f"/admin/topics/contactperson/{contact.pk}/change/"]
        check_pages(editor_client, [*changes, statement_url], findings, admin=True)
        assert heading(editor_client.get(topic.get_absolute_url()).content.decode()) == topic.title

    check_pages(editor_client, ["/", "/amnen/", "/nyheter/", "/nyheter/rss/", "/sok/?q=alert"], findings)
    admin_lists = ["/admin/topics/topic/", "/admin/topics/contactperson/", "/admin/vastkom/accessibilitystatement/"]
    check_pages(editor_client, admin_lists, findings, admin=True)

    assert problems(findings) == {}
