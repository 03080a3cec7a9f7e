"""/healthz: 200 when the database answers and migrations are applied, else 503; never cached."""

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db


def test_healthy_site_answers_200_ok_uncached(client, django_assert_num_queries):
    with django_assert_num_queries(2):  # is the table there, which migrations are applied
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert "Set-Cookie" not in response


def test_a_load_balancer_probing_by_ip_over_http_gets_the_answer(client, settings):
    settings.ALLOWED_HOSTS = ["www.vastkom.se"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200


def test_pending_migrations_answer_503():
    from django.test import Client

    MigrationRecorder.Migration.objects.filter(app="subscriptions").order_by("-id").first().delete()
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.content == b"migrations pending\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.postgres  # SQLite's in-memory test database never closes
@pytest.mark.django_db(transaction=True)
def test_an_unreachable_database_answers_503(client):
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = 1  # nothing listens there
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response.content == b"database unreachable\n"


def test_other_methods_are_refused(client):
    assert client.post("/healthz").status_code == 405


def test_the_answer_has_nothing_personal(client):
    from tests.subscriptions.factories import SubscriberFactory

    SubscriberFactory(email="hemlig.person@example.se")
    assert b"example.se" not in client.get("/healthz").content
