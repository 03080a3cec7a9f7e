"""``manage.py db_worker``: django-tasks-db's worker, made to recover by itself.

The same command and options as the library's (this one wins because ``vastkom.core`` comes
before ``django_tasks_db`` in INSTALLED_APPS), and in addition:

* a heartbeat row (``vastkom.core.workers``), written every few seconds from a thread;
* on start and every ``RECOVER_SECONDS`` (10 s), tasks that a dead worker left RUNNING are
  put back to READY: after a SIGKILL, the restarted worker resumes at once, without cron;
* a database that goes away (a PostgreSQL restart, a failover) never ends the process: the
  worker waits, reconnects and carries on, and a task's result is recorded once it can be;
* the stored traceback of a failed task has its e-mail addresses masked.
"""

import logging
import os
import time
from traceback import format_exception

from django.core.management.base import CommandError
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Command as LibraryCommand
from django_tasks_db.management.commands.db_worker import Worker as LibraryWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from vastkom.core import workers
from vastkom.core.privacy import mask_addresses

logger = logging.getLogger("django_tasks_db")

RECOVER_SECONDS = 10
MAX_WAIT = 10  # seconds between tries while the database is away


def set_failed_masked(db_task_result: DBTaskResult, exc: BaseException) -> None:
    """Like ``DBTaskResult.set_failed``, with e-mail addresses masked in the stored traceback."""
    db_task_result.status = TaskResultStatus.FAILED
    db_task_result.finished_at = timezone.now()
    db_task_result.exception_class_path = f"{type(exc).__module__}.{type(exc).__qualname__}"
    db_task_result.traceback = mask_addresses("".join(format_exception(exc)))
    db_task_result.return_value = None
    db_task_result.save(update_fields=["status", "return_value", "finished_at", "exception_class_path", "traceback"])


class RecoveringWorker(LibraryWorker):
    def run(self) -> None:
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        workers.set_current_worker_id(self.worker_id)
        self._until_database(lambda: workers.heartbeat_beat(self.worker_id), "write the first heartbeat")
        heartbeat = workers.Heartbeat(self.worker_id)
        heartbeat.start()
        last_recovery = 0.0
        try:
            while self.running:
                close_old_connections()
                task_result = None
                try:
                    if time.monotonic() - last_recovery >= RECOVER_SECONDS:
                        workers.tasks_requeue_orphaned()
                        last_recovery = time.monotonic()
                    task_result = self._claim()
                except workers.DATABASE_DOWN as exc:
                    self._database_away(exc)
                    continue
                if task_result is not None:
                    self.run_task(task_result)
                elif self.batch:
                    logger.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
                    return
                if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                    logger.info(
                        "Run maximum tasks (%d) on worker=%s - exiting gracefully.", self._run_tasks, self.worker_id
                    )
                    return
                close_old_connections()
                if self.running and task_result is None:
                    time.sleep(self.interval)
        finally:
            heartbeat.stop()
            workers.heartbeat_end(self.worker_id)

    def _claim(self) -> DBTaskResult | None:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
                return task_result
        except workers.DATABASE_DOWN as exc:
            if is_locked_database_exception(exc):  # SQLite busy: try again next round
                return None
            raise

    def _database_away(self, exc: BaseException, wait: float = 1.0) -> float:
        logger.warning("Database unreachable (%s); the worker waits and tries again", type(exc).__name__)
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - the connection is gone already
            pass
        time.sleep(wait)
        return min(wait * 2, MAX_WAIT)

    def _until_database(self, write, what: str) -> None:
        """Run ``write`` (a database write) until the database takes it."""
        wait = 1.0
        while True:
            try:
                return write()
            except workers.DATABASE_DOWN as exc:
                logger.warning("Could not %s yet", what)
                wait = self._database_away(exc, wait)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run one task and record how it went, waiting out a database that is away."""
        self.running_task = True
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                value = task.call(TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs)
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
        except BaseException as exc:  # noqa: BLE001 - recorded on the task's row, as the library does
            self._record_failure(db_task_result, exc)
        else:
            try:
                self._until_database(lambda: db_task_result.set_successful(value), "record a task's result")
            except BaseException as exc:  # noqa: BLE001 - e.g. a value that is not JSON
                self._record_failure(db_task_result, exc)
            else:
                task_finished.send(sender=type(backend_type), task_result=db_task_result.task_result)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def _record_failure(self, db_task_result: DBTaskResult, exc: BaseException) -> None:
        self._until_database(lambda: set_failed_masked(db_task_result, exc), "record a task's failure")
        try:
            task_finished.send(sender=type(db_task_result.task.get_backend()), task_result=db_task_result.task_result)
        except Exception:  # noqa: BLE001 - the task cannot be imported any more
            logger.exception("Task id=%s failed unexpectedly", db_task_result.id)


class Command(LibraryCommand):
    help = (
        "Kör bakgrundsjobben (django-tasks-db) och återhämtar sig själv: jobb som en dödad arbetare "
        "lämnade tas upp igen och en databas som startas om avslutar inte processen."
    )

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        # As the library's handle(), with our worker.
        self.configure_logging(verbosity)
        if reload and batch:
            logger.warning("Warning: --reload and --batch cannot be specified together. Disabling autoreload.")
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = RecoveringWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
