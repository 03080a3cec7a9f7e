"""Roles through the admin: a Skribent writes but cannot publish, a Publicerare can, subscribers stay private."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from articles.models import Article
from subscriptions.models import Notice, NoticeStatus
from tests.articles.factories import ArticleFactory
from tests.conftest import member_of
from tests.subscriptions.factories import SubscriberFactory
from tests.topics.factories import TopicFactory
from tests.vastkom.admin_forms import admin_form_data
from vastkom.core import drafts
from vastkom.core.drafts import DraftState
from vastkom.core.publishing import Status, Visibility
from vastkom.core.roles import PUBLISHER_GROUP, SUBSCRIPTIONS_GROUP, WRITER_GROUP
from vastkom.site.models import AccessibilityStatement
from vastkom.site.roles import ROLES, roles_sync

pytestmark = pytest.mark.django_db

REFUSED = "Du har inte behörighet att publicera, schemalägga eller avpublicera."
ADD_URL = "/admin/articles/article/add/"


def change_url(item):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"


def group_codenames(name):
    return {f"{p.content_type.app_label}.{p.codename}" for p in Group.objects.get(name=name).permissions.all()}


# --- the groups ------------------------------------------------------------------------------


def test_the_three_groups_exist_after_migrate_on_an_empty_database():
    # The test database was made by `migrate` from nothing: the data migration made the groups.
    assert set(Group.objects.values_list("name", flat=True)) >= {WRITER_GROUP, PUBLISHER_GROUP, SUBSCRIPTIONS_GROUP}
    assert "articles.publish_article" in group_codenames(PUBLISHER_GROUP)
    assert "topics.publish_topic" in group_codenames(PUBLISHER_GROUP)
    assert "articles.change_article" in group_codenames(WRITER_GROUP)


def test_after_migrate_writers_may_upload_and_share_previews_and_publishers_also_manage_redirects():
    writer, publisher = group_codenames(WRITER_GROUP), group_codenames(PUBLISHER_GROUP)

    assert {"core.add_imageasset", "core.add_document", "core.add_previewlink", "core.view_redirect"} <= writer
    assert not {"core.change_document", "core.add_redirect", "core.delete_redirect"} & writer
    assert {"core.change_imageasset", "core.change_document", "core.add_redirect", "core.delete_redirect"} <= publisher


def test_only_publishers_hold_the_publish_permission():
    assert not {c for c in group_codenames(WRITER_GROUP) if ".publish_" in c}
    assert not {c for c in group_codenames(SUBSCRIPTIONS_GROUP) if ".publish_" in c}


def test_only_the_subscriptions_group_sees_subscribers():
    holders = [name for name in ROLES if "subscriptions.view_subscriber" in group_codenames(name)]

    assert holders == [SUBSCRIPTIONS_GROUP]


def test_roles_sync_restores_a_group_someone_emptied():
    Group.objects.get(name=WRITER_GROUP).permissions.clear()

    roles_sync()

    assert "articles.change_article" in group_codenames(WRITER_GROUP)


# --- Skribent -------------------------------------------------------------------------------


def test_writers_form_offers_no_way_to_publish(writer_client):
    response = writer_client.get(ADD_URL)
    page = response.content.decode()

    names = {b.name for b in response.context["editorial"]["buttons"]}
    assert names == {"_draft", "_review"}
    assert 'name="_publish"' not in page and 'name="_schedule"' not in page
    assert 'name="status"' not in page


@pytest.mark.parametrize("crafted", [{"_publish": "x"}, {"_schedule": "x"}, {"status": "published"}])
def test_crafted_publish_by_a_writer_is_refused_and_creates_nothing(writer_client, crafted):
    data = admin_form_data(writer_client.get(ADD_URL), title="Smygpublicerat", lead="Ingress.", **crafted)

    response = writer_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize("crafted", [{"_publish": "x"}, {"status": "published"}])
def test_crafted_publish_of_a_writers_draft_changes_nothing(writer_client, crafted):
    article = ArticleFactory(draft=True, title="Utkastet")
    before = Article.objects.filter(pk=article.pk).values().get()
    data = admin_form_data(writer_client.get(change_url(article)), title="Ändrat", **crafted)

    response = writer_client.post(change_url(article), data)

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert Article.objects.filter(pk=article.pk).values().get() == before


@pytest.mark.parametrize("crafted", [{"_unpublish": "x"}, {"status": "draft"}, {"_schedule": "x"}])
def test_crafted_unpublish_or_reschedule_of_a_live_article_by_a_writer_is_refused(writer_client, crafted):
    article = ArticleFactory(title="Live")
    data = admin_form_data(writer_client.get(change_url(article)), **crafted)

    response = writer_client.post(change_url(article), data)

    assert REFUSED in response.content.decode()
    article.refresh_from_db()
    assert article.visibility == Visibility.LIVE


@pytest.mark.parametrize("crafted", [{"_publish": "x"}, {"_send_back": "x", "send_back_comment": "Nej."}])
def test_crafted_publish_of_pending_changes_by_a_writer_changes_neither_page_nor_draft(writer_client, writer, crafted):
    article = ArticleFactory(title="Live")
    drafts.pending_draft_save(obj=article, values={"title": "Väntar"}, author=writer, state=DraftState.REVIEW)
    before = Article.objects.filter(pk=article.pk).values().get()
    data = admin_form_data(writer_client.get(change_url(article)), title="Väntar, ändrad", **crafted)

    response = writer_client.post(change_url(article), data)

    assert REFUSED in response.content.decode()
    assert Article.objects.filter(pk=article.pk).values().get() == before
    draft = drafts.pending_draft_for(article)
    assert (draft.data, draft.state) == ({"title": "Väntar"}, DraftState.REVIEW)


def test_writer_cannot_delete_a_live_article(writer_client):
    article = ArticleFactory()

    response = writer_client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_writer_cannot_reorder_the_live_menu_from_the_list(writer_client):
    topic = TopicFactory(order=1)

    response = writer_client.get("/admin/topics/topic/")

    assert response.context["cl"].list_editable == ()
    writer_client.post(
        "/admin/topics/topic/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(topic.pk),
            "form-0-order": "9",
            "_save": "Spara",
        },
    )
    topic.refresh_from_db()
    assert topic.order == 1


def test_writer_previews_a_draft_at_its_address(writer_client):
    article = ArticleFactory(draft=True)

    response = writer_client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert response.context["preview"] is True


def statement_url():
    return f"/admin/vastkom/accessibilitystatement/{AccessibilityStatement.load().pk}/change/"


def test_writer_cannot_edit_the_accessibility_statement(writer_client):
    response = writer_client.get(statement_url())

    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert writer_client.post(statement_url(), {"organisation": "Annan"}).status_code == 403


def test_writer_does_not_see_the_outbox_or_subscribers(writer_client):
    assert writer_client.get("/admin/subscriptions/notice/").status_code == 403
    assert writer_client.get("/admin/subscriptions/subscriber/").status_code == 403


# --- Publicerare ----------------------------------------------------------------------------


def test_publisher_publishes_a_new_article_through_the_admin(publisher_client):
    data = admin_form_data(publisher_client.get(ADD_URL), title="Publicerad direkt", lead="Ingress.", _publish="x")

    response = publisher_client.post(ADD_URL, data)

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.is_published
    assert article.created_by.username == "publicerare"


def test_publisher_sees_failed_emails_with_masked_addresses_only(publisher_client):
    notice = Notice.objects.create(
        article=ArticleFactory(), subscriber=SubscriberFactory(confirmed=True, email="hemlig@example.se")
    )
    Notice.objects.filter(pk=notice.pk).update(status=NoticeStatus.FAILED, last_error="550 för he***@example.se")

    listing = publisher_client.get("/admin/subscriptions/notice/?status__exact=failed")

    assert listing.status_code == 200
    assert "hemlig@example.se" not in listing.content.decode()
    assert publisher_client.get("/admin/subscriptions/subscriber/").status_code == 403
    # Nor can the outbox be searched by address to find out who subscribes.
    searched = publisher_client.get("/admin/subscriptions/notice/?q=hemlig%40example.se")
    assert list(searched.context["cl"].result_list) == []
    assert "subscriber__email" not in searched.context["cl"].search_fields


def test_publisher_edits_the_accessibility_statement(publisher_client):
    response = publisher_client.get(statement_url())

    assert response.context["has_change_permission"] is True


def test_subscriptions_manager_alone_sees_addresses(client, django_user_model):
    SubscriberFactory(confirmed=True, email="anna@example.se")
    client.force_login(member_of(django_user_model, "prenumerationer", SUBSCRIPTIONS_GROUP))

    response = client.get("/admin/subscriptions/subscriber/")

    assert response.status_code == 200
    assert "anna@example.se" in response.content.decode()
    assert client.get(ADD_URL).status_code == 403


def test_superuser_keeps_every_right(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.se", "lösen-123-abc"))
    data = admin_form_data(client.get(ADD_URL), title="Av administratören", lead="Ingress.", _publish="x")

    assert client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().status == Status.PUBLISHED
    assert client.get("/admin/subscriptions/subscriber/").status_code == 200


# --- e-mail to subscribers follows what really went live -------------------------------------


def test_a_writers_pending_change_to_fresh_news_sends_nothing(client, writer, django_capture_on_commit_callbacks):
    topic = TopicFactory()
    SubscriberFactory(confirmed=True, topics=[topic])
    article = ArticleFactory(title="Färsk nyhet", topics=[topic])  # live for an hour: still news
    client.force_login(writer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(article), admin_form_data(client.get(change_url(article)), title="Ny rubrik"))

    assert response.status_code == 302
    assert mail.outbox == []
    assert Article.objects.get(pk=article.pk).title == "Färsk nyhet"
