"""``manage.py content_check``: the quality rules over everything published, external links
checked against a local server on 127.0.0.1, the report mailed to the Publicerare group."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory

pytestmark = pytest.mark.django_db


class LinkTargets(BaseHTTPRequestHandler):
    """/ok 200; /saknas 404; /bara-get refuses HEAD (405) but answers GET; /langsam is too slow."""

    requests: list[tuple[str, str]] = []

    def answer(self, with_body):
        self.requests.append((self.command, self.path))
        if self.path == "/langsam":
            time.sleep(1.5)
        status = {"/ok": 200, "/saknas": 404, "/langsam": 200}.get(self.path, 200)
        if self.path == "/bara-get":
            status = 405 if self.command == "HEAD" else 200
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self):  # noqa: N802 - the name http.server looks for
        self.answer(False)

    def do_GET(self):  # noqa: N802
        self.answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def link_server():
    LinkTargets.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), LinkTargets)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def outside_site(settings):
    """127.0.0.1 plays another site here, so our own site is only 'testserver'."""
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SITE_URL = "http://testserver"
    settings.CONTENT_CHECK_ALLOW_PRIVATE_HOSTS = True


def run(*args):
    out = StringIO()
    call_command("content_check", *args, stdout=out)
    return out.getvalue()


def test_report_lists_every_problem_of_published_content(outside_site):
    draft_target = ArticleFactory(draft=True, title="Ett utkast")
    ArticleFactory(
        title="Nyhet med problem",
        lead="Ord " * 80,
        body=(
            '<h1>Stor rubrik</h1><p><img src="/media/bilder/karta.png"></p>'
            f'<p><a href="{draft_target.get_absolute_url()}">utkastet</a> och <a href="/finns-inte/">sidan</a></p>'
            '<h4>Liten</h4><p><a href="http://www.skr.se/">här</a></p>'
            "<table><tr><td>Utan rubriker</td></tr></table><p>DETTA ÄR EN VIKTIG TEXT</p>"
        ),
    )
    TopicFactory(title="Bra ämne")

    report = run("--no-external")

    assert "Nyheter: 1 kontrollerade, 1 med fel, 1 med varningar." in report
    assert "Ämnessidor: 1 kontrollerade, 0 med fel, 0 med varningar." in report
    assert "Nyhet: ”Nyhet med problem” (http://testserver/nyheter/" in report
    for expected in [
        "FEL (brödtext): Rubriken ”Stor rubrik” är på nivå 1.",
        "FEL (brödtext): Bilden ”karta.png” saknar alternativtext.",
        f"FEL (brödtext): Länken ”utkastet” går till {draft_target.get_absolute_url()}, som inte är publicerad",
        "FEL (brödtext): Länken ”sidan” går till /finns-inte/, som inte finns på webbplatsen.",
        "VARNING (brödtext): Rubriken ”Liten” (nivå 4) hoppar över nivå 2.",
        "VARNING (brödtext): Länktexten ”här” säger inte vart länken går.",
        "VARNING (brödtext): Länken till ”http://www.skr.se/” använder http.",
        "VARNING (brödtext): Tabell 1 saknar rubrikceller.",
        "VARNING (brödtext): Texten ”DETTA ÄR EN VIKTIG TEXT” är skriven med versaler.",
        "VARNING (ingress): Ingressen har 319 tecken.",
    ]:
        assert expected in report, expected
    assert "Ett utkast" not in report
    assert "Bra ämne" not in report


def test_report_says_so_when_all_is_well(outside_site):
    ArticleFactory(body="<h2>Rubrik</h2><p>Text.</p>")

    assert "Inga anmärkningar." in run("--no-external")


def test_the_stored_summary_is_refreshed_for_rows_written_past_save(outside_site):
    article = ArticleFactory(body="<p>Text.</p>")
    Article.objects.filter(pk=article.pk).update(body='<p><img src="/media/a.png"></p>')

    run("--no-external")

    article.refresh_from_db()
    assert article.quality_errors == 1


def test_external_links_are_checked_with_head_then_get(outside_site, link_server):
    ArticleFactory(
        title="Länkar",
        body=(
            f'<p><a href="{link_server}/ok">Fungerar</a>, <a href="{link_server}/saknas">Saknas</a>, '
            f'<a href="{link_server}/bara-get">Bara GET</a>, <a href="{link_server}/langsam">Långsam</a>, '
            f'<a href="{link_server}/ok">Samma igen</a></p>'
        ),
    )

    report = run("--timeout", "0.5")

    assert "Externa länkar: 4 kontrollerade, 2 fungerar inte." in report
    assert f"{link_server}/saknas – svarar 404" in report
    assert f"{link_server}/langsam – svarar inte (tidsgränsen nåddes)" in report
    assert f"{link_server}/ok –" not in report
    assert f"{link_server}/bara-get –" not in report
    assert "på nyhet ”Länkar”" in report
    assert ("HEAD", "/bara-get") in LinkTargets.requests
    assert ("GET", "/bara-get") in LinkTargets.requests
    assert LinkTargets.requests.count(("HEAD", "/ok")) == 1


def test_links_into_private_networks_are_not_fetched(outside_site, settings, link_server):
    settings.CONTENT_CHECK_ALLOW_PRIVATE_HOSTS = False
    ArticleFactory(body=f'<p><a href="{link_server}/saknas">Intern tjänst</a></p>')

    report = run()

    assert "0 fungerar inte" in report
    assert LinkTargets.requests == []


def test_external_links_are_never_fetched_when_an_article_is_saved(outside_site, link_server):
    ArticleFactory(body=f'<p><a href="{link_server}/ok">Fungerar</a></p>')

    assert LinkTargets.requests == []


def test_mail_goes_to_the_publicerare_group(outside_site, django_user_model):
    group = Group.objects.get(name="Publicerare")  # made by migrate
    publisher = django_user_model.objects.create_user("pub", email="pub@vastkom.se")
    publisher.groups.add(group)
    django_user_model.objects.create_user("skribent", email="skribent@vastkom.se")
    ArticleFactory(body='<p><img src="/media/a.png"></p>')

    output = run("--no-external", "--mail")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["pub@vastkom.se"]
    assert message.subject.startswith("Kvalitetskontroll av webbplatsen: 1 fel")
    assert "saknar alternativtext" in message.body
    assert "Rapporten skickades till 1 publicerare." in output
