"""Requests per second of every public page, cold and warm, next to the floor and nginx.

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres \\
      .venv/bin/python bench/pages.py [--quick] [--big 100000]

What it does, all on loopback, and bounded in time (``--timeout``):

1. Makes its own PostgreSQL database (``--db``, on the server of ``DATABASE_URL``), migrates it and
   fills it (``bench/fill.py``): 10,000 articles (every tenth with an image), 200 topics in a
   tree, 50 contacts. ``--quick``: 1,000 articles and one-second runs, a few minutes in all.
2. Starts two gunicorns with production settings (as ``deploy/vastkom.env.example``: persistent
   database connections and ``REDIS_URL``, the bench's own Redis database ``--redis``, emptied
   first; ``--redis ''`` measures the single-server default: local memory and the database
   cache table) and 2 sync workers each: one with the page
   cache off ("cold": every request renders) and one with it on ("warm"), and nginx with the
   shipped config (``deploy/nginx``) in front of the warm one, which also serves each page's
   HTML as a static file.
3. For each page, in each of ``--rounds`` rounds: wrk on the floor (``/__floor__/<page>/``, a
   minimal Django view returning that page's own bytes from memory through every middleware),
   then the page cold, warm, as nginx's static file and through nginx. ``wrk -t2 -c16``, keep-alive off
   (``Connection: close``) for all, as gunicorn's sync workers close every connection.
4. Prints every run with the 1-minute load average right after it, then the medians: req/s,
   p50/p99, the ratio of cold and warm to the floor and of nginx-with-app to nginx-static;
   then ``bench/inprocess.py``: each page's time inside one process (no queueing), p50/p95,
   and its CPU time, for the search page (target: p95 under 50 ms) and the sitemap.
5. With ``--big N``: grows the database to N articles and measures the sitemap and archive again.
6. Drops the database (unless ``--keep``) and stops everything it started.

wrk and nginx are Debian packages; missing ones are installed with apt-get.
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DEADLINE = [0.0]


def log(*args):
    print(*args, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_tool(name: str) -> bool:
    if shutil.which(name):
        return True
    log(f"{name} is missing: apt-get install -y {name}")
    subprocess.run(
        ["apt-get", "install", "-y", "-q", name], check=False, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    )
    return bool(shutil.which(name))


def database_urls(base_url: str, name: str) -> tuple[str, str]:
    parts = urlsplit(base_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    bench = urlunsplit(parts._replace(path=f"/{name}"))
    return admin, bench


def psql(admin_url: str, sql: str):
    import psycopg2

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def wait_for(port: int, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answers on port {port}")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (loopback only)
        return response.read()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output: str) -> dict:
    def ms(label):
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": ms(50),
        "p99": ms(99),
        "non2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def wrk(url: str, args) -> dict:
    if time.monotonic() > DEADLINE[0]:
        raise TimeoutError
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    command += ["-H", "Connection: close", url]
    output = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 60).stdout
    result = parse_wrk(output)
    result["load"] = float(Path("/proc/loadavg").read_text().split()[0])
    return result


class Bench:
    def __init__(self, args):
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="vastkom-bench-"))
        self.tmp.chmod(0o755)  # nginx's workers (www-data) read the copies and write the cache
        self.processes = []
        self.results = {}  # (page, kind) -> list of runs
        base = os.environ.get("DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/postgres")
        self.admin_url, self.db_url = database_urls(base, args.db)
        self.env = {
            **os.environ,
            "DATABASE_URL": self.db_url,
            "DJANGO_MEDIA_ROOT": str(self.tmp / "media"),
            "PYTHONPATH": str(ROOT),
        }
        self.production = {
            **self.env,
            "DJANGO_DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_CONN_MAX_AGE": "60",
            "DATABASE_CONN_HEALTH_CHECKS": "1",
            "SITE_URL": "https://www.vastkom.se",
            "BENCH_FLOOR_DIR": str(self.tmp / "static-copy"),
            "REDIS_URL": args.redis,
        }

    # --- set-up ---------------------------------------------------------------------------

    def create_database(self):
        if self.args.redis:
            import redis

            try:
                redis.Redis.from_url(self.args.redis).flushdb()
            except redis.RedisError as error:
                log(f"Redis at {self.args.redis} does not answer ({error}): measuring without it")
                self.args.redis = self.production["REDIS_URL"] = ""
        log(f"servers' REDIS_URL: {self.args.redis or '(none: local memory and the database cache table)'}")
        psql(self.admin_url, f'DROP DATABASE IF EXISTS "{self.args.db}"')
        psql(self.admin_url, f'CREATE DATABASE "{self.args.db}"')
        debug_env = {**self.env, "DJANGO_DEBUG": "1"}
        subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=debug_env, check=True)
        fill = [PY, "bench/fill.py", "--articles", str(self.args.articles)]
        subprocess.run(fill, cwd=ROOT, env=debug_env, check=True)
        subprocess.run(
            [PY, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=self.production, check=True
        )

    def start(self, name: str, command: list[str], env: dict, port: int):
        out = open(self.tmp / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
        self.processes.append((subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out), out))
        wait_for(port)

    def start_servers(self):
        self.cold_port, self.warm_port, self.nginx_port = free_port(), free_port(), free_port()
        for name, port, cache in (("cold", self.cold_port, "0"), ("warm", self.warm_port, "1")):
            command = [PY, "-m", "gunicorn", "vastkom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
            self.start(name, command, {**self.production, "DJANGO_PAGE_CACHE": cache}, port)
        self.nginx = ensure_tool("nginx") and not self.args.no_nginx
        if self.nginx:
            self.start("nginx", ["nginx", "-c", str(self.nginx_config())], self.env, self.nginx_port)

    def nginx_config(self) -> Path:
        """The shipped config with this machine's ports and paths, plus a static copy of each page."""
        deploy = ROOT / "deploy" / "nginx"
        for name in ("cache", "nginx-body", "nginx-proxy", "nginx-fastcgi", "nginx-uwsgi", "nginx-scgi"):
            (self.tmp / name).mkdir()
            (self.tmp / name).chmod(0o777)
        (self.tmp / "static-copy").mkdir(exist_ok=True)
        http = (deploy / "vastkom-http.conf").read_text()
        http = http.replace("127.0.0.1:8000", f"127.0.0.1:{self.warm_port}")
        http = http.replace("/var/cache/nginx/vastkom", str(self.tmp / "cache"))
        site = (deploy / "vastkom-site.conf").read_text()
        site = site.replace("/srv/vastkom/staticfiles/", f"{ROOT}/staticfiles/")
        site = site.replace("/srv/vastkom/media/", f"{self.tmp}/media/")
        (self.tmp / "vastkom-http.conf").write_text(http)
        (self.tmp / "vastkom-site.conf").write_text(site)
        config = self.tmp / "nginx.conf"
        config.write_text(
            f"""daemon off;
worker_processes auto;
pid {self.tmp}/nginx.pid;
error_log {self.tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {self.tmp}/nginx-body;
    proxy_temp_path {self.tmp}/nginx-proxy;
    fastcgi_temp_path {self.tmp}/nginx-fastcgi;
    uwsgi_temp_path {self.tmp}/nginx-uwsgi;
    scgi_temp_path {self.tmp}/nginx-scgi;
    include {self.tmp}/vastkom-http.conf;
    server {{
        listen 127.0.0.1:{self.nginx_port};
        server_name localhost;
        location /__static__/ {{ alias {self.tmp}/static-copy/; default_type text/html; }}
        include {self.tmp}/vastkom-site.conf;
    }}
}}
"""
        )
        check = subprocess.run(["nginx", "-t", "-c", str(config)], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError("the shipped nginx config does not load:\n" + check.stderr)
        return config

    def stop(self):
        for process, out in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
            out.close()
        self.processes = []

    # --- measuring ------------------------------------------------------------------------

    def pages(self) -> list[tuple[str, str]]:
        deep = max(2, min(200, self.args.articles // 10 // 2))
        return [
            ("home", "/"),
            ("archive p1", "/nyheter/"),
            (f"archive p{deep}", f"/nyheter/?page={deep}"),
            ("archive by topic", "/nyheter/?amne=amne-30"),
            ("article with image", "/nyheter/nyhet-10/"),
            ("topic page", "/amnen/amne-0/"),
            ("sub-topic", "/amnen/amne-30/"),
            ("search common", "/sok/?q=kommun"),
            ("search rare", "/sok/?q=zeppelinare"),
            ("RSS", "/nyheter/rss/"),
            ("sitemap index", "/sitemap.xml"),
            ("sitemap section", "/sitemap-nyheter-1.xml"),
        ]

    def prepare_copies(self, pages, prefix=""):
        """Each page's HTML as a file: the floor's bytes, and nginx's static copy."""
        warm = f"http://127.0.0.1:{self.warm_port}"
        (self.tmp / "static-copy").mkdir(exist_ok=True)
        for name, path in pages:
            (self.tmp / "static-copy" / f"{slug(prefix + name)}.html").write_bytes(fetch(warm + path))

    def run(self, kind: str, name: str, url: str):
        result = wrk(url, self.args)
        self.results.setdefault((name, kind), []).append(result)
        flag = f"  non-2xx {result['non2xx']}" if result["non2xx"] else ""
        flag += f"  socket errors: {result['socket_errors']}" if result["socket_errors"] else ""
        log(
            f"  {name:<20} {kind:<12} {result['rps']:>9.1f} req/s  p50 {result['p50']:>7.2f} ms"
            f"  p99 {result['p99']:>8.2f} ms  load {result['load']:.2f}{flag}"
        )

    def round(self, pages, *, with_nginx=True, prefix=""):
        for name, path in pages:
            copy = slug(prefix + name)
            self.run("floor", name, f"http://127.0.0.1:{self.warm_port}/__floor__/{copy}/")
            self.run("cold", name, f"http://127.0.0.1:{self.cold_port}{path}")
            fetch(f"http://127.0.0.1:{self.warm_port}{path}")  # now in the page cache
            self.run("warm", name, f"http://127.0.0.1:{self.warm_port}{path}")
            if with_nginx and self.nginx:
                self.run("nginx static", name, f"http://127.0.0.1:{self.nginx_port}/__static__/{copy}.html")
                self.run("nginx + app", name, f"http://127.0.0.1:{self.nginx_port}{path}")

    def in_process(self, *only, extra=()):
        """Service times without wrk and without queueing: search, sitemap, pages."""
        for group in only:
            command = [PY, "bench/inprocess.py", "--only", group, "--repeat", str(10 if self.args.quick else 40)]
            command += ["--extra", *extra] if extra else []
            env = {**self.production, "DJANGO_SETTINGS_MODULE": "vastkom.settings"}
            subprocess.run(command, cwd=ROOT, env=env, check=False)

    # --- report ---------------------------------------------------------------------------

    def report(self, pages, title):
        def med(name, kind, key):
            runs = self.results.get((name, kind))
            return statistics.median(r[key] for r in runs) if runs else float("nan")

        log(f"\n### {title}\n")
        log(
            "| page | floor req/s | cold req/s | cold p50/p99 ms | cold/floor | warm req/s | warm p50/p99 ms"
            " | warm/floor | nginx static req/s | nginx+app req/s | nginx+app/static | load |"
        )
        log("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for name, _path in pages:
            floor, cold, warm = med(name, "floor", "rps"), med(name, "cold", "rps"), med(name, "warm", "rps")
            static, behind = med(name, "nginx static", "rps"), med(name, "nginx + app", "rps")
            loads = [r["load"] for kind in ("floor", "cold", "warm") for r in self.results.get((name, kind), [])]
            log(
                f"| {name} | {floor:.0f} | {cold:.0f} | {med(name, 'cold', 'p50'):.1f} / {med(name, 'cold', 'p99'):.1f}"
                f" | {cold / floor:.3f} | {warm:.0f} | {med(name, 'warm', 'p50'):.2f} / {med(name, 'warm', 'p99'):.2f}"
                f" | {warm / floor:.2f} | {static:.0f} | {behind:.0f} | {behind / static:.2f}"
                f" | {statistics.median(loads) if loads else float('nan'):.1f} |"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1,000 articles, 1-second runs")
    parser.add_argument("--articles", type=int)
    parser.add_argument("--big", type=int, default=0, help="then grow to this many articles (e.g. 100000)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, help="seconds per wrk run (default 8, quick 1)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--db", default="vastkom_bench")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-nginx", action="store_true")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/15",
        help="REDIS_URL for the servers, as deployed (a database of the bench's own: it is emptied); '' for none",
    )
    parser.add_argument("--timeout", type=int, default=5400, help="stop measuring after this many seconds")
    parser.add_argument(
        "--pages",
        help="measure only these pages, by name, comma-separated (e.g. 'topic page,search common'); "
        "skips the in-process timings",
    )
    args = parser.parse_args()
    args.articles = args.articles or (1000 if args.quick else 10_000)
    args.duration = args.duration or (1 if args.quick else 8)
    if not ensure_tool("wrk"):
        sys.exit("wrk is needed (apt-get install wrk)")
    DEADLINE[0] = time.monotonic() + args.timeout
    bench = Bench(args)
    started = time.monotonic()
    log(f"machine: {os.cpu_count()} cores, {Path('/proc/loadavg').read_text().split()[0]} load; database {args.db}")
    try:
        bench.create_database()
        log(f"filled in {time.monotonic() - started:.0f} s")
        bench.start_servers()
        pages = bench.pages()
        if args.pages:
            wanted = {name.strip() for name in args.pages.split(",")}
            if unknown := wanted - {name for name, _path in pages}:
                sys.exit(f"unknown pages: {', '.join(sorted(unknown))}")
            pages = [page for page in pages if page[0] in wanted]
        bench.prepare_copies(pages)
        try:
            for n in range(args.rounds):
                log(f"round {n + 1} of {args.rounds}")
                bench.round(pages)
        except TimeoutError:
            log("time is up: reporting what was measured")
        bench.report(pages, f"{args.articles} articles, {args.rounds} rounds of {args.duration} s")
        if not args.pages:
            bench.in_process("search", "sitemap", "pages")
        if args.big and time.monotonic() < DEADLINE[0]:
            grow = [PY, "bench/fill.py", "--add-articles", str(args.big - args.articles)]
            subprocess.run(grow, cwd=ROOT, env={**bench.env, "DJANGO_DEBUG": "1"}, check=True)
            big_pages = [p for p in pages if p[0].startswith(("archive p", "sitemap"))]
            big_pages.append(("sitemap last section", f"/sitemap-nyheter-{args.big // 2000}.xml"))
            bench.results = {}
            bench.prepare_copies(big_pages, prefix="big ")
            try:
                for n in range(args.rounds):
                    log(f"{args.big} articles: round {n + 1} of {args.rounds}")
                    bench.round(big_pages, with_nginx=False, prefix="big ")
            except TimeoutError:
                log("time is up: reporting what was measured")
            bench.report(big_pages, f"{args.big} articles, {args.rounds} rounds of {args.duration} s")
            last = big_pages[-1][1]
            bench.in_process("sitemap", extra=[last, "/nyheter/", "/nyheter/?page=200"])
    finally:
        bench.stop()
        if not args.keep:
            psql(bench.admin_url, f'DROP DATABASE IF EXISTS "{args.db}"')
        shutil.rmtree(bench.tmp, ignore_errors=True)
        log(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
