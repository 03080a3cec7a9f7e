"""Lost updates: two editors open the same change form, one saves, the other's stale form is
refused with a Swedish message, keeps what they typed and writes nothing (history/concurrency.py)."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.conftest import member_of
from tests.topics.factories import ContactPersonFactory, TopicFactory
from tests.vastkom.admin_forms import admin_form_data
from vastkom.core import drafts
from vastkom.core.history.services import versions_of
from vastkom.core.roles import PUBLISHER_GROUP, WRITER_GROUP

pytestmark = pytest.mark.django_db

ITEMS = [
    pytest.param(lambda: ArticleFactory(title="Rubriken"), "title", id="article"),
    pytest.param(lambda: TopicFactory(title="Rubriken"), "title", id="topic"),
    pytest.param(lambda: ContactPersonFactory(name="Namnet"), "name", id="contact"),
]


def change_url(item):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def anna(django_user_model):
    return member_of(django_user_model, "anna", PUBLISHER_GROUP, first_name="Anna", last_name="Andersson")


@pytest.fixture
def bertil(django_user_model):
    return member_of(django_user_model, "bertil", PUBLISHER_GROUP, first_name="Bertil", last_name="Berg")


def row(item):
    return type(item)._base_manager.filter(pk=item.pk).values().get()


@pytest.mark.parametrize(("make", "field"), ITEMS)
def test_a_save_from_a_form_opened_before_someone_else_saved_is_refused_and_writes_nothing(anna, bertil, make, field):
    item = make()
    a, b = logged_in(anna), logged_in(bertil)
    b_form = b.get(change_url(item))
    a.post(change_url(item), admin_form_data(a.get(change_url(item)), **{field: "Annas ändring"}))
    after_a, versions_after_a = row(item), versions_of(item).count()

    response = b.post(change_url(item), admin_form_data(b_form, **{field: "Bertils ändring"}))

    assert response.status_code == 200
    assertContains(response, "har sparats av Anna Andersson")
    assertContains(response, "Ingenting är sparat av det du skrev; det står kvar i formuläret.")
    assert response.context["adminform"].form[field].value() == "Bertils ändring"
    assert row(item) == after_a
    assert getattr(type(item)._base_manager.get(pk=item.pk), field) == "Annas ändring"
    assert versions_of(item).count() == versions_after_a


@pytest.mark.parametrize(("make", "field"), ITEMS)
def test_the_refusal_links_to_what_changed_since_the_form_was_opened(anna, bertil, make, field):
    item = make()
    a, b = logged_in(anna), logged_in(bertil)
    a.post(change_url(item), admin_form_data(a.get(change_url(item)), **{field: "Första"}))
    b_form = b.get(change_url(item))
    opened = versions_of(item).first()
    a.post(change_url(item), admin_form_data(a.get(change_url(item)), **{field: "Annas ändring"}))
    newest = versions_of(item).first()

    response = b.post(change_url(item), admin_form_data(b_form, **{field: "Bertils ändring"}))

    assertContains(response, f"history/jamfor/?fran={opened.pk}&amp;till={newest.pk}")
    assertContains(response, "Jämför med versionen du öppnade")
    assertContains(response, "Visa historiken")


@pytest.mark.parametrize(("make", "field"), ITEMS)
def test_saving_again_after_the_refusal_replaces_the_other_save_knowingly(anna, bertil, make, field):
    item = make()
    a, b = logged_in(anna), logged_in(bertil)
    b_data = admin_form_data(b.get(change_url(item)), **{field: "Bertils ändring"})
    a.post(change_url(item), admin_form_data(a.get(change_url(item)), **{field: "Annas ändring"}))
    refused = b.post(change_url(item), b_data)
    token = refused.context["edit_token"]

    # The page came back with the new token in its hidden input; the rest is what Bertil typed.
    assertContains(refused, f'<input type="hidden" name="{token["name"]}" value="{token["value"]}">', html=True)
    again = b.post(change_url(item), {**b_data, token["name"]: token["value"]})

    assert again.status_code == 302
    assert getattr(type(item)._base_manager.get(pk=item.pk), field) == "Bertils ändring"


@pytest.mark.parametrize(("make", "field"), ITEMS)
def test_the_first_save_of_an_item_without_history_from_a_fresh_form_goes_through(anna, make, field):
    item = make()
    assert not versions_of(item).exists()
    a = logged_in(anna)

    response = a.post(change_url(item), admin_form_data(a.get(change_url(item)), **{field: "Annas ändring"}))

    assert response.status_code == 302
    assert getattr(type(item)._base_manager.get(pk=item.pk), field) == "Annas ändring"


def test_a_writers_stale_form_does_not_overwrite_another_writers_pending_changes(writer, django_user_model):
    article = ArticleFactory(title="Live rubrik")
    other = member_of(django_user_model, "annan", WRITER_GROUP, first_name="Olle", last_name="Skribent")
    sara, olle = logged_in(writer), logged_in(other)
    olles_form = olle.get(change_url(article))
    sara.post(change_url(article), admin_form_data(sara.get(change_url(article)), title="Saras rubrik", _review="x"))
    draft_before = drafts.PendingDraft.objects.values().get()

    response = olle.post(change_url(article), admin_form_data(olles_form, title="Olles rubrik"))

    assert response.status_code == 200
    assertContains(response, "har sparats av Sara Skribent")
    assert response.context["adminform"].form["title"].value() == "Olles rubrik"
    assert drafts.PendingDraft.objects.values().get() == draft_before
    assert Article.objects.get(pk=article.pk).title == "Live rubrik"


def test_a_publishers_stale_form_does_not_publish_over_pending_changes_saved_since(writer, publisher):
    article = ArticleFactory(title="Live rubrik")
    sara, per = logged_in(writer), logged_in(publisher)
    pers_form = per.get(change_url(article))
    sara.post(change_url(article), admin_form_data(sara.get(change_url(article)), title="Saras rubrik", _review="x"))

    response = per.post(change_url(article), admin_form_data(pers_form, title="Pers rubrik", _publish="x"))

    assert response.status_code == 200
    assertContains(response, "har sparats av Sara Skribent")
    assert Article.objects.get(pk=article.pk).title == "Live rubrik"
    assert drafts.pending_draft_for(article).data["title"] == "Saras rubrik"


def test_a_form_opened_before_pending_changes_were_removed_is_refused(writer, publisher):
    article = ArticleFactory(title="Live rubrik")
    sara, per = logged_in(writer), logged_in(publisher)
    sara.post(change_url(article), admin_form_data(sara.get(change_url(article)), title="Saras rubrik"))
    saras_form = sara.get(change_url(article))
    per.post(change_url(article), {"_discard_draft": "x"})

    response = sara.post(change_url(article), admin_form_data(saras_form, title="Saras rubrik igen"))

    assert response.status_code == 200
    assertContains(response, "har sparats av Per Publicerare")
    assert not drafts.has_pending_changes(article)


def test_the_change_form_carries_what_it_was_opened_from_as_a_hidden_input(publisher_client):
    topic = TopicFactory()

    response = publisher_client.get(change_url(topic))

    token = response.context["edit_token"]
    assertContains(response, f'<input type="hidden" name="{token["name"]}" value="{token["value"]}">', html=True)


@pytest.mark.parametrize(("make", "field"), ITEMS)
def test_a_form_refused_for_an_error_on_an_item_without_history_saves_once_corrected(anna, make, field):
    item = make()
    a = logged_in(anna)
    data = admin_form_data(a.get(change_url(item)), **{field: ""})

    refused = a.post(change_url(item), data)
    corrected = a.post(change_url(item), {**data, field: "Annas ändring"})

    assert field in refused.context["adminform"].form.errors
    assert corrected.status_code == 302
    assert getattr(type(item)._base_manager.get(pk=item.pk), field) == "Annas ändring"
