"""Public pages carry no inline script, style attribute or event handler, so a strict
Content Security Policy can be switched on without touching a template."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Not public pages: the admin's own screens and e-mail bodies (mail programs ignore CSP).
NOT_PUBLIC = ("admin", "email")
# A script is allowed only as a file of our own (src="/static/..."), never inline.
INLINE = re.compile(r"<script\b(?![^>]*\ssrc=)|<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:", re.IGNORECASE)
SCRIPT_SRC = re.compile(r"<script\b[^>]*\ssrc=\"([^\"]*)\"[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)


def public_templates():
    return sorted(
        p for p in TEMPLATES.rglob("*.html") if not any(part in NOT_PUBLIC for part in p.relative_to(TEMPLATES).parts)
    )


def test_there_are_public_templates_to_check():
    names = {p.name for p in public_templates()}
    assert {"base.html", "article_detail.html", "topic_detail.html", "subscribe.html"} <= names


@pytest.mark.parametrize("path", public_templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_public_template_has_no_inline_script_style_or_handler(path):
    assert INLINE.findall(path.read_text()) == []


@pytest.mark.django_db
def test_rendered_public_pages_have_no_inline_script_style_or_handler(client):
    contact = ContactPersonFactory()
    topic = TopicFactory(
        show_in_menu=True,
        contacts=[contact],
        body='<p style="color:red" onclick="x()">Text <a href="https://example.org/">länk</a></p>',
    )
    article = ArticleFactory(topics=[topic], contacts=[contact], body='<p onmouseover="y()">Brödtext</p>')
    urls = [
        "/",
        "/nyheter/",
        article.get_absolute_url(),
        "/amnen/",
        topic.get_absolute_url(),
        "/sok/?q=text",
        "/prenumeration/",
        "/prenumeration/avsluta/",
        "/tillganglighet/",
        "/finns-inte/",
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert INLINE.findall(html) == [], url
        for src, body in SCRIPT_SRC.findall(html):
            assert src.startswith("/static/") and not body.strip(), (url, src)


def test_the_inline_check_tells_a_script_file_from_an_inline_script():
    assert INLINE.findall('<script src="/static/js/x.js" defer></script>') == []
    assert INLINE.findall("<script>alert(1)</script>") == ["<script"]
