"""Task workers that recover by themselves, without cron.

Each ``manage.py db_worker`` (ours, ``vastkom/core/management/commands/db_worker.py``) keeps a
``WorkerHeartbeat`` row fresh from a thread of its own. A worker is dead when its row is
older than ``WORKER_STALE_SECONDS`` (another machine's worker, after at most that long) or,
on the same machine, when its process no longer exists (found at once, so a worker restarted
by systemd after a SIGKILL picks up its predecessor's work on its first round).

* ``tasks_requeue_orphaned`` puts tasks a dead worker left RUNNING back to READY; a task that
  has killed ``MAX_RUNS`` workers is marked FAILED instead of killing more.
* ``workers_dead`` tells any other claimant (the outbox's ``notices_claim``) whose claims
  are free to take.

Processes that are not workers (cron's ``subscriptions_send``, a request) claim under an id
without a heartbeat row; their claims come free when their lease runs out.
"""

import datetime as dt
import logging
import os
import secrets
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Errors that mean "the database is not reachable now", not "this statement is wrong".
DATABASE_DOWN = (OperationalError, InterfaceError)

MAX_RUNS = 5
LEGACY_GRACE = dt.timedelta(minutes=15)  # RUNNING under a worker that never had a heartbeat row


def heartbeat_seconds() -> float:
    return float(getattr(settings, "WORKER_HEARTBEAT_SECONDS", 5))


def stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=float(getattr(settings, "WORKER_STALE_SECONDS", 30)))


class WorkerHeartbeat(models.Model):
    """A running task worker: where it runs and when it last said it is alive."""

    worker_id = models.CharField(_("arbetarens id"), max_length=64, unique=True)
    hostname = models.CharField(_("maskin"), max_length=255)
    pid = models.PositiveIntegerField(_("process-id"))
    started_at = models.DateTimeField(_("startad"), default=timezone.now)
    seen_at = models.DateTimeField(_("senast sedd"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-seen_at"]
        verbose_name = _("bakgrundsarbetare")
        verbose_name_plural = _("bakgrundsarbetare")

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


_process_worker_id: str | None = None


def current_worker_id() -> str:
    """The id this process claims work under (the worker's own when it is a worker)."""
    global _process_worker_id
    if _process_worker_id is None:
        _process_worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{secrets.token_hex(4)}"
    return _process_worker_id


def set_current_worker_id(worker_id: str) -> None:
    global _process_worker_id
    _process_worker_id = worker_id


def heartbeat_beat(worker_id: str) -> None:
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={"hostname": socket.gethostname()[:255], "pid": os.getpid(), "started_at": now, "seen_at": now},
        )


def heartbeat_end(worker_id: str) -> None:
    try:
        WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
    except DatabaseError:
        logger.warning("Could not remove this worker's heartbeat; it goes stale by itself")


class Heartbeat(threading.Thread):
    """Keeps one worker's row fresh; survives a database restart (it just tries again)."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()
        self.failing = False

    def run(self):
        while not self.stopping.wait(heartbeat_seconds()):
            try:
                heartbeat_beat(self.worker_id)
                if self.failing:
                    logger.warning("Heartbeat written again")
                self.failing = False
            except DatabaseError as exc:
                if not self.failing:
                    logger.warning("Heartbeat not written (database unreachable?): %s", type(exc).__name__)
                self.failing = True
                connection.close()
        connection.close()

    def stop(self):
        self.stopping.set()
        self.join(timeout=heartbeat_seconds() + 5)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our pid under another worker id: an earlier life of this process slot
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def workers_dead(*, now: dt.datetime | None = None) -> set[str]:
    """Ids of workers known to be dead: stale heartbeat, or a vanished process on this machine."""
    now = now or timezone.now()
    stale = now - stale_after()
    host = socket.gethostname()[:255]
    mine = _process_worker_id
    dead = set()
    for worker_id, hostname, pid, seen_at in WorkerHeartbeat.objects.values_list(
        "worker_id", "hostname", "pid", "seen_at"
    ):
        if worker_id == mine:
            continue
        if seen_at < stale or (hostname == host and not _process_alive(pid)):
            dead.add(worker_id)
    return dead


def tasks_requeue_orphaned(*, now: dt.datetime | None = None) -> int:
    """Tasks left RUNNING by dead workers run again; how many were put back.

    Every task of ours may run twice (fan-out and delivery are idempotent; an account e-mail
    may go out twice, the documented one-message window).
    """
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    dead = workers_dead(now=now)
    known = set(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
    requeue, give_up = [], []
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for pk, worker_ids, started_at in running.values_list("pk", "worker_ids", "started_at"):
        last = worker_ids[-1] if worker_ids else None
        if last == _process_worker_id:
            continue
        orphaned = last in dead or (last not in known and (started_at is None or started_at < now - LEGACY_GRACE))
        if orphaned:
            (give_up if len(worker_ids) >= MAX_RUNS else requeue).append(pk)
    if requeue:
        DBTaskResult.objects.filter(pk__in=requeue, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
        logger.warning("Re-queued %d task(s) left running by a worker that died", len(requeue))
    if give_up:
        DBTaskResult.objects.filter(pk__in=give_up, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path="vastkom.core.workers.WorkerDied",
            traceback=f"WorkerDied: {MAX_RUNS} workers died running this task; it is not run again.",
        )
        logger.error("Gave up %d task(s) that %d workers died running", len(give_up), MAX_RUNS)
    WorkerHeartbeat.objects.filter(seen_at__lt=now - dt.timedelta(days=1)).delete()
    return len(requeue)


def with_database_patience(write, *args, patience: float, **kwargs):
    """``write(*args, **kwargs)``, tried again while the database is unreachable, for up to ``patience`` seconds.

    For statements outside a transaction (autocommit), or whole ``atomic`` blocks: a
    PostgreSQL restart then costs a wait, not the process or the record of what was done.
    """
    import time

    deadline = time.monotonic() + patience
    wait = 0.5
    while True:
        try:
            return write(*args, **kwargs)
        except DATABASE_DOWN as exc:
            if connection.in_atomic_block or time.monotonic() >= deadline:
                raise
            logger.warning("Database unreachable (%s); trying again in %.1f s", type(exc).__name__, wait)
            try:
                connection.close()
            except DatabaseError:
                pass
            time.sleep(wait)
            wait = min(wait * 2, 5.0)


def task_already_scheduled(task_obj, *, run_before: dt.datetime) -> bool:
    """Whether a READY run of ``task_obj`` (database backend) is due no later than ``run_before``.

    Lets a task that schedules itself again skip it when another run already will.
    """
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    backend = task_obj.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        task_path=task_obj.module_path,
        backend_name=backend.alias,
        status=TaskResultStatus.READY,
        run_after__lte=run_before,
    ).exists()
