"""Fault benchmark: a 2,000-recipient fan-out survives a killed worker, an SMTP outage and a
PostgreSQL restart, without cron.

Everything runs on this machine, on loopback, in processes the script starts and ends itself:

* a PostgreSQL cluster of its own (``initdb`` in a temporary folder, ``pg_ctl`` on a free
  port, from ``/usr/lib/postgresql/15/bin`` or ``--pg-bin``); the machine's own cluster is
  never touched, and only this cluster is ever restarted;
* an aiosmtpd server in its own process that writes one line per accepted recipient;
* ``manage.py db_worker`` with production settings (``DJANGO_DEBUG=0``, the database task
  backend), restarted after a kill as systemd's ``Restart=always`` would (after 1 s).

For each case a new article is fanned out to the same 2,000 confirmed subscribers; when
``--fault-at`` e-mails have arrived, the fault is made:

* ``kill``: SIGKILL the worker, start a new one a second later;
* ``smtp``: kill the SMTP server, start it again on the same port 20 s later;
* ``postgres``: ``pg_ctl restart -m fast`` (what a service restart does).

It prints, per case: expected, delivered (distinct recipients), lost, duplicated (extra
copies), the seconds from the end of the fault to full delivery, and whether the worker
process lived through it. Targets: lost 0, duplicated <= 1, full delivery within 120 s.

    .venv/bin/python bench/faults.py            # all three cases, about 2-3 minutes
    .venv/bin/python bench/faults.py --cases kill --recipients 500

Bounded: each case gives up ``--case-timeout`` seconds after its fault ended, and a watchdog
ends the whole run (and every process it started) after ``--timeout`` seconds.
"""

import argparse
import atexit
import datetime as dt
import multiprocessing
import os
import platform
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

CHILDREN: list = []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- The SMTP server (its own process) ---------------------------------------------------


def smtp_main(port: int, log_path: str, ready) -> None:
    from aiosmtpd.controller import Controller

    log = open(log_path, "a", buffering=1)  # noqa: SIM115 - lives as long as the process

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
            for address in envelope.rcpt_tos:
                log.write(address + "\n")
            log.flush()
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    signal.sigwait({signal.SIGTERM})


class SMTPServer:
    def __init__(self, port: int, log_path: Path):
        self.port, self.log_path, self.process = port, log_path, None
        self.context = multiprocessing.get_context("spawn")

    def start(self):
        ready = self.context.Event()
        self.process = self.context.Process(target=smtp_main, args=(self.port, str(self.log_path), ready), daemon=True)
        self.process.start()
        CHILDREN.append(self.process)
        if not ready.wait(30):
            raise SystemExit("the SMTP server did not start")

    def kill(self):
        if self.process and self.process.is_alive():
            self.process.kill()
            self.process.join(10)

    def counts(self) -> tuple[int, int]:
        """(distinct recipients, extra copies) so far."""
        if not self.log_path.exists():
            return 0, 0
        lines = self.log_path.read_text().split()
        distinct = len(set(lines))
        return distinct, len(lines) - distinct


# --- PostgreSQL of our own --------------------------------------------------------------


