"""A real news e-mail, as bytes on the wire, parsed with Python's ``email`` package."""

import email
import email.policy
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

from subscriptions import services
from subscriptions.models import State
from tests.articles.factories import ArticleFactory
from tests.subscriptions.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def sent_news_email():
    subscriber = SubscriberFactory(confirmed=True, email="anna@example.se")
    services.article_fan_out(article_id=ArticleFactory(title="Konferens om psykisk hälsa").pk)
    services.notices_deliver()
    raw = mail.outbox[0].message().as_bytes()
    return subscriber, email.message_from_bytes(raw, policy=email.policy.default)


def test_news_email_carries_both_rfc_8058_headers():
    _, parsed = sent_news_email()
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A long header is folded onto the next line (RFC 5322 2.2.3); unfolded, the leading
    # whitespace is not part of the value, but Python's parser keeps it: strip it.
    value = str(parsed["List-Unsubscribe"]).strip()
    assert value.startswith("<") and value.endswith(">")
    url = urlsplit(value[1:-1])
    assert url.scheme in {"http", "https"}  # https in production (SITE_URL)
    assert url.path.startswith("/prenumeration/avsluta/")


def test_news_email_is_multipart_text_and_html_in_swedish():
    _, parsed = sent_news_email()
    assert parsed.is_multipart()
    assert str(parsed["Subject"]).strip() == "Nyhet från VästKom: Konferens om psykisk hälsa"
    assert parsed.get_body(preferencelist=("plain",)).get_content_type() == "text/plain"
    html = parsed.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="sv">' in html


def test_one_click_post_to_the_header_url_unsubscribes():
    subscriber, parsed = sent_news_email()
    path = urlsplit(str(parsed["List-Unsubscribe"]).strip()[1:-1]).path
    # What a mail provider sends (RFC 8058 section 3.2): no cookies, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == State.UNSUBSCRIBED


def test_prepared_copy_is_the_same_message_as_one_built_the_ordinary_way():
    import re

    from django.core.mail import EmailMultiAlternatives

    from subscriptions.mail import RawMIME

    sent_news_email()
    sent = mail.outbox[0]
    assert isinstance(sent.message(), RawMIME)  # the fast path was taken
    ordinary = EmailMultiAlternatives(
        subject=sent.subject, body=sent.body, to=sent.to, headers=dict(sent.extra_headers)
    )
    ordinary.attach_alternative(*sent.alternatives[0])

    def summary(raw: bytes):
        parsed = email.message_from_bytes(raw, policy=email.policy.compat32)
        headers = sorted(
            (name, re.sub(r"\s+", " ", str(value)).strip())
            for name, value in parsed.items()
            if name not in {"Message-ID", "Date", "Content-Type"}
        )
        parts = [(p.get_content_type(), p.get_payload(decode=True)) for p in parsed.walk() if not p.is_multipart()]
        return headers, parsed.get_content_type(), parts

    assert summary(sent.message().as_bytes()) == summary(ordinary.message().as_bytes())


def test_a_title_with_a_newline_written_past_save_gives_a_one_line_subject_and_is_sent():
    from articles.models import Article

    SubscriberFactory(confirmed=True, email="anna@example.se")
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(title="Första raden\r\nBcc: alla@example.se\x0bslut")
    services.article_fan_out(article_id=article.pk)

    report = services.notices_deliver()

    assert report.sent == 1
    parsed = email.message_from_bytes(mail.outbox[0].message().as_bytes(), policy=email.policy.default)
    assert str(parsed["Subject"]).strip() == "Nyhet från VästKom: Första raden Bcc: alla@example.se slut"
    assert parsed["Bcc"] is None
