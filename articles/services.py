"""Article side effects, run from the admin's save path (never from ``save()`` or a signal)."""

import logging

from django.db import transaction
from django.utils import timezone

from articles.models import Article
from vastkom.core.publishing import Status

logger = logging.getLogger(__name__)


def article_notify_subscribers(*, article: Article) -> None:
    """After commit, queue the e-mail to subscribers for when the article becomes visible.

    The task runs at ``publish_at`` (now, or the scheduled time) and checks again then, so
    an unpublish or a later reschedule is respected; a rescheduled article queues a new
    task, and the outbox's unique constraint makes extra tasks harmless. Whether the
    article is news at all (first published recently, not yet sent) is decided by
    ``subscriptions.services.article_fan_out``; old articles that are edited never notify.
    """
    from subscriptions.services import article_is_news
    from subscriptions.tasks import article_fan_out_task, backend_can_defer

    if article.status != Status.PUBLISHED:
        return
    now = timezone.now()
    article_id, publish_at = article.pk, article.publish_at
    if publish_at <= now and not article_is_news(article=article, now=now):
        return
    if publish_at > now and not backend_can_defer(article_fan_out_task):
        # The local demo's backend cannot wait; `manage.py subscriptions_send` (cron) does.
        return

    def enqueue():
        task = article_fan_out_task.using(run_after=publish_at) if publish_at > timezone.now() else article_fan_out_task
        task.enqueue(article_id=article_id)

    transaction.on_commit(enqueue)
