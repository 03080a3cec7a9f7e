"""The admin's start page: each panel shows what it promises, at a cost that does not grow with content."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from subscriptions.models import Notice, NoticeStatus
from tests.articles.factories import ArticleFactory
from tests.subscriptions.factories import SubscriberFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from vastkom.core import drafts
from vastkom.core.drafts import DraftState
from vastkom.core.publishing import Status

pytestmark = pytest.mark.django_db


def panels_of(response):
    return {panel.key: panel for panel in response.context["panels"]}


def titles(panel):
    return {row.title for row in panel.rows}


def fill_every_panel(n, *, user):
    """``n`` items for each panel of the dashboard, as ``user`` would see them."""
    now = timezone.now()
    contact = ContactPersonFactory()
    gone = ContactPersonFactory(active=False)
    for i in range(n):
        ArticleFactory(title=f"Mitt utkast {i}", draft=True, created_by=user)
        ArticleFactory(title=f"Granskas {i}", status=Status.REVIEW)
        ArticleFactory(title=f"Snart {i}", publish_at=now + dt.timedelta(days=1, minutes=i), contacts=[contact])
        live = ArticleFactory(title=f"Publicerad {i}", contacts=[gone])  # its only contact has left
        drafts.pending_draft_save(obj=live, values={"title": "x"}, author=user, state=DraftState.REVIEW)
        topic = TopicFactory(title=f"Försenad {i}", review_by=now.date() - dt.timedelta(days=i + 1), review_owner=user)
        SubscriberFactory(confirmed=True, topics=[topic])
        Notice.objects.create(
            article=live, subscriber=SubscriberFactory(confirmed=True), status=NoticeStatus.FAILED, last_error="550"
        )


def dashboard_queries(client):
    ContentType.objects.clear_cache()  # both counts start cold
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/admin/")
    assert response.status_code == 200
    return len(captured), response


def test_the_dashboard_costs_the_same_queries_for_one_or_a_hundred_items_per_panel(publisher_client, publisher):
    fill_every_panel(1, user=publisher)
    few, response = dashboard_queries(publisher_client)
    assert all(panel.rows for panel in response.context["panels"])

    fill_every_panel(99, user=publisher)
    many, response = dashboard_queries(publisher_client)

    assert all(len(panel.rows) >= 8 for panel in response.context["panels"])
    assert many == few
    # The session, the user, the permissions (two), two content types, one per panel, recent actions.
    assert few == 4 + 2 + len(response.context["panels"]) + 1


def test_my_drafts_lists_my_drafts_and_my_pending_changes_with_the_reviewers_comment(publisher_client, publisher):
    ArticleFactory(title="Mitt utkast", draft=True, created_by=publisher)
    ArticleFactory(title="Någon annans utkast", draft=True)
    live = TopicFactory(title="Min ändring")
    drafts.pending_draft_save(obj=live, values={"title": "x"}, author=publisher, comment="Kortare, tack.")

    panel = panels_of(publisher_client.get("/admin/"))["mine"]

    assert titles(panel) == {"Mitt utkast", "Min ändring"}
    change = next(row for row in panel.rows if row.title == "Min ändring")
    assert (change.note, change.comment) == ("ändringar i utkast", "Kortare, tack.")


def test_ready_for_review_lists_drafts_and_changes_handed_in_with_their_writer(publisher_client, writer):
    ArticleFactory(title="Ny nyhet", status=Status.REVIEW, created_by=writer)
    live = ArticleFactory(title="Publicerad nyhet")
    drafts.pending_draft_save(obj=live, values={"title": "x"}, author=writer, state=DraftState.REVIEW)
    ArticleFactory(title="Bara ett utkast", draft=True)

    panel = panels_of(publisher_client.get("/admin/"))["review"]

    assert titles(panel) == {"Ny nyhet", "Publicerad nyhet"}
    assert {row.note for row in panel.rows} == {"Sara Skribent"}


def test_scheduled_lists_the_next_fourteen_days_soonest_first(publisher_client):
    now = timezone.now()
    ArticleFactory(title="Om två dagar", publish_at=now + dt.timedelta(days=2))
    TopicFactory(title="I morgon", publish_at=now + dt.timedelta(days=1))
    ArticleFactory(title="Om en månad", publish_at=now + dt.timedelta(days=30))

    panel = panels_of(publisher_client.get("/admin/"))["scheduled"]

    assert [row.title for row in panel.rows] == ["I morgon", "Om två dagar"]


def test_overdue_reviews_and_pages_without_an_active_contact(publisher_client):
    today = timezone.localdate()
    TopicFactory(title="Försenad", review_by=today - dt.timedelta(days=3), contacts=[ContactPersonFactory()])
    TopicFactory(title="I tid", review_by=today + dt.timedelta(days=3), contacts=[ContactPersonFactory()])
    TopicFactory(title="Kontakten slutade", contacts=[ContactPersonFactory(active=False)])
    ArticleFactory(title="Nyhet vars kontakt slutade", contacts=[ContactPersonFactory(active=False)])
    ArticleFactory(title="Nyhet utan kontakter")

    panels = panels_of(publisher_client.get("/admin/"))

    assert titles(panels["overdue"]) == {"Försenad"}
    assert titles(panels["no-contact"]) == {"Kontakten slutade", "Nyhet vars kontakt slutade"}


def test_failed_emails_are_shown_to_publishers_only(client, writer, publisher):
    article = ArticleFactory(title="Nyheten som studsade")
    Notice.objects.create(article=article, subscriber=SubscriberFactory(confirmed=True), status=NoticeStatus.FAILED)

    client.force_login(publisher)
    assert titles(panels_of(client.get("/admin/"))["failed"]) == {"Nyheten som studsade"}
    client.force_login(writer)
    assert "failed" not in panels_of(client.get("/admin/"))


def test_subscriber_counts_per_topic_show_no_addresses(writer_client):
    topic = TopicFactory(title="Nära vård")
    SubscriberFactory(confirmed=True, email="anna@example.se", topics=[topic])
    SubscriberFactory(confirmed=True, email="bo@example.se", topics=[topic])
    SubscriberFactory(email="vantar@example.se", topics=[topic])  # not confirmed
    SubscriberFactory(confirmed=True, email="alla@example.se")

    response = writer_client.get("/admin/")

    rows = {row.title: row.note for row in panels_of(response)["subscribers"].rows}
    assert rows == {"Alla nyheter": "1", "Nära vård": "2"}
    for address in ("anna@example.se", "bo@example.se", "alla@example.se"):
        assertNotContains(response, address)


def test_the_dashboard_says_so_when_a_panel_is_empty(writer_client):
    response = writer_client.get("/admin/")

    assertContains(response, "Du har inga utkast.")
    assertContains(response, "Inget väntar på granskning.")
