"""The e-mails: what they say and the headers they carry.

Every e-mail carries the subscriber's personal link. News e-mails (one article, or the
weekly summary) also carry ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` (RFC 8058),
so a mail program can unsubscribe with one click by a POST to the same personal URL.
"""

import datetime as dt
from email.utils import formatdate, make_msgid

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import Article
from subscriptions import conf
from subscriptions.models import Notice, NoticeKind, Subscriber
from subscriptions.tokens import confirm_token_make, manage_token_make
from vastkom.core.controlchars import single_line
from vastkom.core.siteurl import site_url

# Rendered once per article; the personal token replaces this in each copy.
TOKEN_PLACEHOLDER = "PERSONLIG-NYCKEL"
TO_PLACEHOLDER = "mottagare@platshallare.invalid"
MESSAGE_ID_PLACEHOLDER = "<meddelande-id@platshallare.invalid>"
DATE_PLACEHOLDER = "Mon, 01 Jan 2001 00:00:00 -0000"


class RawMIME:
    """A finished message as bytes: what ``EmailMessage.message()`` returns for backends."""

    def __init__(self, data: bytes):
        self.data = data

    def as_bytes(self, unixfrom=False, linesep="\n"):
        return self.data if linesep == "\n" else self.data.replace(b"\n", linesep.encode())

    def as_string(self, unixfrom=False, linesep="\n"):
        return self.as_bytes(linesep=linesep).decode("utf-8", "replace")

    def get_charset(self):
        return None


class PreparedEmail(EmailMultiAlternatives):
    """One copy of a news e-mail whose MIME was built once for all copies.

    Building MIME with Python's ``email`` package costs more than sending it; a fan-out
    builds it once per article and makes each copy by replacing the address, the personal
    token, ``Message-ID`` and ``Date`` in the bytes. ``body``, ``alternatives`` and
    ``extra_headers`` are still set, so the object reads like any other message.
    """

    raw: bytes | None = None

    def message(self):
        return RawMIME(self.raw) if self.raw is not None else super().message()


def absolute(path: str) -> str:
    return f"{site_url()}{path}"


def manage_url(token: str) -> str:
    return absolute(reverse("subscriptions:manage", kwargs={"token": token}))


def unsubscribe_url(token: str) -> str:
    return absolute(reverse("subscriptions:one-click", kwargs={"token": token}))


def news_headers(token: str) -> dict:
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(token)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": "VastKom nyheter <nyheter.vastkom.se>",
        "Auto-Submitted": "auto-generated",
    }


def confirm_message(subscriber: Subscriber) -> EmailMessage:
    confirm_url = absolute(
        reverse("subscriptions:confirm", kwargs={"token": confirm_token_make(subscriber=subscriber)})
    )
    body = render_to_string(
        "subscriptions/email/confirm.txt",
        {
            "confirm_url": confirm_url,
            "days": conf.confirm_max_age().days,
            "manage_url": manage_url(manage_token_make(subscriber=subscriber)),
            "site_url": site_url(),
        },
    )
    return EmailMessage(subject=_("Bekräfta din prenumeration på VästKoms nyheter"), body=body, to=[subscriber.email])


def already_message(subscriber: Subscriber) -> EmailMessage:
    body = render_to_string(
        "subscriptions/email/already.txt",
        {"manage_url": manage_url(manage_token_make(subscriber=subscriber)), "site_url": site_url()},
    )
    return EmailMessage(subject=_("Du prenumererar redan på VästKoms nyheter"), body=body, to=[subscriber.email])


def manage_link_message(subscriber: Subscriber) -> EmailMessage:
    body = render_to_string(
        "subscriptions/email/manage_link.txt",
        {"manage_url": manage_url(manage_token_make(subscriber=subscriber)), "site_url": site_url()},
    )
    return EmailMessage(
        subject=_("Din länk för att ändra eller avsluta prenumerationen"), body=body, to=[subscriber.email]
    )


