"""The editor's buttons, the review state and pending drafts of live items, through the admin."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from tests.vastkom.admin_forms import admin_form_data
from topics.models import Topic
from vastkom.core import drafts
from vastkom.core.drafts import DraftState, PendingDraft
from vastkom.core.publishing import Status, Visibility

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2027, 1, 15, 10, 0, tzinfo=STOCKHOLM)
ADD_URL = "/admin/articles/article/add/"


@pytest.fixture
def frozen_now():
    """Time stands still at NOW (before the client logs in, so the session is fresh)."""
    with time_machine.travel(NOW, tick=False):
        yield NOW


def change_url(item):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"


def submit(client, url, **changes):
    """Open the form as a browser would, change it, press a button; the response."""
    return client.post(url, admin_form_data(client.get(url), **changes))


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def scheduled_for(when):
    local = when.astimezone(STOCKHOLM)
    return {"publish_at_0": local.strftime("%Y-%m-%d"), "publish_at_1": local.strftime("%H:%M:%S")}


# --- buttons and messages -------------------------------------------------------------------


def test_publicera_nu_publishes_now_and_says_so(frozen_now, publisher_client):
    response = submit(publisher_client, ADD_URL, title="Nu", lead="Ingress.", _publish="x")

    article = Article.objects.get()
    assert article.visibility == Visibility.LIVE
    assert article.publish_at == NOW
    assert messages_of(response) == ["Publicerad: ”Nu” visas på webbplatsen sedan 15 januari 2027 10:00."]


def test_schemalagg_schedules_and_says_when_in_swedish(frozen_now, publisher_client):
    when = dt.datetime(2027, 2, 1, 8, 0, tzinfo=STOCKHOLM)

    response = submit(publisher_client, ADD_URL, title="Sen", lead="Ingress.", _schedule="x", **scheduled_for(when))

    article = Article.objects.get()
    assert article.visibility == Visibility.SCHEDULED
    assert article.publish_at == when
    assert "Schemalagd till 1 februari 2027 08:00" in messages_of(response)[0]


def test_schemalagg_with_a_time_already_past_is_refused(frozen_now, publisher_client):
    response = submit(
        publisher_client, ADD_URL, title="Sen", lead="Ingress.", _schedule="x", **scheduled_for(NOW - dt.timedelta(1))
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["publish_at"] == [
        "Välj en tid i framtiden för att schemalägga, eller välj ”Publicera nu”."
    ]
    assert not Article.objects.exists()


def test_spara_utkast_keeps_a_new_article_a_draft(publisher_client):
    response = submit(publisher_client, ADD_URL, title="Utkast", lead="Ingress.", _draft="x")

    assert Article.objects.get().status == Status.DRAFT
    assert messages_of(response) == ["Utkastet ”Utkast” är sparat. Det visas inte på webbplatsen."]


def test_spara_utkast_keeps_the_writer_on_the_form_of_a_new_article(writer_client):
    response = submit(writer_client, ADD_URL, title="Påbörjad", lead="Ingress.", _draft="x")

    assert response.status_code == 302
    assert response["Location"] == change_url(Article.objects.get())


def test_spara_utkast_of_changes_to_a_live_article_keeps_the_writer_on_its_form(writer_client):
    article = ArticleFactory(title="Live")

    response = submit(writer_client, change_url(article), title="Live, ändrad", _draft="x")

    assert response["Location"] == change_url(article)
    assert drafts.has_pending_changes(article)


def test_the_other_buttons_return_to_the_list(publisher_client):
    response = submit(publisher_client, ADD_URL, title="Klar", lead="Ingress.", _publish="x")

    assert response["Location"] == "/admin/articles/article/"


def test_avpublicera_takes_a_live_article_down_and_the_badge_says_avpublicerad(publisher_client, client):
    article = ArticleFactory(title="Gammal")

    response = submit(publisher_client, change_url(article), _unpublish="x")

    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.visibility == Visibility.EXPIRED
    assert messages_of(response) == ["Avpublicerad: ”Gammal” visas inte längre på webbplatsen."]
    assertContains(publisher_client.get(change_url(article)), "Avpublicerad")
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_avbryt_schemalaggningen_returns_a_scheduled_article_to_draft(publisher_client):
    article = ArticleFactory(scheduled=True, title="Snart")

    response = submit(publisher_client, change_url(article), _unpublish="x")

    article.refresh_from_db()
    assert (article.status, article.published_at, article.visibility) == (Status.DRAFT, None, Visibility.DRAFT)
    assert messages_of(response) == ["Schemaläggningen är avbruten: ”Snart” är ett utkast igen."]


def test_publishing_an_unpublished_article_again_keeps_its_first_date(publisher_client):
    article = ArticleFactory(publish_at=dt.datetime(2026, 1, 5, 9, 0, tzinfo=STOCKHOLM))
    submit(publisher_client, change_url(article), _unpublish="x")

    submit(publisher_client, change_url(article), _publish="x")

    article.refresh_from_db()
    assert article.is_published
    assert article.published_at == dt.datetime(2026, 1, 5, 9, 0, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("factory_kwargs", "badge"),
    [
        ({"draft": True}, "Utkast"),
        ({"status": Status.REVIEW}, "Klar för granskning"),
        ({"scheduled": True}, "Schemalagd"),
        ({}, "Publicerad"),
    ],
)
def test_the_form_shows_the_state_as_a_badge(publisher_client, factory_kwargs, badge):
    article = ArticleFactory(**factory_kwargs)

    response = publisher_client.get(change_url(article))

    assert response.context["editorial"]["badge"] == badge
    assertContains(response, f">{badge}</strong>")


def test_the_add_form_shows_no_updated_or_published_date(publisher_client):
    response = publisher_client.get(ADD_URL)

    fields = {name for _name, opts in response.context["adminform"].fieldsets for name in opts["fields"]}
    assert not fields & {"updated_at", "published_at", "public_link", "status"}
    assertNotContains(response, "Uppdaterad")
    assertContains(response, "Utkast")


@pytest.mark.parametrize(
    ("factory_kwargs", "expected"),
    [
        ({"draft": True}, ["_draft", "_schedule", "_publish"]),
        ({"status": Status.REVIEW}, ["_draft", "_schedule", "_publish", "_send_back"]),
        ({"scheduled": True}, ["_draft", "_schedule", "_publish", "_unpublish"]),
        ({}, ["_draft", "_publish", "_unpublish"]),
    ],
)
def test_a_publisher_gets_the_buttons_that_fit_the_state(publisher_client, factory_kwargs, expected):
    article = ArticleFactory(**factory_kwargs)

    buttons = publisher_client.get(change_url(article)).context["editorial"]["buttons"]

    assert [b.name for b in buttons] == expected


# --- ready for review -----------------------------------------------------------------------


def test_a_writer_hands_in_a_new_draft_for_review(writer_client, writer):
    response = submit(writer_client, ADD_URL, title="Till granskning", lead="Ingress.", _review="x")

    article = Article.objects.get()
    assert article.status == Status.REVIEW
    assert article.created_by == writer
    assert not Article.objects.published().exists()
    assert "klar för granskning" in messages_of(response)[0]


def test_the_review_filter_lists_drafts_handed_in_and_changes_handed_in(publisher_client, writer):
    ArticleFactory(title="Nytt utkast", status=Status.REVIEW)
    ArticleFactory(title="Vanligt utkast", draft=True)
    live = ArticleFactory(title="Live med ändringar")
    drafts.pending_draft_save(obj=live, values={"title": "Ändrad"}, author=writer, state=DraftState.REVIEW)
    ArticleFactory(title="Live utan ändringar")

    response = publisher_client.get("/admin/articles/article/?synlighet=review")

    assert {a.title for a in response.context["cl"].result_list} == {"Nytt utkast", "Live med ändringar"}
    assertContains(response, "ändringar klara för granskning")


def test_a_publisher_sends_a_draft_back_with_a_comment_the_writer_reads(client, writer, publisher):
    article = ArticleFactory(status=Status.REVIEW, title="Granskas", created_by=writer)
    client.force_login(publisher)

    response = submit(client, change_url(article), _send_back="x", send_back_comment="Korta ingressen, tack.")

    article.refresh_from_db()
    assert (article.status, article.review_comment) == (Status.DRAFT, "Korta ingressen, tack.")
    assert "skickad tillbaka" in messages_of(response)[0]
    client.force_login(writer)
    assertContains(client.get(change_url(article)), "Korta ingressen, tack.")


def test_sending_back_needs_a_comment(publisher_client):
    article = ArticleFactory(status=Status.REVIEW)

    response = submit(publisher_client, change_url(article), _send_back="x", send_back_comment="  ")

    assert response.context["adminform"].form.errors["send_back_comment"] == [
        "Skriv en kommentar till skribenten: vad ska ändras?"
    ]
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_nothing_to_send_back_when_nothing_is_handed_in(publisher_client):
    article = ArticleFactory(draft=True)

    response = submit(publisher_client, change_url(article), _send_back="x", send_back_comment="Nej")

    assertContains(response, "Det finns inget som är klart för granskning att skicka tillbaka.")


def test_handing_in_again_clears_the_old_comment(writer_client):
    article = ArticleFactory(draft=True, review_comment="Korta ingressen.")

    submit(writer_client, change_url(article), lead="Kortare.", _review="x")

    article.refresh_from_db()
    assert (article.status, article.review_comment) == (Status.REVIEW, "")


# --- pending drafts of live items -----------------------------------------------------------


def test_a_writers_change_to_a_live_article_waits_and_the_public_keeps_the_live_version(writer_client, client, writer):
    article = ArticleFactory(title="Live rubrik", body="<p>Live text.</p>")

    response = submit(writer_client, change_url(article), title="Ny rubrik", body="<p>Ny text.</p>")

    assert response.status_code == 302
    assert "sparade som utkast" in messages_of(response)[0]
    article.refresh_from_db()
    assert article.title == "Live rubrik"
    draft = PendingDraft.objects.get()
    assert (draft.state, draft.author, draft.data["title"]) == (DraftState.DRAFT, writer, "Ny rubrik")
    client.logout()
    public = client.get(article.get_absolute_url())
    assertContains(public, "Live rubrik")
    assertNotContains(public, "Ny rubrik")


def test_the_form_continues_from_the_pending_draft(writer_client, writer):
    article = ArticleFactory(title="Live rubrik")
    submit(writer_client, change_url(article), title="Ny rubrik")

    response = writer_client.get(change_url(article))

    assert response.context["adminform"].form["title"].value() == "Ny rubrik"
    assertContains(response, "Formuläret visar ändringar som inte är publicerade")


def test_a_writer_hands_in_changes_to_a_live_article(writer_client):
    article = ArticleFactory(title="Live rubrik")

    submit(writer_client, change_url(article), title="Ny rubrik", _review="x")

    assert PendingDraft.objects.get().state == DraftState.REVIEW
    article.refresh_from_db()
    assert article.title == "Live rubrik"
    assert article.status == Status.PUBLISHED


def test_publishing_pending_changes_applies_fields_and_relations_and_removes_the_draft(client, writer, publisher):
    old_topic, new_topic = TopicFactory(), TopicFactory()
    contact = ContactPersonFactory()
    article = ArticleFactory(title="Live rubrik", topics=[old_topic])
    client.force_login(writer)
    submit(client, change_url(article), title="Ny rubrik", topics=[str(new_topic.pk)], contacts=[str(contact.pk)])
    assert list(article.topics.all()) == [old_topic]  # nothing live moved yet

    client.force_login(publisher)
    response = submit(client, change_url(article), _publish="x")

    article.refresh_from_db()
    assert article.title == "Ny rubrik"
    assert list(article.topics.all()) == [new_topic]
    assert list(article.contacts.all()) == [contact]
    assert not PendingDraft.objects.exists()
    assert messages_of(response)[0].startswith("Publicerad: ”Ny rubrik”")


def test_a_publisher_sends_pending_changes_back_and_the_live_version_stays(client, writer, publisher):
    article = ArticleFactory(title="Live rubrik")
    client.force_login(writer)
    submit(client, change_url(article), title="Ny rubrik", _review="x")
    client.force_login(publisher)

    submit(client, change_url(article), _send_back="x", send_back_comment="Rubriken är för lång.")

    draft = PendingDraft.objects.get()
    assert (draft.state, draft.comment, draft.author) == (DraftState.DRAFT, "Rubriken är för lång.", writer)
    article.refresh_from_db()
    assert article.title == "Live rubrik"
    client.force_login(writer)
    assertContains(client.get(change_url(article)), "Rubriken är för lång.")


def test_a_publishers_spara_utkast_on_a_live_article_is_a_pending_draft_too(publisher_client):
    article = ArticleFactory(title="Live rubrik")

    submit(publisher_client, change_url(article), title="Ny rubrik", _draft="x")

    article.refresh_from_db()
    assert article.title == "Live rubrik"
    assert PendingDraft.objects.get().data["title"] == "Ny rubrik"


def test_the_publishing_time_is_not_changed_in_a_pending_draft(publisher_client):
    article = ArticleFactory()

    response = submit(
        publisher_client, change_url(article), _draft="x", **scheduled_for(article.publish_at + dt.timedelta(days=3))
    )

    assert "publish_at" in response.context["adminform"].form.errors
    assert not PendingDraft.objects.exists()


def test_a_writer_sees_the_publishing_times_of_a_live_article_read_only(writer_client):
    response = writer_client.get(change_url(ArticleFactory()))

    assert "publish_at" not in response.context["adminform"].form.fields


def test_removing_pending_changes_brings_back_the_live_version(writer_client):
    article = ArticleFactory(title="Live rubrik")
    submit(writer_client, change_url(article), title="Ny rubrik")

    response = writer_client.post(change_url(article), {"_discard_draft": "x"})

    assert response.status_code == 302
    assert not PendingDraft.objects.exists()
    assert writer_client.get(change_url(article)).context["adminform"].form["title"].value() == "Live rubrik"


def test_someone_elses_pending_changes_are_not_a_writers_to_remove(client, django_user_model, writer):
    from tests.conftest import member_of
    from vastkom.core.roles import WRITER_GROUP

    article = ArticleFactory()
    drafts.pending_draft_save(obj=article, values={"title": "Annans"}, author=writer)
    client.force_login(member_of(django_user_model, "annan", WRITER_GROUP))

    assert client.post(change_url(article), {"_discard_draft": "x"}).status_code == 403
    assert PendingDraft.objects.exists()


def test_a_pending_draft_of_a_topic_keeps_its_menu_and_relations(client, writer, publisher):
    related = TopicFactory()
    topic = TopicFactory(title="Ämnet", show_in_menu=False)
    client.force_login(writer)

    submit(client, change_url(topic), show_in_menu=True, related_topics=[str(related.pk)], _review="x")

    topic.refresh_from_db()
    assert (topic.show_in_menu, list(topic.related_topics.all())) == (False, [])
    copy = drafts.working_copy(topic)
    assert (copy.show_in_menu, list(copy.related_topics.all())) == (True, [related])
    assert Topic.objects.filter(show_in_menu=True).count() == 0


def test_deleting_an_item_deletes_its_pending_draft(writer):
    article = ArticleFactory()
    drafts.pending_draft_save(obj=article, values={"title": "x"}, author=writer)

    article.delete()

    assert not PendingDraft.objects.exists()


# --- the question the publish-time checks ask ------------------------------------------------

PUBLISHING_REQUESTED = [
    pytest.param({"draft": True}, "_publish", True, True, id="draft-publish"),
    pytest.param({"draft": True}, "_schedule", True, True, id="draft-schedule"),
    pytest.param({"draft": True}, "_draft", True, False, id="draft-save-draft"),
    pytest.param({"draft": True}, "_review", False, False, id="draft-ready-for-review"),
    pytest.param({"draft": True}, "_publish", False, False, id="draft-publish-refused-to-writer"),
    pytest.param({"status": Status.REVIEW}, "_send_back", True, False, id="review-send-back"),
    pytest.param({}, "_draft", True, False, id="live-save-draft-is-pending"),
    pytest.param({}, "_unpublish", True, False, id="live-unpublish"),
    pytest.param({}, "_save", True, True, id="live-plain-save-by-publisher"),
    pytest.param({}, "_save", False, False, id="live-plain-save-by-writer-is-pending"),
    pytest.param({"scheduled": True}, "_schedule", True, True, id="scheduled-reschedule"),
]


@pytest.mark.parametrize(("factory_kwargs", "button", "as_publisher", "expected"), PUBLISHING_REQUESTED)
def test_publishing_requested_says_whether_the_save_puts_the_item_before_the_public(
    rf, writer, publisher, factory_kwargs, button, as_publisher, expected
):
    from django.contrib import admin

    article = ArticleFactory(**factory_kwargs)
    request = rf.post(change_url(article), {button: "x"})
    request.user = publisher if as_publisher else writer
    form_class = admin.site.get_model_admin(Article).get_form(request, article, change=True)

    assert form_class(instance=article).publishing_requested() is expected


def test_a_new_main_image_waits_in_the_pending_draft_until_published(client, writer, publisher, png_upload):
    article = ArticleFactory(title="Live utan bild")
    client.force_login(writer)
    url = change_url(article)
    data = admin_form_data(client.get(url), image=png_upload, image_alt="Ett diagram.")

    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert not article.image
    assert drafts.working_copy(article).image.name.startswith("articles/")

    client.force_login(publisher)
    submit(client, url, _publish="x")

    article.refresh_from_db()
    assert article.image.name.startswith("articles/")
    assert article.image_alt == "Ett diagram."
    assert article.image_renditions["sizes"]


def test_the_visibility_filter_tells_drafts_from_unpublished_pages(publisher_client):
    ArticleFactory(title="Aldrig publicerad", draft=True)
    taken_down = ArticleFactory(title="Avpublicerad")
    submit(publisher_client, change_url(taken_down), _unpublish="x")

    drafts_listed = publisher_client.get("/admin/articles/article/?synlighet=draft").context["cl"].result_list
    expired_listed = publisher_client.get("/admin/articles/article/?synlighet=expired").context["cl"].result_list

    assert [a.title for a in drafts_listed] == ["Aldrig publicerad"]
    assert [a.title for a in expired_listed] == ["Avpublicerad"]
