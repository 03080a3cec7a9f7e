"""Pending changes in the history: every save of changes to a live item is a version (not live),
comparable with the live one; publishing names whose changes went live; restoring over pending
changes neither loses nor publishes them."""

import pytest
from django.contrib.messages import get_messages
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.conftest import member_of
from tests.topics.factories import TopicFactory
from tests.vastkom.admin_forms import admin_form_data
from vastkom.core import drafts
from vastkom.core.drafts import DraftState, PendingDraft
from vastkom.core.history.services import versions_of
from vastkom.core.roles import WRITER_GROUP

pytestmark = pytest.mark.django_db


def admin_url(item, view="change"):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/{view}/"


def submit(client, item, **changes):
    url = admin_url(item)
    response = client.post(url, admin_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def restore_page(client, item, version):
    return client.get(admin_url(item, f"history/{version.pk}/aterstall"))


def restore_from_page(client, item, version):
    """Open the restore page and press its button, as a browser would."""
    page = restore_page(client, item, version)
    token = page.context["edit_token"]
    return client.post(admin_url(item, f"history/{version.pk}/aterstall"), {token["name"]: token["value"]})


def live_values(article):
    return Article.objects.filter(pk=article.pk).values("title", "body", "status", "publish_at").get()


# --- every save of pending changes is in the history -------------------------------------------


def test_a_writers_change_to_a_live_article_is_in_its_history_with_name_date_and_values(writer_client, writer):
    article = ArticleFactory(title="Live rubrik", body="<p>Live text.</p>")

    submit(writer_client, article, title="Ny rubrik", body="<p>Ny text.</p>")

    newest = versions_of(article).first()
    assert newest.is_pending
    assert (newest.revision.user, newest.field_dict["title"]) == (writer, "Ny rubrik")
    assert newest.revision.comment.startswith("Ändringar som väntar på publicering, sparade av Sara Skribent.")
    assert Article.objects.get(pk=article.pk).title == "Live rubrik"
    page = writer_client.get(admin_url(article, "history"))
    assertContains(page, "Ändringar som väntar på publicering, sparade av Sara Skribent.")
    assertContains(page, "<strong>Väntande ändringar</strong>", html=True)
    assertContains(page, newest.revision.date_created.astimezone().strftime("%Y"))


def test_handing_in_pending_changes_for_review_is_in_the_history(writer_client):
    article = ArticleFactory(title="Live rubrik")

    submit(writer_client, article, title="Ny rubrik", _review="x")

    assert (
        versions_of(article)
        .first()
        .revision.comment.startswith(
            "Ändringar som väntar på publicering, klara för granskning, sparade av Sara Skribent."
        )
    )


def test_a_publishers_spara_utkast_of_a_live_topic_keeps_its_relations_in_the_pending_version(publisher_client):
    related = TopicFactory(title="Nära vård")
    topic = TopicFactory(title="Ämnet")

    submit(publisher_client, topic, related_topics=[str(related.pk)], _draft="x")

    newest = versions_of(topic).first()
    assert newest.is_pending
    assert newest.field_dict["related_topics"] == [related.pk]
    assert list(topic.related_topics.all()) == []


def test_a_pending_version_is_compared_field_by_field_with_the_live_version(writer_client):
    article = ArticleFactory(title="Live rubrik", body="<p>Kommunerna samverkar om <b>nära vård</b>.</p>")
    submit(writer_client, article, body="<p>Kommunerna samverkar om äldreomsorg.</p>")
    pending, live = list(versions_of(article))

    history = writer_client.get(admin_url(article, "history"))
    compare = writer_client.get(admin_url(article, "history/jamfor"), {"fran": live.pk, "till": pending.pk})

    assertContains(history, f"history/jamfor/?fran={live.pk}&amp;till={pending.pk}")
    assertContains(history, "Jämför med publicerad version")
    assertContains(compare, '<th scope="row">Brödtext</th>', html=True)
    assertContains(compare, '<del><span class="visually-hidden">[borttaget: </span>nära vård.')
    assertContains(compare, '<ins><span class="visually-hidden">[tillagt: </span>äldreomsorg.')
    assertNotContains(compare, '<th scope="row">Rubrik</th>', html=True)


def test_the_current_version_in_the_history_is_the_live_one_not_the_pending_one(writer_client):
    article = ArticleFactory(title="Live rubrik")
    submit(writer_client, article, title="Ny rubrik")
    pending, live = list(versions_of(article))

    response = writer_client.get(admin_url(article, "history"))

    assert response.context["current"] == live
    assertContains(response, f"history/{pending.pk}/aterstall/")
    assertNotContains(response, f"history/{live.pk}/aterstall/")


def test_publishing_pending_changes_names_the_writer_in_the_publishers_version(client, writer, publisher):
    article = ArticleFactory(title="Live rubrik")
    client.force_login(writer)
    submit(client, article, title="Ny rubrik", _review="x")
    client.force_login(publisher)

    submit(client, article, _publish="x")

    newest = versions_of(article).first()
    assert not newest.is_pending
    assert newest.revision.user == publisher
    assert newest.revision.comment.startswith("Publicerade ändringar av Sara Skribent.")
    assert newest.field_dict["title"] == "Ny rubrik"
    assertContains(client.get(admin_url(article, "history")), "Publicerade ändringar av Sara Skribent.")


def test_removing_pending_changes_is_in_the_history(writer_client):
    article = ArticleFactory(title="Live rubrik")
    submit(writer_client, article, title="Ny rubrik")

    writer_client.post(admin_url(article), {"_discard_draft": "x"})

    newest = versions_of(article).first()
    assert not newest.is_pending
    assert newest.field_dict["title"] == "Live rubrik"
    assert newest.revision.comment == "Tog bort ändringarna som väntade på publicering, sparade av Sara Skribent."


# --- restoring over pending changes ------------------------------------------------------------


def test_a_writers_restore_of_a_live_article_becomes_pending_changes_and_the_live_page_stays(client, writer, publisher):
    article = ArticleFactory(title="Första rubriken")
    client.force_login(publisher)
    submit(client, article, title="Andra rubriken")
    client.force_login(writer)
    before = live_values(article)
    first = versions_of(article).last()

    page = restore_page(client, article, first)
    response = restore_from_page(client, article, first)

    assertContains(page, "Återställningen sparas som ändringar som väntar på publicering")
    assertContains(page, "Återställ som väntande ändringar")
    assert response.status_code == 302
    assert "återställd som ändringar som väntar på publicering" in messages_of(response)[0]
    assert live_values(article) == before
    draft = drafts.pending_draft_for(article)
    assert (draft.author, draft.state, draft.data["title"]) == (writer, DraftState.DRAFT, "Första rubriken")
    newest = versions_of(article).first()
    assert newest.is_pending
    assert newest.field_dict["title"] == "Första rubriken"
    assert newest.revision.comment.startswith("Återställde versionen från")


@pytest.mark.parametrize(
    "crafted", [{}, {"_publish": "x"}, {"status": "published", "_save": "x"}], ids=["plain", "publish", "status"]
)
def test_a_writers_crafted_restore_post_never_changes_the_live_page(client, writer, publisher, crafted):
    article = ArticleFactory(title="Första rubriken")
    client.force_login(publisher)
    submit(client, article, title="Andra rubriken")
    client.force_login(writer)
    before = live_values(article)

    client.post(admin_url(article, f"history/{versions_of(article).last().pk}/aterstall"), crafted)

    assert live_values(article) == before
    assert drafts.pending_draft_for(article).data["title"] == "Första rubriken"


def test_a_writers_crafted_restore_post_over_someone_elses_pending_changes_changes_nothing(
    client, writer, publisher, django_user_model
):
    article = ArticleFactory(title="Första rubriken")
    client.force_login(publisher)
    submit(client, article, title="Andra rubriken")
    client.force_login(writer)
    submit(client, article, title="Sara skriver", _review="x")
    client.force_login(member_of(django_user_model, "annan", WRITER_GROUP))
    before, count = live_values(article), versions_of(article).count()

    response = client.post(
        admin_url(article, f"history/{versions_of(article).last().pk}/aterstall"), {"_publish": "x"}, follow=True
    )

    assertContains(response, "Det finns ändringar som väntar på publicering, sparade av Sara Skribent")
    assert live_values(article) == before
    draft = PendingDraft.objects.get()
    assert (draft.author, draft.state, draft.data["title"]) == (writer, DraftState.REVIEW, "Sara skriver")
    assert versions_of(article).count() == count


def test_a_writers_restore_over_someone_elses_pending_changes_says_so_and_keeps_them_in_the_history(
    client, writer, django_user_model
):
    article = ArticleFactory(title="Första rubriken")
    client.force_login(writer)
    submit(client, article, title="Sara skriver")
    saras = versions_of(article).first()
    client.force_login(member_of(django_user_model, "annan", WRITER_GROUP))
    first = versions_of(article).last()

    page = restore_page(client, article, first)
    restore_from_page(client, article, first)

    assertContains(page, "Ändringarna som väntar nu, sparade av Sara Skribent")
    assertContains(page, "ersätts av den här versionen")
    assert drafts.pending_draft_for(article).data["title"] == "Första rubriken"
    assert versions_of(article).filter(pk=saras.pk, is_pending=True).exists()


def test_a_publishers_restore_keeps_the_writers_pending_changes_and_says_so(client, writer, publisher):
    article = ArticleFactory(title="Första rubriken")
    client.force_login(publisher)
    submit(client, article, title="Andra rubriken")
    client.force_login(writer)
    submit(client, article, title="Sara skriver", _review="x")
    client.force_login(publisher)
    first = versions_of(article).last()

    page = restore_page(client, article, first)
    response = restore_from_page(client, article, first)

    assertContains(page, "Det finns ändringar som väntar på publicering, sparade av Sara Skribent")
    article.refresh_from_db()
    assert article.title == "Första rubriken"
    draft = PendingDraft.objects.get()
    assert (draft.author, draft.state, draft.data["title"]) == (writer, DraftState.REVIEW, "Sara skriver")
    assert any("sparade av Sara Skribent" in m and "finns kvar" in m for m in messages_of(response))


def test_restoring_a_pending_version_gives_pending_changes_back_not_a_live_save(client, writer, publisher):
    article = ArticleFactory(title="Live rubrik")
    client.force_login(writer)
    submit(client, article, title="Saras ändring")
    client.post(admin_url(article), {"_discard_draft": "x"})
    pending = next(v for v in versions_of(article) if v.is_pending)
    client.force_login(publisher)

    response = restore_from_page(client, article, pending)

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Live rubrik"
    assert drafts.pending_draft_for(article).data["title"] == "Saras ändring"


def test_a_restore_from_a_page_opened_before_someone_saved_changes_nothing(client, writer, publisher):
    article = ArticleFactory(title="Första rubriken")
    client.force_login(publisher)
    submit(client, article, title="Andra rubriken")
    first = versions_of(article).last()
    page = restore_page(client, article, first)
    client.force_login(writer)
    submit(client, article, title="Sara skriver")
    client.force_login(publisher)

    response = client.post(
        admin_url(article, f"history/{first.pk}/aterstall"),
        {page.context["edit_token"]["name"]: page.context["edit_token"]["value"]},
        follow=True,
    )

    assertContains(response, "har sparats av Sara Skribent")
    assertContains(response, "Ingenting är återställt")
    assert Article.objects.get(pk=article.pk).title == "Andra rubriken"
    assert drafts.pending_draft_for(article).data["title"] == "Sara skriver"
