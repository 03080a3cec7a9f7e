"""Subscriptions: every multi-step write, in one place.

Flows (sign-up, confirm, manage, unsubscribe, erase, purge) and the outbox (fan-out and
delivery). Views and tasks only call these. E-mail always leaves through a task queued
after commit, so an answer page never waits for, or reveals anything by, the mail server.
"""

import datetime as dt
import logging
import smtplib
import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db import connection as db_connection
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from articles.models import Article
from subscriptions import conf
from subscriptions.account_mail import account_email_send
from subscriptions.consent import CONSENT_TEXT, CONSENT_VERSION
from subscriptions.mail import NoticeRenderer, week_bounds
from subscriptions.models import (
    ConsentMethod,
    Dispatch,
    Frequency,
    Notice,
    NoticeKind,
    NoticeStatus,
    State,
    Subscriber,
    SubscriberTopic,
    new_key,
)
from subscriptions.privacy import mask_email
from subscriptions.tokens import TokenProblem, confirm_token_read
from topics.models import Topic, topic_ids_with_ancestors
from vastkom.core.privacy import mask_addresses
from vastkom.core.workers import DATABASE_DOWN, current_worker_id, with_database_patience, workers_dead

logger = logging.getLogger(__name__)

FAN_OUT_CHUNK = 2000


# --- Sign-up, confirm, manage ---------------------------------------------------------


def subscriber_find(*, email: str) -> Subscriber | None:
    """The subscriber with this address, whatever its case (uses the unique index)."""
    return Subscriber.objects.alias(email_lower=Lower("email")).filter(email_lower=email.strip().lower()).first()


def _mail_later(kind: str, subscriber: Subscriber) -> None:
    subscriber_id = subscriber.pk
    transaction.on_commit(lambda: account_email_send.enqueue(subscriber_id=subscriber_id, kind=kind))


def _topics_set(subscriber: Subscriber, topics: Iterable[Topic]) -> None:
    SubscriberTopic.objects.filter(subscriber=subscriber).delete()
    SubscriberTopic.objects.bulk_create([SubscriberTopic(subscriber=subscriber, topic=t) for t in topics])


def subscription_request(*, email: str, follows_all: bool, topics: Iterable[Topic], frequency: Frequency) -> None:
    """A sign-up from the form. Returns nothing on purpose: the caller learns nothing.

    New, pending or earlier unsubscribed: the choices are stored as pending and a
    confirmation link is mailed. Already confirmed: nothing changes (only the owner may
    change choices, through the personal link) and a "you already subscribe" mail goes out.
    """
    email = email.strip()
    topics = [] if follows_all else list(topics)
    now = timezone.now()
    with transaction.atomic():
        subscriber = subscriber_find(email=email)
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(
                        email=email,
                        follows_all=follows_all,
                        frequency=frequency,
                        requested_at=now,
                        consent_version=CONSENT_VERSION,
                        consent_text=CONSENT_TEXT,
                    )
                    _topics_set(subscriber, topics)
                    _mail_later("confirm", subscriber)
                    logger.info("Subscription requested by %s (new)", mask_email(email))
                    return
            except IntegrityError:
                # A concurrent sign-up of the same address won: treat ours as a repeat.
                subscriber = subscriber_find(email=email)
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.state == State.CONFIRMED:
            _mail_later("already", subscriber)
            logger.info("Subscription requested by %s (already confirmed)", mask_email(email))
            return
        Subscriber.objects.filter(pk=subscriber.pk).update(
            state=State.PENDING,
            follows_all=follows_all,
            frequency=frequency,
            confirm_nonce=new_key(),
            requested_at=now,
            consent_version=CONSENT_VERSION,
            consent_text=CONSENT_TEXT,
            updated_at=now,
        )
        _topics_set(subscriber, topics)
        _mail_later("confirm", subscriber)
        logger.info("Subscription requested by %s (was %s)", mask_email(email), subscriber.state)


def subscription_confirm(*, token: str) -> Subscriber:
    """Confirm a sign-up and record the consent. Raises ``TokenProblem`` (nothing changes)."""
    subscriber = confirm_token_read(token)
    now = timezone.now()
    changed = Subscriber.objects.filter(
        pk=subscriber.pk, state=State.PENDING, confirm_nonce=subscriber.confirm_nonce
    ).update(
        state=State.CONFIRMED,
        confirm_nonce="",
        confirmed_at=now,
        consent_at=now,
        consent_method=ConsentMethod.WEB_FORM,
        unsubscribed_at=None,
        updated_at=now,
    )
    if not changed:
        raise TokenProblem("used")
    logger.info("Subscription confirmed by %s", mask_email(subscriber.email))
    subscriber.refresh_from_db()
    return subscriber


