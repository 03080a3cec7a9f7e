"""E-mail delivery recovers by itself: a killed worker, a database restart, a mail server away."""

import datetime as dt
import os
import signal
import smtplib
import subprocess
import sys
import time

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from subscriptions import services
from subscriptions.models import Notice, NoticeStatus, Subscriber
from subscriptions.tasks import article_fan_out_task
from tests.articles.factories import ArticleFactory
from tests.processes import Mailbox, mail_env, manage, smtp_server, stop, wait_for
from tests.subscriptions.factories import SubscriberFactory
from vastkom.core import workers
from vastkom.core.management.commands.db_worker import RecoveringWorker

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WORKER_ARGS = ("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2")


def terminate_this_connection():
    """What a PostgreSQL restart does to our connection: the server ends it."""
    pid = connection.connection.get_backend_pid()
    settings = connection.settings_dict
    import psycopg2

    other = psycopg2.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
    )
    try:
        with other, other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


def run_worker(**kwargs):
    """Our db_worker in this process, in batch mode (runs what is due, then returns)."""
    worker = RecoveringWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=kwargs.get("max_tasks"),
        worker_id=kwargs.get("worker_id", "test-worker"),
        excluded_queue_names=[],
    )
    try:
        worker.run()
    finally:
        workers.set_current_worker_id(None)
    return worker


# --- A killed worker ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_task_left_running_by_a_dead_process_on_this_machine_runs_again():
    dead_pid = subprocess.Popen([sys.executable, "-c", "pass"])
    dead_pid.wait()
    workers.WorkerHeartbeat.objects.create(worker_id="killed", hostname=workers.socket.gethostname(), pid=dead_pid.pid)
    with override_settings(TASKS=DATABASE_TASKS):
        result = article_fan_out_task.enqueue(article_id=1)
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING, worker_ids=["killed"])

    assert workers.tasks_requeue_orphaned() == 1
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY


@pytest.mark.django_db
def test_a_task_of_a_live_worker_is_left_alone_and_a_stale_one_is_taken():
    workers.WorkerHeartbeat.objects.create(worker_id="alive", hostname="other-host", pid=1)
    workers.WorkerHeartbeat.objects.create(
        worker_id="silent", hostname="other-host", pid=2, seen_at=timezone.now() - dt.timedelta(minutes=5)
    )
    with override_settings(TASKS=DATABASE_TASKS):
        alive = article_fan_out_task.enqueue(article_id=1)
        silent = article_fan_out_task.enqueue(article_id=2)
    DBTaskResult.objects.filter(pk=alive.id).update(status=TaskResultStatus.RUNNING, worker_ids=["alive"])
    DBTaskResult.objects.filter(pk=silent.id).update(status=TaskResultStatus.RUNNING, worker_ids=["silent"])

    workers.tasks_requeue_orphaned()

    assert DBTaskResult.objects.get(pk=alive.id).status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.get(pk=silent.id).status == TaskResultStatus.READY


@pytest.mark.django_db
def test_a_task_that_killed_five_workers_is_given_up():
    workers.WorkerHeartbeat.objects.create(
        worker_id="w5", hostname="other-host", pid=2, seen_at=timezone.now() - dt.timedelta(minutes=5)
    )
    with override_settings(TASKS=DATABASE_TASKS):
        result = article_fan_out_task.enqueue(article_id=1)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=["w1", "w2", "w3", "w4", "w5"]
    )
    workers.tasks_requeue_orphaned()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED


