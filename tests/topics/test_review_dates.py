"""Review dates on topic pages: the default, the overdue list, and the weekly reminder mails."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from pytest_django.asserts import assertNotContains

from tests.topics.factories import TopicFactory
from tests.vastkom.admin_forms import admin_form_data
from topics.models import Topic
from vastkom.core.reviewdates import review_reminders_send
from vastkom.core.tasks import review_reminders_task

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 10)
NOON = dt.datetime(2027, 3, 10, 12, 0, tzinfo=dt.UTC)
OVERDUE = TODAY - dt.timedelta(days=1)


@pytest.fixture
def frozen_today():
    with time_machine.travel(NOON, tick=False):
        yield TODAY


def change_url(topic):
    return f"/admin/topics/topic/{topic.pk}/change/"


# --- the date and the owner -------------------------------------------------------------------


def test_a_new_topic_is_due_for_review_in_twelve_months(frozen_today):
    assert TopicFactory().review_by == dt.date(2028, 3, 10)


def test_a_page_saved_on_leap_day_is_due_on_the_last_day_of_february():
    with time_machine.travel(dt.datetime(2028, 2, 29, 12, 0, tzinfo=dt.UTC), tick=False):
        assert TopicFactory().review_by == dt.date(2029, 2, 28)


def test_the_add_form_makes_the_editor_the_owner(frozen_today, publisher_client, publisher):
    response = publisher_client.get("/admin/topics/topic/add/")

    assert response.context["adminform"].form["review_owner"].value() == publisher.pk


def test_only_active_staff_can_be_chosen_as_owner(publisher_client, django_user_model):
    django_user_model.objects.create_user("besokare", password="lösen-123-abc")
    django_user_model.objects.create_user("slutat", password="lösen-123-abc", is_staff=True, is_active=False)

    choices = publisher_client.get("/admin/topics/topic/add/").context["adminform"].form.fields["review_owner"]

    assert {u.username for u in choices.queryset} == {"publicerare"}


def test_a_substantive_save_moves_the_review_date_a_year_ahead(frozen_today, publisher_client):
    topic = TopicFactory(review_by=OVERDUE)
    url = change_url(topic)

    publisher_client.post(url, admin_form_data(publisher_client.get(url), intro="Ny ingress.", _publish="x"))

    topic.refresh_from_db()
    assert topic.review_by == dt.date(2028, 3, 10)


def test_a_minor_change_keeps_the_review_date(frozen_today, publisher_client):
    topic = TopicFactory(review_by=OVERDUE)
    url = change_url(topic)

    publisher_client.post(url, admin_form_data(publisher_client.get(url), intro="Rättat.", minor_change=True))

    topic.refresh_from_db()
    assert topic.review_by == OVERDUE


def test_a_review_date_the_editor_chooses_is_kept(frozen_today, publisher_client):
    topic = TopicFactory()
    url = change_url(topic)

    publisher_client.post(url, admin_form_data(publisher_client.get(url), review_by="2027-06-01", _publish="x"))

    topic.refresh_from_db()
    assert topic.review_by == dt.date(2027, 6, 1)


# --- the overdue list -------------------------------------------------------------------------


def test_the_topic_list_marks_and_filters_overdue_pages(frozen_today, publisher_client):
    TopicFactory(title="Försenad sida", review_by=OVERDUE)
    TopicFactory(title="Aktuell sida", review_by=TODAY)

    response = publisher_client.get("/admin/topics/topic/?granskning=forsenad")

    assert [t.title for t in response.context["cl"].result_list] == ["Försenad sida"]
    assert "(försenad)" in response.content.decode()


def test_the_public_page_shows_nothing_of_the_review(frozen_today, client, publisher):
    topic = TopicFactory(review_by=OVERDUE, review_owner=publisher)

    response = client.get(topic.get_absolute_url())

    assert response.status_code == 200
    for word in ("Granska", "granska", "Publicerare", publisher.username):
        assertNotContains(response, word)


# --- the weekly reminders ----------------------------------------------------------------------


def test_each_owner_gets_their_overdue_published_pages(frozen_today, writer, publisher):
    TopicFactory(title="Skribentens sida", review_by=OVERDUE, review_owner=writer)
    TopicFactory(title="Publicerarens sida", review_by=OVERDUE, review_owner=publisher)
    TopicFactory(title="Inte försenad", review_by=TODAY, review_owner=writer)
    TopicFactory(title="Försenat utkast", review_by=OVERDUE, review_owner=writer, draft=True)

    report = review_reminders_send()

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {writer.email, publisher.email}
    writers_mail = by_recipient[writer.email]
    assert writers_mail.subject == "Dina sidor som ska ses över (1)"
    assert "Skribentens sida" in writers_mail.body
    assert "Hej Sara Skribent!" in writers_mail.body
    assert f"/admin/topics/topic/{Topic.objects.get(title='Skribentens sida').pk}/change/" in writers_mail.body
    assert "Publicerarens sida" not in writers_mail.body
    assert "Inte försenad" not in writers_mail.body
    assert "Försenat utkast" not in writers_mail.body
    assert (report.owners, report.pages, report.fallback_pages) == (2, 2, 0)


def test_pages_without_an_active_owner_go_to_the_fallback_address(frozen_today, settings, writer, django_user_model):
    settings.REVIEW_FALLBACK_EMAIL = "webbredaktionen@example.se"
    gone = django_user_model.objects.create_user("slutat", email="slutat@example.se", is_staff=True, is_active=False)
    TopicFactory(title="Ägarlös sida", review_by=OVERDUE, review_owner=None)
    TopicFactory(title="Slutad ägares sida", review_by=OVERDUE, review_owner=gone)
    TopicFactory(title="Skribentens sida", review_by=OVERDUE, review_owner=writer)

    report = review_reminders_send()

    fallback = next(m for m in mail.outbox if m.to == ["webbredaktionen@example.se"])
    assert fallback.subject == "Sidor utan ansvarig som ska ses över (2)"
    assert "Ägarlös sida" in fallback.body and "Slutad ägares sida" in fallback.body
    assert "Skribentens sida" not in fallback.body
    assert not [m for m in mail.outbox if "slutat@example.se" in m.to]
    assert report.fallback_pages == 2


def test_without_a_fallback_address_ownerless_pages_are_counted_not_lost_silently(frozen_today, settings, caplog):
    settings.REVIEW_FALLBACK_EMAIL = ""
    TopicFactory(review_by=OVERDUE, review_owner=None)

    report = review_reminders_send()

    assert mail.outbox == []
    assert report.unsent_pages == 1
    assert "REVIEW_FALLBACK_EMAIL" in caplog.text


def test_nothing_overdue_sends_nothing(frozen_today, writer):
    TopicFactory(review_by=TODAY, review_owner=writer)

    review_reminders_send()

    assert mail.outbox == []


def test_the_command_for_cron_sends_the_reminders(frozen_today, writer):
    TopicFactory(review_by=OVERDUE, review_owner=writer)
    out = StringIO()

    call_command("review_reminders", stdout=out)

    assert [m.to for m in mail.outbox] == [[writer.email]]
    assert "1 ansvariga (1 sidor)" in out.getvalue()


def test_the_weekly_task_sends_the_reminders(frozen_today, writer):
    TopicFactory(review_by=OVERDUE, review_owner=writer)

    result = review_reminders_task.enqueue()

    assert result.return_value["pages"] == 1
    assert [m.to for m in mail.outbox] == [[writer.email]]


def test_reminders_cost_one_query_per_content_type_however_many_pages(frozen_today, writer, django_assert_num_queries):
    TopicFactory.create_batch(20, review_by=OVERDUE, review_owner=writer)

    with django_assert_num_queries(1):
        review_reminders_send()