def subscription_update(
    *, subscriber: Subscriber, follows_all: bool, topics: Iterable[Topic], frequency: Frequency
) -> None:
    """New choices from the personal page."""
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk).update(
            follows_all=follows_all, frequency=frequency, updated_at=timezone.now()
        )
        _topics_set(subscriber, [] if follows_all else topics)
    logger.info("Subscription changed by %s", mask_email(subscriber.email))


def subscription_unsubscribe(*, subscriber: Subscriber) -> bool:
    """Stop all news at once; True if this call did it (a repeat changes nothing).

    Notices already in the outbox are not sent: delivery checks the state first.
    """
    now = timezone.now()
    changed = (
        Subscriber.objects.filter(pk=subscriber.pk)
        .exclude(state=State.UNSUBSCRIBED)
        .update(state=State.UNSUBSCRIBED, unsubscribed_at=now, confirm_nonce="", updated_at=now)
    )
    if changed:
        logger.info("Unsubscribed: %s", mask_email(subscriber.email))
    return bool(changed)


def subscriber_erase(*, subscriber: Subscriber) -> None:
    """Delete everything we hold about this person: the row, topics and outbox rows."""
    masked = mask_email(subscriber.email)
    Subscriber.objects.filter(pk=subscriber.pk).delete()
    logger.info("Subscriber erased: %s", masked)


def manage_link_request(*, email: str) -> None:
    """ "I lost the e-mail": mail the personal link if the address is known. Returns nothing."""
    subscriber = subscriber_find(email=email)
    if subscriber is not None:
        _mail_later("manage", subscriber)
    logger.info("Manage link requested for %s", mask_email(email))


def subscriber_export(*, subscriber: Subscriber) -> dict:
    """All we hold about one person, for them or a regulator (the admin's export)."""

    def iso(value):
        return value.isoformat() if value else None

    return {
        "email": subscriber.email,
        "state": subscriber.state,
        "follows_all": subscriber.follows_all,
        "topics": [t.title for t in subscriber.topics.order_by("title")],
        "frequency": subscriber.frequency,
        "requested_at": iso(subscriber.requested_at),
        "confirmed_at": iso(subscriber.confirmed_at),
        "unsubscribed_at": iso(subscriber.unsubscribed_at),
        "consent": {
            "version": subscriber.consent_version,
            "text": subscriber.consent_text,
            "method": subscriber.consent_method,
            "at": iso(subscriber.consent_at),
        },
        "notices": [
            {
                "article": str(n.article) if n.article_id else None,
                "week": iso(n.week),
                "status": n.status,
                "sent_at": iso(n.sent_at),
            }
            for n in subscriber.notices.select_related("article").order_by("created_at")
        ],
    }