@pytest.mark.django_db
def test_notices_claimed_by_a_dead_worker_are_due_at_once_and_a_live_ones_are_not():
    SubscriberFactory.create_batch(4, confirmed=True)
    services.article_fan_out(article_id=ArticleFactory().pk)
    workers.WorkerHeartbeat.objects.create(
        worker_id="dead", hostname="other-host", pid=2, seen_at=timezone.now() - dt.timedelta(minutes=5)
    )
    workers.WorkerHeartbeat.objects.create(worker_id="alive", hostname="other-host", pid=3)
    assert len(services.notices_claim(batch_size=2, claimant="dead")) == 2
    assert len(services.notices_claim(batch_size=2, claimant="alive")) == 2

    retaken = services.notices_claim(batch_size=10, claimant="restarted")

    assert len(retaken) == 2
    assert set(Notice.objects.filter(claimed_by="alive").values_list("status", flat=True)) == {NoticeStatus.SENDING}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_delivery_is_resumed_by_its_restart_within_a_minute(tmp_path):
    """Two real worker processes, one after the other, against a real loopback SMTP server."""
    total = 120
    SubscriberFactory.create_batch(total, confirmed=True)
    article = ArticleFactory()
    with override_settings(TASKS=DATABASE_TASKS):
        article_fan_out_task.enqueue(article_id=article.pk)
    mailbox = Mailbox(delay=0.02)
    log = tmp_path / "worker.log"
    with smtp_server(mailbox) as port:
        env = {**mail_env(port), "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
        worker = manage(*WORKER_ARGS, log_path=log, **env)
        try:
            assert wait_for(lambda: mailbox.distinct >= 20, 60), log.read_text()
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(10)
            assert mailbox.distinct < total, "the worker finished before it was killed; nothing was shown"
            restarted = time.monotonic()
            worker = manage(*WORKER_ARGS, log_path=log, **env)
            wait_for(lambda: mailbox.distinct == total, 60)
            resumed_in = time.monotonic() - restarted
        finally:
            stop(worker)
    assert mailbox.distinct == total, log.read_text()
    assert resumed_in < 60
    assert mailbox.duplicates <= 1  # the one message in flight at the kill
    assert Notice.objects.filter(status=NoticeStatus.SENT).count() == total


# --- The database restarts ------------------------------------------------------------


class DatabaseRestartingBackend(BaseEmailBackend):
    """Accepts every message; right after the n-th, the database server ends our connection."""

    restart_after = 3
    accepted: list = []

    def send_messages(self, messages):
        for message in messages:
            self.accepted.append(message.to[0])
            if len(self.accepted) == self.restart_after:
                terminate_this_connection()
        return len(messages)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_database_restart_after_the_server_accepted_a_message_is_waited_out():
    """Once the worker died here and the accepted message stayed 'sending' with no error."""
    DatabaseRestartingBackend.accepted = []
    SubscriberFactory.create_batch(6, confirmed=True)
    services.article_fan_out(article_id=ArticleFactory().pk)

    report = services.notices_deliver(connection=DatabaseRestartingBackend())

    assert report.sent == 6
    assert len(DatabaseRestartingBackend.accepted) == 6  # each once: no duplicate after the restart
    assert Notice.objects.filter(status=NoticeStatus.SENT).count() == 6


@task()
def task_during_which_the_database_restarts() -> str:
    terminate_this_connection()
    return "klar"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_worker_outlives_a_database_restart_and_records_the_result():
    with override_settings(TASKS=DATABASE_TASKS):
        result = task_during_which_the_database_restarts.enqueue()
        run_worker()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == "klar"


# --- The mail server is away -------------------------------------------------------------


class AwayBackend(BaseEmailBackend):
    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.mark.django_db
def test_a_mail_server_outage_puts_the_batch_back_without_burning_attempts(outbox):
    SubscriberFactory.create_batch(5, confirmed=True)
    services.article_fan_out(article_id=ArticleFactory().pk)

    report = services.notices_deliver(connection=AwayBackend())

    assert report.server_unavailable
    notices = Notice.objects.all()
    assert {n.status for n in notices} == {NoticeStatus.PENDING}
    assert {n.attempts for n in notices} == {0}
    assert all("ConnectionRefusedError" in n.last_error for n in notices)
    assert services.notices_next_retry() <= timezone.now() + dt.timedelta(seconds=31)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=31)):
        assert services.notices_deliver().sent == 5
    assert len(outbox) == 5


@pytest.mark.django_db
def test_a_server_that_hangs_up_mid_batch_costs_one_attempt_only():
    SubscriberFactory.create_batch(5, confirmed=True)
    services.article_fan_out(article_id=ArticleFactory().pk)

    class HangsUp(BaseEmailBackend):
        def send_messages(self, messages):
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    services.notices_deliver(connection=HangsUp())

    assert sorted(Notice.objects.values_list("attempts", flat=True)) == [0, 0, 0, 0, 1]


def test_which_errors_mean_the_server_is_away():
    assert services.server_unavailable(ConnectionRefusedError())
    assert services.server_unavailable(smtplib.SMTPServerDisconnected())
    assert services.server_unavailable(smtplib.SMTPResponseException(421, b"closing"))
    assert not services.server_unavailable(smtplib.SMTPRecipientsRefused({"a@example.se": (550, b"no")}))
    assert not services.server_unavailable(smtplib.SMTPDataError(552, b"too big"))
    assert not services.server_unavailable(ValueError("bad header"))


@pytest.mark.django_db(transaction=True)
def test_delivery_schedules_itself_for_when_the_server_may_be_back():
    SubscriberFactory.create_batch(3, confirmed=True)
    services.article_fan_out(article_id=ArticleFactory().pk)
    from subscriptions.tasks import notices_deliver_task

    with override_settings(TASKS=DATABASE_TASKS, EMAIL_BACKEND="tests.subscriptions.test_recovery.AwayBackend"):
        notices_deliver_task.enqueue()
        run_worker(max_tasks=1)
        later = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        assert later.count() == 1
        assert later.get().run_after <= timezone.now() + dt.timedelta(seconds=31)
    with (
        override_settings(TASKS=DATABASE_TASKS, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        time_machine.travel(timezone.now() + dt.timedelta(seconds=31)),
    ):
        run_worker()
    assert Notice.objects.filter(status=NoticeStatus.SENT).count() == 3


# --- Account e-mails are tried again ----------------------------------------------------


class FailsTwiceBackend(BaseEmailBackend):
    failures = 0

    def send_messages(self, messages):
        if FailsTwiceBackend.failures < 2:
            FailsTwiceBackend.failures += 1
            raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (451, b"4.3.0 try again later")})
        mail.outbox.extend(messages)
        return len(messages)


@pytest.mark.django_db(transaction=True)
def test_a_confirmation_whose_send_failed_is_sent_by_a_later_try(client, outbox):
    FailsTwiceBackend.failures = 0
    form = {"email": "ny.person@example.se", "follow": "alla", "frequency": "immediate", "consent": "on"}
    with override_settings(TASKS=DATABASE_TASKS, EMAIL_BACKEND="tests.subscriptions.test_recovery.FailsTwiceBackend"):
        assert client.post("/prenumeration/", form).status_code == 302
        run_worker()  # the first try fails; the second is scheduled a minute later
        assert outbox == []
        failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
        assert "ny.person@example.se" not in failed.traceback
        assert "ny***@example.se" in failed.traceback
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=1, seconds=5)):
            run_worker()  # the second fails too; the third comes 4 minutes later
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
            run_worker()
    assert [m.to for m in outbox] == [["ny.person@example.se"]]
    assert Subscriber.objects.get().email == "ny.person@example.se"
