"""Screenshots of the home page, an article and a topic page at 1280 and 375 px.

    make screenshots                         # into docs/screenshots/
    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8000 --out /tmp/bilder

Without --url it sets up its own site: a throw-away SQLite database and media folder with the
demo content (manage.py migrate + load_demo), served by runserver on a free loopback port,
stopped again when done. Chromium is Debian's (scripts/browser-deps.sh installs it).
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "hem": "/",
    "nyhet": "/nyheter/dialog-om-god-och-nara-vard-ur-kommunperspektiv/",
    "amne": "/amnen/kommunal-halso-och-sjukvard/",
}
WIDTHS = {1280: 900, 375: 800}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback only)
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def own_site(tmp: Path):
    """Migrate and fill a fresh SQLite database, then serve it; returns (url, process)."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp / 'demo.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
    }
    env.pop("SITE_URL", None)  # links follow the address served
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "manage.py", "load_demo", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/")
    return url, server


def shoot(url: str, out: Path, full_page: bool) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        try:
            for width, height in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(url + path, wait_until="load")
                    # A full-page picture shows what lies below the fold: load the lazy images too.
                    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
                    page.wait_for_function("[...document.images].every(i => i.complete)")
                    target = out / f"{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=full_page)
                    written.append(target)
                context.close()
        finally:
            browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running site (default: set up the demo on a free port)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--viewport-only", action="store_true", help="only the first screenful")
    args = parser.parse_args()
    server = None
    with tempfile.TemporaryDirectory(prefix="vastkom-screenshots-") as tmp:
        try:
            url = args.url.rstrip("/") if args.url else None
            if url is None:
                url, server = own_site(Path(tmp))
            for path in shoot(url, Path(args.out), full_page=not args.viewport_only):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=10)


if __name__ == "__main__":
    main()