class Cluster:
    """A throw-away PostgreSQL cluster in a temporary folder, on a port of its own."""

    def __init__(self, pg_bin: Path, port: int):
        self.pg_bin, self.port = pg_bin, port
        self.dir = Path(tempfile.mkdtemp(prefix="vastkom-faults-pg-"))
        self.data = self.dir / "data"
        self.as_user = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, *args, check=True):
        return subprocess.run([*self.as_user, *args], check=check, capture_output=True, text=True, timeout=120)

    def pg_ctl(self, *args):
        return self.run(str(self.pg_bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "server.log"), *args)

    def start(self):
        self.run(str(self.pg_bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c max_connections=50"
        self.pg_ctl("-o", options, "-w", "start")
        self.run(str(self.pg_bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "vastkom")

    def restart(self):
        self.pg_ctl("-m", "fast", "-w", "restart")

    def stop(self):
        if self.data.exists():
            self.pg_ctl("-m", "immediate", "-w", "stop") if (self.data / "postmaster.pid").exists() else None
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/vastkom"


# --- The worker -------------------------------------------------------------------------


class Worker:
    def __init__(self, env: dict, log_path: Path):
        self.env, self.log_path, self.process = env, log_path, None

    def start(self):
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "1"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        CHILDREN.append(self.process)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


def end_children():
    for child in CHILDREN:
        try:
            if isinstance(child, subprocess.Popen):
                if child.poll() is None:
                    child.kill()
            elif child.is_alive():
                child.kill()
        except Exception:  # noqa: BLE001, S110 - ending whatever is left, best effort
            pass


# --- One case ---------------------------------------------------------------------------


def run_case(case: str, args, cluster: Cluster, smtp: SMTPServer, worker_env: dict, out: Path) -> dict:
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from articles.models import Article
    from subscriptions.models import Dispatch, Notice
    from subscriptions.tasks import article_fan_out_task
    from vastkom.core.publishing import Status

    connection.close()
    Notice.objects.all().delete()
    Dispatch.objects.all().delete()
    Article.objects.all().delete()
    DBTaskResult.objects.all().delete()
    smtp.kill()
    smtp.log_path = out / f"smtp-{case}.log"
    smtp.log_path.unlink(missing_ok=True)
    smtp.start()
    worker = Worker(worker_env, out / f"worker-{case}.log")
    worker.start()
    started = time.monotonic()
    article = Article.objects.create(
        title=f"Fel som prövas: {case}", lead="Ingress.", status=Status.PUBLISHED, publish_at=dt.datetime.now(dt.UTC)
    )
    article_fan_out_task.enqueue(article_id=article.pk)

    def wait_until(condition, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.05)
        return condition()

    if not wait_until(lambda: smtp.counts()[0] >= args.fault_at, 120):
        raise SystemExit(f"{case}: delivery never reached {args.fault_at} (see {worker.log_path})")
    at_fault = smtp.counts()[0]
    if case == "kill":
        worker.kill()
        time.sleep(1)  # systemd's RestartSec
        worker.start()
    elif case == "smtp":
        smtp.kill()
        time.sleep(args.smtp_outage)
        smtp.start()
    elif case == "postgres":
        cluster.restart()
    fault_ended = time.monotonic()
    survived = worker.alive if case != "kill" else True
    done = wait_until(lambda: smtp.counts()[0] >= args.recipients, args.case_timeout)
    finished = time.monotonic()
    time.sleep(2)  # let a late duplicate arrive before counting
    distinct, extra = smtp.counts()
    survived = survived and worker.alive
    worker.stop()
    return {
        "case": case,
        "expected": args.recipients,
        "at_fault": at_fault,
        "delivered": distinct,
        "lost": args.recipients - distinct,
        "duplicated": extra,
        "to_full": (finished - fault_ended) if done else None,
        "total": finished - started,
        "worker_lived": survived,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="kill,smtp,postgres")
    parser.add_argument("--recipients", type=int, default=2000)
    parser.add_argument("--fault-at", type=int, default=500, help="delivered e-mails when the fault is made")
    parser.add_argument("--smtp-outage", type=float, default=20)
    parser.add_argument("--case-timeout", type=float, default=180)
    parser.add_argument("--timeout", type=float, default=900, help="seconds for the whole run")
    parser.add_argument("--pg-bin", type=Path, default=Path("/usr/lib/postgresql/15/bin"))
    parser.add_argument("--out", type=Path, default=BASE_DIR / "bench" / "out" / "faults")
    args = parser.parse_args()

    atexit.register(end_children)
    watchdog = threading.Timer(
        args.timeout, lambda: (print("timeout: giving up", flush=True), end_children(), os._exit(3))
    )
    watchdog.daemon = True
    watchdog.start()

    args.out.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(args.pg_bin, free_port())
    atexit.register(cluster.stop)
    cluster.start()
    smtp = SMTPServer(free_port(), args.out / "smtp.log")

    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "vastkom.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "faults-bench-" + "x9" * 30,
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": cluster.url,
        "SITE_URL": "https://www.vastkom.se",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "0",
        "PYTHONUNBUFFERED": "1",
    }
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    if migrate.returncode:
        raise SystemExit(migrate.stderr)

    os.environ.update({k: v for k, v in env.items() if k != "PATH"})
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from django.utils import timezone

    from subscriptions.models import ConsentMethod, State, Subscriber

    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"mottagare{i}@example.se",
            state=State.CONFIRMED,
            confirm_nonce="",
            confirmed_at=now,
            consent_at=now,
            consent_method=ConsentMethod.WEB_FORM,
            consent_version="bench",
        )
        for i in range(args.recipients)
    )

    results = []
    try:
        for case in [c.strip() for c in args.cases.split(",") if c.strip()]:
            print(f"{case}: running ...", flush=True)
            result = run_case(case, args, cluster, smtp, env, args.out)
            results.append(result)
            print(f"{case}: {result}", flush=True)
    finally:
        smtp.kill()
        cluster.stop()
        watchdog.cancel()

    print()
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} CPU, "
          f"load {os.getloadavg()[0]:.1f}, Python {platform.python_version()}")  # fmt: skip
    print("| fel | väntat | levererat vid felet | levererat | förlorat | dubbletter | s till allt levererat |", end="")
    print(" arbetaren levde |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        to_full = f"{r['to_full']:.1f}" if r["to_full"] is not None else "aldrig"
        lived = "ja" if r["worker_lived"] else "nej"
        if r["case"] == "kill":
            lived = "– (dödad, omstartad)"
        print(f"| {r['case']} | {r['expected']} | {r['at_fault']} | {r['delivered']} | {r['lost']} | "
              f"{r['duplicated']} | {to_full} | {lived} |")  # fmt: skip
    ok = all(
        r["lost"] == 0 and r["duplicated"] <= 1 and r["to_full"] is not None and r["to_full"] <= 120 for r in results
    )
    ok = ok and all(r["worker_lived"] for r in results if r["case"] != "kill")
    print("targets (lost 0, duplicated <= 1, full delivery within 120 s, worker lives):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
