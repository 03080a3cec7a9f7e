"""The editors' admin: every screen opens, and what saving through it must do."""

import datetime as dt

import pytest
import time_machine

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from tests.vastkom.admin_forms import admin_form_data
from topics.models import Topic

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/articles/article/",
    "/admin/articles/article/add/",
    "/admin/topics/topic/",
    "/admin/topics/topic/add/",
    "/admin/topics/contactperson/",
    "/admin/topics/contactperson/add/",
]
CREATED = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
EDITED = CREATED + dt.timedelta(days=5)


@pytest.fixture
def some_content():
    topic = TopicFactory(contacts=[ContactPersonFactory()])
    TopicFactory(parent=topic, related_topics=[topic])
    ArticleFactory(topics=[topic], contacts=list(topic.contacts.all()))
    ArticleFactory(draft=True)


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_page_opens_for_an_editor(editor_client, some_content, url):
    assert editor_client.get(url).status_code == 200


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_page_sends_anonymous_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("kind", ["article", "topic"])
def test_change_page_opens_for_an_editor(editor_client, kind):
    item = ArticleFactory() if kind == "article" else TopicFactory()

    response = editor_client.get(f"/admin/{kind}s/{kind}/{item.pk}/change/")

    assert response.status_code == 200


def test_visibility_filter_scheduled_lists_only_scheduled_articles(editor_client):
    ArticleFactory(title="Redan publicerad")
    ArticleFactory(title="Kommer snart", scheduled=True)

    response = editor_client.get("/admin/articles/article/?synlighet=scheduled")

    assert [a.title for a in response.context["cl"].result_list] == ["Kommer snart"]


def edit_through_admin(client, item, *, minor_change):
    opts = item._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"
    data = admin_form_data(client.get(url), title="Rättad rubrik", minor_change=minor_change)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    return item


@pytest.mark.parametrize("factory", [ArticleFactory, TopicFactory])
def test_minor_change_through_admin_keeps_updated_at(client, editor, factory):
    with time_machine.travel(CREATED, tick=False):
        item = factory()
    before = item.updated_at
    with time_machine.travel(EDITED, tick=False):
        client.force_login(editor)
        item = edit_through_admin(client, item, minor_change=True)

    assert item.title == "Rättad rubrik"
    assert item.updated_at == before


@pytest.mark.parametrize("factory", [ArticleFactory, TopicFactory])
def test_ordinary_change_through_admin_moves_updated_at(client, editor, factory):
    with time_machine.travel(CREATED, tick=False):
        item = factory()
    with time_machine.travel(EDITED, tick=False):
        client.force_login(editor)
        item = edit_through_admin(client, item, minor_change=False)

    assert item.updated_at == EDITED


def test_reordering_topics_in_the_list_keeps_updated_at(client, editor):
    with time_machine.travel(CREATED, tick=False):
        topic = TopicFactory(order=1)
    before = topic.updated_at
    with time_machine.travel(EDITED, tick=False):
        client.force_login(editor)
        response = client.post(
            "/admin/topics/topic/",
            {
                "form-TOTAL_FORMS": "1",
                "form-INITIAL_FORMS": "1",
                "form-0-id": str(topic.pk),
                "form-0-order": "5",
                "_save": "Spara",
            },
        )

    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.order == 5
    assert topic.updated_at == before


def add_through_admin(client, model_name, **fields):
    app_label = {"article": "articles", "topic": "topics"}[model_name]
    url = f"/admin/{app_label}/{model_name}/add/"
    data = admin_form_data(client.get(url), **fields)
    return client.post(url, data)


@pytest.mark.parametrize("model", [Article, Topic])
def test_admin_fills_slug_from_swedish_title_when_left_empty(editor_client, model):
    fields = {"title": "Nära vård", "slug": "", "status": "published"}
    if model is Article:
        fields["lead"] = "En ingress."

    response = add_through_admin(editor_client, model._meta.model_name, **fields)

    assert response.status_code == 302
    assert model.objects.get(title="Nära vård").slug == "nara-vard"


@pytest.mark.parametrize("model", [Article, Topic])
def test_admin_makes_filled_slug_unique(editor_client, model):
    fields = {"title": "Nära vård", "slug": ""}
    if model is Article:
        fields["lead"] = "En ingress."
    add_through_admin(editor_client, model._meta.model_name, **fields)

    response = add_through_admin(editor_client, model._meta.model_name, **fields)

    assert response.status_code == 302
    assert sorted(model.objects.values_list("slug", flat=True)) == ["nara-vard", "nara-vard-2"]


def test_admin_refuses_main_image_without_alt_text(editor_client, media_in_tmp, png_upload):
    response = add_through_admin(
        editor_client, "article", title="Bild utan text", lead="En ingress.", image=png_upload, image_alt=""
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image_alt"] == [
        "Skriv en alternativtext eller markera bilden som dekorativ."
    ]
    assert not Article.objects.exists()


def test_admin_accepts_decorative_main_image_without_alt_text(editor_client, png_upload):
    response = add_through_admin(
        editor_client,
        "article",
        title="Dekorativ bild",
        lead="En ingress.",
        image=png_upload,
        image_alt="",
        image_decorative=True,
    )

    assert response.status_code == 302
    assert Article.objects.get().image


def publish_draft_through_admin(client, item, **changes):
    opts = item._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"
    data = admin_form_data(client.get(url), status="published", **changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    return item


@pytest.mark.parametrize("factory", [ArticleFactory, TopicFactory])
def test_publishing_an_old_draft_through_admin_dates_it_now(client, editor, factory):
    with time_machine.travel(CREATED, tick=False):
        item = factory(draft=True)
    with time_machine.travel(EDITED, tick=False):
        client.force_login(editor)
        item = publish_draft_through_admin(client, item)

    assert item.publish_at == EDITED
    assert item.published_at == EDITED


def test_publishing_a_draft_keeps_a_publish_time_the_editor_chose(client, editor):
    chosen = CREATED - dt.timedelta(days=30)
    with time_machine.travel(CREATED, tick=False):
        item = ArticleFactory(draft=True)
    with time_machine.travel(EDITED, tick=False):
        client.force_login(editor)
        item = publish_draft_through_admin(
            client,
            item,
            publish_at_0=chosen.astimezone(dt.timezone(dt.timedelta(hours=1))).strftime("%Y-%m-%d"),
            publish_at_1=chosen.astimezone(dt.timezone(dt.timedelta(hours=1))).strftime("%H:%M:%S"),
        )

    assert item.publish_at == chosen
    assert item.published_at == chosen
