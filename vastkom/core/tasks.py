"""The kernel's background work (Django's task API; ``manage.py db_worker`` runs it)."""

from django_tasks import task

from vastkom.core.reviewdates import review_reminders_send


@task()
def review_reminders_task() -> dict:
    """The weekly review reminders (queued by ``manage.py review_reminders --enqueue``)."""
    return review_reminders_send().__dict__