def subscribers_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Delete sign-ups never confirmed within ``conf.pending_retention()``; how many."""
    cutoff = (now or timezone.now()) - conf.pending_retention()
    _, per_model = Subscriber.objects.filter(state=State.PENDING, requested_at__lt=cutoff).delete()
    count = per_model.get(Subscriber._meta.label, 0)
    logger.info("Purged %d unconfirmed sign-ups requested before %s", count, cutoff.isoformat())
    return count


# --- The outbox: fan-out ----------------------------------------------------------------


def article_is_news(*, article: Article, now: dt.datetime | None = None) -> bool:
    """Whether an article is visible and new enough to send out.

    "New enough": first published within ``conf.notice_window()``. An old article that is
    edited, or unpublished and published again, is not news and never notifies anyone.
    """
    now = now or timezone.now()
    if not Article.objects.published(now).filter(pk=article.pk).exists():
        return False
    return article.published_at is not None and article.published_at >= now - conf.notice_window()


def _outbox_fill(subscribers, make_notice) -> int:
    """Insert one outbox row per subscriber, streaming ids in chunks (flat memory).

    Conflicts with rows already there are ignored: a second or concurrent run adds nothing.
    """
    queued, last_id = 0, 0
    while True:
        ids = list(subscribers.filter(pk__gt=last_id).order_by("pk").values_list("pk", flat=True)[:FAN_OUT_CHUNK])
        if not ids:
            return queued
        Notice.objects.bulk_create([make_notice(i) for i in ids], ignore_conflicts=True)
        queued += len(ids)
        last_id = ids[-1]


def article_fan_out(*, article_id: int, now: dt.datetime | None = None) -> int:
    """Queue one notice per confirmed "each article" subscriber who follows the article.

    Safe to run any number of times, at once on several machines, or again after a crash:
    the ``Dispatch`` row says whether it is finished, the outbox's unique constraint keeps
    one row per (article, subscriber). Returns how many subscribers were considered.
    """
    now = now or timezone.now()
    article = Article.objects.filter(pk=article_id).first()
    if article is None or not article_is_news(article=article, now=now):
        return 0
    dispatch, _ = Dispatch.objects.get_or_create(article=article, defaults={"started_at": now})
    if dispatch.fanned_out_at is not None:
        return 0
    topic_ids = topic_ids_with_ancestors(article.topics.values_list("pk", flat=True))
    subscribers = Subscriber.objects.confirmed().filter(frequency=Frequency.IMMEDIATE).following(topic_ids)
    queued = _outbox_fill(
        subscribers,
        lambda subscriber_id: Notice(
            kind=NoticeKind.ARTICLE,
            article_id=article.pk,
            subscriber_id=subscriber_id,
            created_at=now,
            next_attempt_at=now,
        ),
    )
    Dispatch.objects.filter(pk=dispatch.pk, fanned_out_at__isnull=True).update(fanned_out_at=timezone.now())
    logger.info("Article %s fanned out to %d subscribers", article.pk, queued)
    return queued


def articles_due_fan_out(*, now: dt.datetime | None = None) -> int:
    """Fan out every visible, recent article whose fan-out has not finished (the sweep).

    Catches what a lost or crashed task left: a scheduled article whose task never ran, a
    fan-out killed half-way. Returns the number of articles handled.
    """
    now = now or timezone.now()
    due = (
        Article.objects.published(now)
        .filter(published_at__gte=now - conf.notice_window())
        .filter(Q(dispatch__isnull=True) | Q(dispatch__fanned_out_at__isnull=True))
        .values_list("pk", flat=True)
    )
    ids = list(due)
    for article_id in ids:
        article_fan_out(article_id=article_id, now=now)
    return len(ids)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def digest_fan_out(*, week: dt.date, now: dt.datetime | None = None) -> int:
    """Queue the weekly summary of ``week`` (a Monday) for weekly subscribers with news in it."""
    week = week_start(week)
    start, end = week_bounds(week)
    articles = Article.objects.published(now).filter(published_at__gte=start, published_at__lt=end)
    if not articles.exists():
        return 0
    topic_ids = topic_ids_with_ancestors(articles.filter(topics__isnull=False).values_list("topics", flat=True))
    subscribers = Subscriber.objects.confirmed().filter(frequency=Frequency.WEEKLY).following(topic_ids)
    created = now or timezone.now()
    queued = _outbox_fill(
        subscribers,
        lambda subscriber_id: Notice(
            kind=NoticeKind.DIGEST,
            week=week,
            subscriber_id=subscriber_id,
            created_at=created,
            next_attempt_at=created,
        ),
    )
    logger.info("Weekly summary for %s queued for %d subscribers", week, queued)
    return queued


# --- The outbox: delivery ---------------------------------------------------------------


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    cancelled: int = 0
    server_unavailable: bool = False


def _error_text(exc: BaseException) -> str:
    """The error for the admin, with any e-mail address masked."""
    return mask_addresses(f"{type(exc).__name__}: {exc}")[:1000]


def notices_claim(*, batch_size: int, now: dt.datetime | None = None, claimant: str | None = None) -> list[Notice]:
    """Take up to ``batch_size`` due notices for this worker.

    Due: pending and its time has come; or claimed, and the claim is free: its lease ran
    out, or the worker holding it is known to be dead (``vastkom.core.workers``), so a
    restarted worker resumes its predecessor's batch at once. ``SKIP LOCKED`` lets workers
    on several machines take disjoint batches at once.
    """
    now = now or timezone.now()
    claimant = claimant or current_worker_id()
    free_claim = Q(claimed_until__lt=now)
    if dead := workers_dead(now=now):
        free_claim |= Q(claimed_by__in=dead)
    due = Q(status=NoticeStatus.PENDING, next_attempt_at__lte=now) | (Q(status=NoticeStatus.SENDING) & free_claim)
    with transaction.atomic():
        ids = list(
            Notice.objects.select_for_update(skip_locked=True)
            .filter(due)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return []
        Notice.objects.filter(pk__in=ids).update(
            status=NoticeStatus.SENDING,
            claimed_until=now + conf.claim_lease(),
            claimed_by=claimant,
            attempts=F("attempts") + 1,
        )
    return list(Notice.objects.filter(pk__in=ids).select_related("subscriber").order_by("pk"))


def _claims_renew(ids: list[int], claimant: str) -> set[int]:
    """Extend this claimant's lease on ``ids``; the ids that are still its own."""
    mine = Notice.objects.filter(pk__in=ids, status=NoticeStatus.SENDING, claimed_by=claimant)
    mine.update(claimed_until=timezone.now() + conf.claim_lease())
    return set(mine.values_list("pk", flat=True))


