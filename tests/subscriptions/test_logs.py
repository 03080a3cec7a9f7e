"""E-mail addresses never reach the logs in clear, whatever the flow logs."""

import logging

import pytest
from django.core import mail

from subscriptions import services
from tests.articles.factories import ArticleFactory
from tests.subscriptions.backends import RefusingBackend
from tests.subscriptions.conftest import link_in

pytestmark = pytest.mark.django_db

ADDRESS = "karin.loggtest@example.se"


def test_no_flow_writes_an_address_to_the_logs(client, post, caplog):
    caplog.set_level(logging.DEBUG)
    form = {"email": ADDRESS, "follow": "alla", "frequency": "immediate", "consent": "on"}

    post("/prenumeration/", form)
    client.post(link_in(mail.outbox[-1], r"/prenumeration/bekrafta/[^/\s]+/"))
    post("/prenumeration/", form)  # the same address again
    post("/prenumeration/avsluta/", {"email": ADDRESS})
    services.article_fan_out(article_id=ArticleFactory().pk)
    services.notices_deliver(connection=RefusingBackend(refuse={ADDRESS}))  # a failure is logged

    assert mail.outbox[0].to == [ADDRESS]
    messages = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert caplog.records, "the flows logged nothing, so this test shows nothing"
    assert ADDRESS not in messages
    assert "loggtest" not in messages
    assert "ka***@example.se" in messages  # it was logged, masked
