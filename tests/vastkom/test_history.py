"""Version history: every admin save keeps a version; compare; restore as a new save."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from tests.vastkom.admin_forms import admin_form_data
from topics.models import ContactPerson, Topic
from vastkom.core import drafts
from vastkom.core.history.services import versions_of
from vastkom.core.publishing import Status
from vastkom.core.redirects.models import Redirect

pytestmark = pytest.mark.django_db


def admin_url(item, view="change"):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/{view}/"


def change_through_admin(client, item, **changes):
    url = admin_url(item)
    response = client.post(url, admin_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    return item


def restore(client, item, version, **kwargs):
    return client.post(admin_url(item, f"history/{version.pk}/aterstall"), **kwargs)


def grant_publish(user, model):
    permission, _ = Permission.objects.get_or_create(
        codename=f"publish_{model._meta.model_name}",
        content_type=ContentType.objects.get_for_model(model),
        defaults={"name": f"Kan publicera {model._meta.verbose_name_plural}"},
    )
    user.user_permissions.add(permission)


@pytest.fixture
def publisher(editor):
    editor.first_name, editor.last_name = "Maria", "Redaktör"
    editor.save()
    grant_publish(editor, Article)
    grant_publish(editor, Topic)
    return editor


@pytest.fixture
def contacts_editor(editor):
    editor.user_permissions.add(*Permission.objects.filter(content_type__model="contactperson"))
    return editor


ITEMS = [
    pytest.param(lambda: ArticleFactory(title="Första rubriken"), "title", id="article"),
    pytest.param(lambda: TopicFactory(title="Första rubriken"), "title", id="topic"),
    pytest.param(lambda: ContactPersonFactory(name="Första namnet"), "name", id="contact"),
]


@pytest.mark.parametrize(("make", "field"), ITEMS)
def test_every_admin_save_keeps_a_version_and_the_state_before_the_first(
    client, publisher, contacts_editor, make, field
):
    client.force_login(publisher)
    item = make()
    original = getattr(item, field)

    change_through_admin(client, item, **{field: "Andra"})
    change_through_admin(client, item, **{field: "Tredje"})

    versions = list(versions_of(item))
    assert [v.field_dict[field] for v in versions] == ["Tredje", "Andra", original]
    assert versions[0].revision.user == publisher
    assert versions[-1].revision.user is None


def test_adding_through_the_admin_keeps_the_first_version(editor_client, editor):
    url = "/admin/topics/topic/add/"
    data = admin_form_data(editor_client.get(url), title="Ny sida", slug="ny-sida")
    assert editor_client.post(url, data).status_code == 302

    (version,) = versions_of(Topic.objects.get(slug="ny-sida"))
    assert version.revision.user == editor
    assert version.field_dict["title"] == "Ny sida"


def test_editing_in_the_list_keeps_a_version(editor_client):
    topic = TopicFactory(order=1)

    editor_client.post(
        "/admin/topics/topic/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(topic.pk),
            "form-0-order": "5",
            "_save": "Spara",
        },
    )

    assert versions_of(topic).first().field_dict["order"] == 5


def test_history_page_shows_who_changed_what_and_when_in_swedish(client, publisher):
    client.force_login(publisher)
    article = change_through_admin(client, ArticleFactory(), title="Ny rubrik")

    response = client.get(admin_url(article, "history"))

    assert response.status_code == 200
    assertContains(response, "Historik för ”Ny rubrik”")
    assertContains(response, "Maria Redaktör")
    assertContains(response, "Ändrade Rubrik")
    assertContains(response, "Jämför valda versioner")


def test_compare_shows_rich_text_as_a_readable_diff_marked_beyond_colour(client, publisher):
    client.force_login(publisher)
    article = ArticleFactory(body="<p>Kommunerna samverkar om <strong>nära vård</strong>.</p><p>Andra stycket.</p>")
    change_through_admin(client, article, body="<p>Kommunerna samverkar om äldreomsorg.</p><p>Andra stycket.</p>")
    older, newer = sorted(versions_of(article), key=lambda v: v.pk)

    response = client.get(admin_url(article, "history/jamfor"), {"fran": older.pk, "till": newer.pk})

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<del><span class="visually-hidden">[borttaget: </span>nära vård.<span class="visually-hidden">]</span></del>'
        in html
    )
    assert (
        '<ins><span class="visually-hidden">[tillagt: </span>äldreomsorg.<span class="visually-hidden">]</span></ins>'
        in html
    )
    assert "<strong>" not in html.split('class="history-text"')[1].split("</div>")[0]
    assertContains(response, '<th scope="row">Brödtext</th>', html=True)
    assertNotContains(response, '<th scope="row">Rubrik</th>', html=True)
    assertNotContains(response, '<th scope="row">Uppdaterad</th>', html=True)


def test_compare_lists_relations_added_and_removed(client, publisher):
    client.force_login(publisher)
    kept, dropped, added = (
        TopicFactory(title="Kvar"),
        TopicFactory(title="Borttaget ämne"),
        TopicFactory(title="Nytt ämne"),
    )
    article = ArticleFactory(topics=[kept, dropped])
    change_through_admin(client, article, topics=[str(kept.pk), str(added.pk)])
    older, newer = sorted(versions_of(article), key=lambda v: v.pk)

    response = client.get(admin_url(article, "history/jamfor"), {"fran": newer.pk, "till": older.pk})

    assertContains(response, '<del><span class="visually-hidden">[borttaget: </span>Borttaget ämne')
    assertContains(response, '<ins><span class="visually-hidden">[tillagt: </span>Nytt ämne')


def test_compare_needs_two_versions_of_this_item(client, publisher):
    client.force_login(publisher)
    article = change_through_admin(client, ArticleFactory(), title="Ny")
    other = change_through_admin(client, ArticleFactory(), title="Annan")
    version = versions_of(article).first()

    response = client.get(
        admin_url(article, "history/jamfor"), {"fran": version.pk, "till": versions_of(other).first().pk}
    )

    assert response.status_code == 302


def test_restore_brings_back_content_and_relations_as_a_new_version(client, publisher):
    client.force_login(publisher)
    topic, contact = TopicFactory(title="Nära vård"), ContactPersonFactory()
    article = ArticleFactory(title="Originalet", body="<p>Original.</p>", topics=[topic], contacts=[contact])
    change_through_admin(
        client, article, title="Felaktig ändring", body="<p>Fel.</p>", topics=[str(TopicFactory().pk)], contacts=False
    )
    original = versions_of(article).last()
    ids_before = set(versions_of(article).values_list("pk", flat=True))

    response = restore(client, article, original)

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("Originalet", "<p>Original.</p>")
    assert list(article.topics.all()) == [topic]
    assert list(article.contacts.all()) == [contact]
    versions = list(versions_of(article))
    assert len(versions) == len(ids_before) + 1
    assert ids_before < {v.pk for v in versions}
    assert versions[0].field_dict["title"] == "Originalet"
    assert versions[0].revision.user == publisher
    assert "Återställde versionen från" in versions[0].revision.comment


def test_restore_brings_back_a_topics_parent_and_related_topics(client, publisher):
    client.force_login(publisher)
    parent, related = TopicFactory(), TopicFactory()
    topic = TopicFactory(parent=parent, related_topics=[related])
    change_through_admin(client, topic, parent="", related_topics=False, intro="Ändrad")

    restore(client, topic, versions_of(topic).last())

    topic.refresh_from_db()
    assert topic.parent == parent
    assert list(topic.related_topics.all()) == [related]


def test_restore_keeps_the_publishing_state(client, publisher):
    client.force_login(publisher)
    article = ArticleFactory(draft=True, title="Utkast")
    change_through_admin(client, article, status=Status.PUBLISHED, title="Publicerad")

    restore(client, article, versions_of(article).last())

    article.refresh_from_db()
    assert article.title == "Utkast"
    assert article.status == Status.PUBLISHED


def test_restore_of_a_contact_person(client, contacts_editor):
    client.force_login(contacts_editor)
    contact = ContactPersonFactory(name="Tove Lindqvist", phone="031-123 45 67")
    change_through_admin(client, contact, name="Fel Namn", phone="031-000 00 00")

    restore(client, contact, versions_of(contact).last())

    contact.refresh_from_db()
    assert (contact.name, contact.phone) == ("Tove Lindqvist", "031-123 45 67")


@pytest.mark.parametrize("traits", [{}, {"scheduled": True}], ids=["live", "scheduled"])
def test_restoring_a_live_item_without_the_publish_permission_leaves_it_and_waits_as_pending_changes(
    client, editor, traits
):
    client.force_login(editor)
    article = ArticleFactory(title="Publicerad rubrik", **traits)
    grant_publish(editor, Article)
    change_through_admin(client, article, title="Publicerad rubrik, rättad")
    editor.user_permissions.remove(Permission.objects.get(codename="publish_article"))
    count = versions_of(article).count()

    page = client.get(admin_url(article, f"history/{versions_of(article).last().pk}/aterstall"))
    restore(client, article, versions_of(article).last(), follow=True)

    assertContains(page, "Återställningen sparas som ändringar som väntar på publicering")
    assertNotContains(page, "Återställ den här versionen")
    article.refresh_from_db()
    assert article.title == "Publicerad rubrik, rättad"
    assert drafts.pending_draft_for(article).data["title"] == "Publicerad rubrik"
    assert versions_of(article).count() == count + 1
    assert versions_of(article).first().is_pending


def test_restoring_a_draft_needs_no_publish_permission(client, editor):
    client.force_login(editor)
    article = ArticleFactory(draft=True, title="Utkastets rubrik")
    change_through_admin(client, article, title="Ändrad")

    restore(client, article, versions_of(article).last())

    article.refresh_from_db()
    assert article.title == "Utkastets rubrik"


def test_restore_refuses_an_address_taken_since_with_a_swedish_message(client, publisher):
    client.force_login(publisher)
    article = ArticleFactory(slug="gammal")
    change_through_admin(client, article, slug="ny")
    ArticleFactory(slug="gammal")

    response = restore(client, article, versions_of(article).last(), follow=True)

    assertContains(response, "Versionen kunde inte återställas")
    assertContains(response, "Webbadress finns redan")
    article.refresh_from_db()
    assert article.slug == "ny"


def test_restoring_an_old_address_of_a_published_page_leaves_a_redirect(client, publisher):
    client.force_login(publisher)
    article = ArticleFactory(slug="forsta")
    change_through_admin(client, article, slug="andra")

    restore(client, article, versions_of(article).last())

    assert list(Redirect.objects.values_list("old_path", "new_path")) == [("/nyheter/andra/", "/nyheter/forsta/")]


def test_restore_leaves_out_relations_deleted_since_and_says_so(client, publisher):
    client.force_login(publisher)
    kept, deleted = TopicFactory(), TopicFactory(title="Nedlagt ämne")
    article = ArticleFactory(topics=[kept, deleted])
    change_through_admin(client, article, topics=[str(kept.pk)])
    deleted.delete()

    response = restore(client, article, versions_of(article).last(), follow=True)

    assert list(article.topics.all()) == [kept]
    assertContains(response, "har tagits bort och kom inte tillbaka")


def test_staff_without_rights_sees_no_history(client, django_user_model):
    user = django_user_model.objects.create_user(username="personal", password="lösen-för-test-4", is_staff=True)
    client.force_login(user)
    article = ArticleFactory()

    assert client.get(admin_url(article, "history")).status_code == 403


# "Senast ändrad av"


def test_the_form_shows_who_changed_it_last(client, publisher):
    client.force_login(publisher)
    article = change_through_admin(client, ArticleFactory(), title="Ny")

    response = client.get(admin_url(article))

    assertContains(response, "Senast ändrad av")
    assertContains(response, "Maria Redaktör")


@pytest.mark.parametrize("model", [Article, Topic, ContactPerson])
def test_the_list_shows_who_changed_it_last_in_one_query_whatever_the_length(client, publisher, contacts_editor, model):
    client.force_login(publisher)
    factory = {Article: ArticleFactory, Topic: TopicFactory, ContactPerson: ContactPersonFactory}[model]
    field = "name" if model is ContactPerson else "title"
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"

    change_through_admin(client, factory(), **{field: "Ändrad 1"})
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assertContains(response, "Maria Redaktör")
    for n in range(2, 21):
        change_through_admin(client, factory(), **{field: f"Ändrad {n}"})
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(url)

    assert response.content.decode().count("Maria Redaktör") == 20
    assert len(twenty) == len(one)
    assert sum("reversion_version" in q["sql"] for q in twenty.captured_queries) == sum(
        "reversion_version" in q["sql"] for q in one.captured_queries
    )


# The diff itself.


def test_rich_text_is_compared_as_its_text_with_paragraphs_kept():
    from vastkom.core.history.diff import html_to_paragraphs

    text = html_to_paragraphs(
        "<h2>Rubrik</h2><p>Ett &amp; två<br>tre</p><ul><li>a</li><li>b</li></ul><script>x()</script>"
    )

    assert text == "Rubrik\nEtt & två\ntre\na\nb"


def test_text_diff_marks_words_removed_and_added():
    from vastkom.core.history.diff import text_segments

    assert text_segments("Nära vård i kommunen", "Nära vård i regionen") == [
        ("equal", "Nära vård i "),
        ("delete", "kommunen"),
        ("insert", "regionen"),
    ]


def test_compare_page_escapes_what_editors_typed(client, publisher):
    client.force_login(publisher)
    article = ArticleFactory(lead="Ingress")
    change_through_admin(client, article, lead='<img src=x onerror="alert(1)">')
    older, newer = sorted(versions_of(article), key=lambda v: v.pk)

    response = client.get(admin_url(article, "history/jamfor"), {"fran": older.pk, "till": newer.pk})

    assert "<img src=x" not in response.content.decode()
    assertContains(response, "&lt;img src=x")