def _notice_cancel(notice: Notice, reason: str, report: DeliveryReport) -> None:
    Notice.objects.filter(pk=notice.pk).update(
        status=NoticeStatus.CANCELLED, claimed_until=None, claimed_by="", last_error=reason
    )
    report.cancelled += 1


def _notice_failed(notice: Notice, exc: BaseException, report: DeliveryReport) -> None:
    now = timezone.now()
    error = _error_text(exc)
    if notice.attempts >= conf.max_attempts():
        Notice.objects.filter(pk=notice.pk).update(
            status=NoticeStatus.FAILED, claimed_until=None, claimed_by="", last_error=error
        )
        report.failed += 1
        logger.error("Notice %s to %s failed for good: %s", notice.pk, mask_email(notice.subscriber.email), error)
    else:
        Notice.objects.filter(pk=notice.pk).update(
            status=NoticeStatus.PENDING,
            claimed_until=None,
            claimed_by="",
            last_error=error,
            next_attempt_at=now + conf.retry_delay(notice.attempts),
        )
        report.retrying += 1
        logger.warning("Notice %s to %s failed, will retry: %s", notice.pk, mask_email(notice.subscriber.email), error)


def _notices_release(tried: Notice | None, untried: list[int], exc: BaseException, report: DeliveryReport) -> None:
    """The mail server is unreachable: give the batch back, due again after a short wait.

    Only the notice that met the outage counts the attempt; the rest were never tried.
    """
    error = _error_text(exc)
    retry_at = timezone.now() + conf.server_retry_delay()
    released = {"status": NoticeStatus.PENDING, "claimed_until": None, "claimed_by": "", "next_attempt_at": retry_at}
    if tried is not None:
        Notice.objects.filter(pk=tried.pk, status=NoticeStatus.SENDING).update(last_error=error, **released)
    if untried:
        Notice.objects.filter(pk__in=untried, status=NoticeStatus.SENDING).update(
            last_error=error, attempts=F("attempts") - 1, **released
        )
    report.retrying += len(untried) + (tried is not None)
    report.server_unavailable = True
    logger.warning("Mail server unavailable, %d notices wait %s: %s", report.retrying, conf.server_retry_delay(), error)