class NoticeRenderer:
    """Builds outbox e-mails. An article's text is rendered once and reused for every copy."""

    def __init__(self):
        self._article_parts: dict[int, tuple[str, str, str] | None] = {}

    def _article(self, article_id: int):
        if article_id not in self._article_parts:
            article = Article.objects.published().filter(pk=article_id).first()
            if article is None:
                self._article_parts[article_id] = None
            else:
                context = {
                    "article": article,
                    "article_url": absolute(article.get_absolute_url()),
                    "manage_url": manage_url(TOKEN_PLACEHOLDER),
                    "unsubscribe_url": unsubscribe_url(TOKEN_PLACEHOLDER),
                    "site_url": site_url(),
                }
                # One line whatever the row holds: a line break in a header is refused (BadHeaderError).
                subject = _("Nyhet från VästKom: %(title)s") % {"title": single_line(article.title)}
                text = render_to_string("subscriptions/email/article.txt", context)
                html = render_to_string("subscriptions/email/article.html", context)
                self._article_parts[article_id] = (subject, text, html, self._raw_template(subject, text, html))
        return self._article_parts[article_id]

    @staticmethod
    def _raw_template(subject: str, text: str, html: str) -> bytes | None:
        """The MIME bytes with placeholders, or ``None`` if a placeholder did not survive
        verbatim (then each copy is built the ordinary way)."""
        headers = news_headers(TOKEN_PLACEHOLDER) | {"Message-ID": MESSAGE_ID_PLACEHOLDER, "Date": DATE_PLACEHOLDER}
        template = EmailMultiAlternatives(subject=subject, body=text, to=[TO_PLACEHOLDER], headers=headers)
        template.attach_alternative(html, "text/html")
        raw = template.message().as_bytes()
        expected = {TO_PLACEHOLDER: 1, MESSAGE_ID_PLACEHOLDER: 1, DATE_PLACEHOLDER: 1, TOKEN_PLACEHOLDER: 5}
        if any(raw.count(key.encode()) != n for key, n in expected.items()):
            return None
        return raw

    def message(self, notice: Notice) -> EmailMultiAlternatives | None:
        """The e-mail for one outbox row; ``None`` when there is nothing to send any more
        (the article was unpublished, the week has no articles for this subscriber)."""
        subscriber = notice.subscriber
        token = manage_token_make(subscriber=subscriber)
        if notice.kind == NoticeKind.ARTICLE:
            parts = self._article(notice.article_id)
            if parts is None:
                return None
            subject, text, html, raw = parts
            message = PreparedEmail(
                subject=subject,
                body=text.replace(TOKEN_PLACEHOLDER, token),
                to=[subscriber.email],
                headers=news_headers(token),
            )
            message.attach_alternative(html.replace(TOKEN_PLACEHOLDER, token), "text/html")
            if raw is not None and subscriber.email.isascii():
                message.raw = (
                    raw.replace(TOKEN_PLACEHOLDER.encode(), token.encode())
                    .replace(TO_PLACEHOLDER.encode(), subscriber.email.encode())
                    .replace(MESSAGE_ID_PLACEHOLDER.encode(), make_msgid(domain=DNS_NAME).encode())
                    .replace(DATE_PLACEHOLDER.encode(), formatdate(localtime=True).encode())
                )
            return message
        else:
            articles = digest_articles(subscriber=subscriber, week=notice.week)
            if not articles:
                return None
            context = {
                "articles": [(a, absolute(a.get_absolute_url())) for a in articles],
                "week": notice.week,
                "week_number": notice.week.isocalendar().week,
                "manage_url": manage_url(token),
                "unsubscribe_url": unsubscribe_url(token),
                "site_url": site_url(),
            }
            subject = _("Veckans nyheter från VästKom, vecka %(week)s") % {"week": context["week_number"]}
            text = render_to_string("subscriptions/email/digest.txt", context)
            html = render_to_string("subscriptions/email/digest.html", context)
        message = EmailMultiAlternatives(subject=subject, body=text, to=[subscriber.email], headers=news_headers(token))
        message.attach_alternative(html, "text/html")
        return message


def week_bounds(week: dt.date):
    from django.utils import timezone

    start = timezone.make_aware(dt.datetime.combine(week, dt.time.min))
    return start, start + dt.timedelta(days=7)


def digest_articles(*, subscriber: Subscriber, week: dt.date) -> list[Article]:
    """The published articles first published in ``week`` that ``subscriber`` follows."""
    start, end = week_bounds(week)
    articles = Article.objects.published().filter(published_at__gte=start, published_at__lt=end)
    if not subscriber.follows_all:
        articles = articles.filter(topics__in=subscriber.topics.all()).distinct()
    return list(articles.order_by("published_at", "id"))
