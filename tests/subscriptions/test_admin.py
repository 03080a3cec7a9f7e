"""The editors' side: publishing in the admin e-mails subscribers once; the subscriber admin."""

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.utils import timezone

from articles.models import Article
from subscriptions.models import Dispatch, Notice, NoticeStatus
from tests.articles.factories import ArticleFactory
from tests.subscriptions.factories import SubscriberFactory
from tests.topics.factories import TopicFactory

pytestmark = pytest.mark.django_db


def article_form(**overrides):
    now = timezone.localtime()
    data = {
        "title": "Ny nyhet från admin",
        "slug": "ny-nyhet-fran-admin",
        "lead": "Ingressen.",
        "body": "<p>Text.</p>",
        "status": "published",
        "publish_at_0": now.strftime("%Y-%m-%d"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "image_alt": "",
        "image_caption": "",
        "topics": [],
        "contacts": [],
    }
    data.update(overrides)
    return data


def test_publishing_an_article_in_the_admin_emails_subscribers_once(editor_client, django_capture_on_commit_callbacks):
    topic = TopicFactory()
    SubscriberFactory(confirmed=True, email="anna@example.se", topics=[topic])
    SubscriberFactory(confirmed=True, email="annat@example.se", topics=[TopicFactory()])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post("/admin/articles/article/add/", article_form(topics=[topic.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [m.to for m in mail.outbox] == [["anna@example.se"]]

    article = Article.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/articles/article/{article.pk}/change/", article_form(topics=[topic.pk]))
    assert len(mail.outbox) == 1  # an edit does not send it again


def test_editing_an_old_article_notifies_nobody(editor_client, django_capture_on_commit_callbacks):
    SubscriberFactory(confirmed=True)
    article = ArticleFactory(publish_at=timezone.now() - dt.timedelta(days=60))
    old = timezone.localtime(article.publish_at)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/articles/article/{article.pk}/change/",
            article_form(
                slug=article.slug, publish_at_0=old.strftime("%Y-%m-%d"), publish_at_1=old.strftime("%H:%M:%S")
            ),
        )
    assert response.status_code == 302
    assert mail.outbox == []
    assert not Dispatch.objects.exists()


def test_saving_a_draft_notifies_nobody(editor_client, django_capture_on_commit_callbacks):
    SubscriberFactory(confirmed=True)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post("/admin/articles/article/add/", article_form(status="draft"))
    assert mail.outbox == []


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.se", "lösen-123-abc"))
    return client


def test_subscriber_admin_lists_filters_and_counts_per_topic(superuser_client):
    topic = TopicFactory(title="Nära vård")
    SubscriberFactory(confirmed=True, topics=[topic])
    SubscriberFactory(confirmed=True, topics=[topic])
    SubscriberFactory(confirmed=True)
    response = superuser_client.get("/admin/subscriptions/subscriber/?state__exact=confirmed")
    assert response.status_code == 200
    rows = {t.title: t.n for t in response.context["topic_counts"]}
    assert rows == {"Nära vård": 2}
    assert response.context["all_news_count"] == 1


def test_subscriber_admin_csv_export(superuser_client):
    subscriber = SubscriberFactory(confirmed=True, email="anna@example.se")
    response = superuser_client.post(
        "/admin/subscriptions/subscriber/", {"action": "export_csv", "_selected_action": [subscriber.pk]}
    )
    content = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "anna@example.se" in content
    assert content.splitlines()[0].startswith("e-post,status")


def test_subscriber_csv_export_neutralises_cells_a_spreadsheet_would_run_as_formulas(superuser_client):
    from topics.models import Topic

    topic = TopicFactory()
    Topic.objects.filter(pk=topic.pk).update(title="\t@SUM(1+1)*cmd|'/C calc'!A0")
    formulas = ["=cmd|'/Ccalc'!A0@example.se", "+1+1@example.se", "-2+3@example.se"]
    subscribers = [SubscriberFactory(confirmed=True, email=e, topics=[topic]) for e in formulas]
    subscribers.append(SubscriberFactory(confirmed=True, email="anna@example.se"))

    response = superuser_client.post(
        "/admin/subscriptions/subscriber/",
        {"action": "export_csv", "_selected_action": [s.pk for s in subscribers]},
    )

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert [row[0] for row in rows[1:]] == ["'" + e for e in formulas] + ["anna@example.se"]
    assert rows[1][3] == "'\t@SUM(1+1)*cmd|'/C calc'!A0"
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]


def test_subscriber_admin_erase_removes_the_person(superuser_client):
    subscriber = SubscriberFactory(confirmed=True)
    superuser_client.post(
        "/admin/subscriptions/subscriber/", {"action": "erase_selected", "_selected_action": [subscriber.pk]}
    )
    assert not type(subscriber).objects.filter(pk=subscriber.pk).exists()


def test_dispatch_admin_shows_sent_pending_and_failed_per_article(superuser_client):
    article = ArticleFactory()
    Dispatch.objects.create(article=article)
    for status in [NoticeStatus.SENT, NoticeStatus.SENT, NoticeStatus.PENDING, NoticeStatus.FAILED]:
        Notice.objects.create(article=article, subscriber=SubscriberFactory(confirmed=True), status=status)
    response = superuser_client.get("/admin/subscriptions/dispatch/")
    row = response.context["cl"].result_list[0]
    assert (row.n_sent, row.n_pending, row.n_failed) == (2, 1, 1)
