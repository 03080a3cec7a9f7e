"""Background work (Django's task API). ``manage.py db_worker`` runs these in production;
the local demo and the tests run them at once (ImmediateBackend)."""

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from subscriptions import services
from subscriptions.account_mail import account_email_send  # noqa: F401 - queued rows name this path
from vastkom.core.workers import task_already_scheduled

logger = logging.getLogger(__name__)


def backend_can_defer(task_obj) -> bool:
    return task_obj.get_backend().supports_defer


@task()
def notices_deliver_task() -> dict:
    """Send what is due in the outbox; schedule itself again for whatever falls due later
    (retries, a mail server that was away, a claim whose lease runs out), unless a run is
    scheduled for then already. So delivery carries on without cron."""
    report = services.notices_deliver()
    if backend_can_defer(notices_deliver_task):
        next_due = services.notices_next_retry()
        if next_due is not None:
            run_after = max(next_due, timezone.now())
            if not task_already_scheduled(notices_deliver_task, run_before=run_after + dt.timedelta(seconds=1)):
                notices_deliver_task.using(run_after=run_after).enqueue()
    return report.__dict__


@task()
def article_fan_out_task(*, article_id: int) -> int:
    """When an article goes live: fill the outbox, then start the delivery."""
    queued = services.article_fan_out(article_id=article_id)
    if queued:
        notices_deliver_task.enqueue()
    return queued


@task()
def subscriptions_sweep_task() -> dict:
    """Belt and braces (run it every few minutes): unfinished fan-outs and due notices."""
    articles = services.articles_due_fan_out()
    report = services.notices_deliver()
    return {"articles": articles, **report.__dict__}


@task()
def weekly_digest_task(*, week: str) -> int:
    queued = services.digest_fan_out(week=dt.date.fromisoformat(week))
    if queued:
        notices_deliver_task.enqueue()
    return queued


@task()
def purge_unconfirmed_task() -> int:
    return services.subscribers_purge_unconfirmed()