def server_unavailable(exc: BaseException) -> bool:
    """Whether an error says the mail server is away (rather than that one message was refused)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return bool(exc.recipients) and all(code == 421 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code == 421 or isinstance(exc, smtplib.SMTPAuthenticationError | smtplib.SMTPHeloError)
    if isinstance(exc, smtplib.SMTPServerDisconnected | smtplib.SMTPNotSupportedError):
        return True
    if isinstance(exc, smtplib.SMTPException):
        return False
    return isinstance(exc, OSError)


def _reconnect(connection) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - the connection is broken already; open a new one
        connection.connection = None
    try:
        connection.open()
    except Exception:  # noqa: BLE001 - the next send tries again and records the error
        logger.warning("Could not reopen the mail connection")


def notices_deliver(*, batch_size: int = 200, connection=None, max_batches: int | None = None) -> DeliveryReport:
    """Send due outbox notices over one reused mail connection until none are due.

    Each row is marked sent right after the mail server accepted it, so a crash leaves at
    most the one message in flight to be sent again; every other row is either sent (and
    never again) or still due (and never skipped). When the mail server is away, the batch
    goes back to the outbox and the run ends (``report.server_unavailable``). When the
    database is away, every write waits for it (``conf.database_patience()``), so what was
    sent is recorded once it is back.
    """
    renderer = NoticeRenderer()
    connection = connection or get_connection()
    report = DeliveryReport()
    claimant = current_worker_id()
    patience = conf.database_patience()
    opened, batches = False, 0
    with _commits_without_disk_wait():
        try:
            while max_batches is None or batches < max_batches:
                notices = with_database_patience(
                    notices_claim, batch_size=batch_size, claimant=claimant, patience=patience
                )
                if not notices:
                    break
                batches += 1
                if not opened:
                    try:
                        connection.open()
                    except Exception as exc:  # noqa: BLE001 - any failure to connect: the server is away
                        with_database_patience(
                            _notices_release,
                            None,
                            [n.pk for n in notices],
                            exc,
                            report,
                            patience=patience,
                        )
                        break
                    opened = True
                if not _batch_deliver(notices, renderer, connection, report, claimant):
                    break
        finally:
            if opened:
                try:
                    connection.close()
                except Exception:  # noqa: BLE001 - all rows are recorded; a failed QUIT changes nothing
                    logger.warning("Closing the mail connection failed")
    return report


def _batch_deliver(notices, renderer, connection, report: DeliveryReport, claimant: str) -> bool:
    """Send one claimed batch; False when the run should stop (the mail server is away)."""
    patience = conf.database_patience()
    renew_every = conf.claim_lease().total_seconds() / 4
    renewed = time.monotonic()
    pending = list(notices)
    while pending:
        if time.monotonic() - renewed > renew_every:
            ids = [n.pk for n in pending]
            mine = with_database_patience(_claims_renew, ids, claimant, patience=patience)
            pending = [n for n in pending if n.pk in mine]
            renewed = time.monotonic()
            if not pending:
                break
        notice = pending.pop(0)
        trouble = _notice_deliver(notice, renderer, connection, report)
        if trouble is not None:
            untried = [n.pk for n in pending]
            with_database_patience(_notices_release, notice, untried, trouble, report, patience=patience)
            return False
    return True


def _notice_deliver(notice: Notice, renderer: NoticeRenderer, connection, report: DeliveryReport):
    """Send one notice and record the outcome; the error if the mail server is away."""
    patience = conf.database_patience()
    if notice.subscriber.state != State.CONFIRMED:
        with_database_patience(_notice_cancel, notice, "Prenumerationen är inte aktiv.", report, patience=patience)
        return None
    try:
        message = renderer.message(notice)
        if message is None:
            reason = "Inget att skicka: nyheten är inte publicerad."
            with_database_patience(_notice_cancel, notice, reason, report, patience=patience)
            return None
        message.connection = connection
        connection.send_messages([message])
    except Exception as exc:  # noqa: BLE001 - any failure is recorded on the row and retried
        if server_unavailable(exc):
            _reconnect(connection)
            return exc
        with_database_patience(_notice_failed, notice, exc, report, patience=patience)
        _reconnect(connection)
        return None
    # The server has the message: wait out a database restart rather than send it twice.
    with_database_patience(_notice_mark_sent, notice.pk, patience=patience)
    report.sent += 1
    return None


def _notice_mark_sent(notice_id: int) -> None:
    """Record one accepted message, committed before the next is sent (autocommit)."""
    # One short statement per e-mail: it is on the hot path of every fan-out.
    with db_connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Notice._meta.db_table} SET status = %s, sent_at = %s, claimed_until = NULL, claimed_by = '',"
            " last_error = '' WHERE id = %s",
            [NoticeStatus.SENT.value, timezone.now(), notice_id],
        )


@contextmanager
def _commits_without_disk_wait():
    """On PostgreSQL, commits in this block do not wait for the disk (``synchronous_commit``).

    A killed worker loses nothing (its commits are already in the server); only a crash of
    the database server itself could forget the last fraction of a second, whose notices
    would then be sent again. It is what lets one worker record hundreds of sends a second
    instead of waiting for one fsync per e-mail.
    """
    postgres = db_connection.vendor == "postgresql" and not db_connection.in_atomic_block
    if postgres:
        with db_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        if postgres:
            try:
                with db_connection.cursor() as cursor:
                    cursor.execute("RESET synchronous_commit")
            except DATABASE_DOWN:  # a new connection (after a database restart) has the default
                db_connection.close()


def notices_next_retry() -> dt.datetime | None:
    """When the earliest pending notice falls due, or a claim's lease runs out (to schedule
    the next delivery)."""
    pending = Notice.objects.filter(status=NoticeStatus.PENDING).order_by("next_attempt_at").first()
    claimed = Notice.objects.filter(status=NoticeStatus.SENDING).order_by("claimed_until").first()
    times = [pending.next_attempt_at if pending else None, claimed.claimed_until if claimed else None]
    times = [t for t in times if t is not None]
    return min(times) if times else None
