"""Rich text: nothing executable reaches a public page; the allowed markup does."""

import html
import re
from html.parser import HTMLParser

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory
from topics.models import Topic
from vastkom.core.richtext import clean_html

pytestmark = pytest.mark.django_db

XSS_PAYLOADS = [
    pytest.param("<script>alert('xss')</script>", id="script"),
    pytest.param("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", id="script-src-uppercase"),
    pytest.param("<img src=x onerror=alert(1)>", id="img-onerror"),
    pytest.param("<body onload=alert(1)><p>text</p>", id="body-onload"),
    pytest.param('<a href="https://ok.example/" onmouseover="alert(1)">länk</a>', id="a-onmouseover"),
    pytest.param('<a href="javascript:alert(1)">klicka</a>', id="javascript-url"),
    pytest.param('<a href="JaVaScRiPt:alert(1)">klicka</a>', id="javascript-url-mixed-case"),
    pytest.param(
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">klicka</a>',
        id="javascript-url-entity-encoded",
    ),
    pytest.param('<a href="&#x6A;ava&#x09;script&colon;alert(1)">klicka</a>', id="javascript-url-hex-tab-colon"),
    pytest.param('<a href=" javascript:alert(1)">klicka</a>', id="javascript-url-leading-space"),
    pytest.param('<a href="vbscript:msgbox(1)">klicka</a>', id="vbscript-url"),
    pytest.param('<a href="VBScript:msgbox(1)">klicka</a>', id="vbscript-url-mixed-case"),
    pytest.param('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klicka</a>', id="data-url-link"),
    pytest.param('<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="bild">', id="data-url-img"),
    pytest.param('<iframe src="https://evil.example/"></iframe>', id="iframe"),
    pytest.param("<style>body{background:url(javascript:alert(1))}</style>", id="style-element"),
    pytest.param('<p style="background-image:url(javascript:alert(1))">text</p>', id="style-attribute"),
    pytest.param("<svg onload=alert(1)><circle r=10></circle></svg>", id="svg-onload"),
    pytest.param('<object data="https://evil.example/x.swf"></object>', id="object"),
    pytest.param('<embed src="https://evil.example/x.swf">', id="embed"),
    pytest.param('<form action="javascript:alert(1)"><button>Skicka</button></form>', id="form-action"),
    pytest.param("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", id="math-mutation"),
    pytest.param("<p>text</p><img src=x onerror=alert(1)", id="unclosed-img"),
    pytest.param("<p>text<script>alert(1)", id="unclosed-script"),
    pytest.param("<!--<script>alert(1)</script>-->", id="comment-hiding-script"),
    pytest.param("<!--[if gte IE 4]><script>alert(1)</script><![endif]-->", id="conditional-comment"),
    pytest.param('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', id="noscript-mutation"),
    pytest.param("<details open ontoggle=alert(1)><summary>x</summary></details>", id="details-ontoggle"),
    pytest.param('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', id="meta-refresh"),
    pytest.param('<base href="javascript:alert(1)//">', id="base-href"),
    pytest.param('<img srcset="javascript:alert(1) 1x" alt="bild">', id="img-srcset"),
    pytest.param('<link rel="stylesheet" href="https://evil.example/x.css">', id="link-stylesheet"),
]

FORBIDDEN_TAGS = {
    "script", "style", "iframe", "object", "embed", "form", "button", "input", "svg", "math",
    "meta", "base", "link", "noscript", "details", "body", "template",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "data", "xlink:href"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


class TagCollector(HTMLParser):
    """Every start tag (with its attributes) inside ``<main>``, as a browser would see it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside_main = False
        self.tags = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.inside_main = True
        elif self.inside_main:
            self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "main":
            self.inside_main = False

    def handle_comment(self, data):
        if self.inside_main:
            self.tags.append(("<!--", {"text": data}))


def dangers_in_main(page: str) -> list:
    """What in the page's main content could run script or load foreign code; empty when safe."""
    collector = TagCollector()
    collector.feed(page)
    found = []
    for tag, attrs in collector.tags:
        if tag in FORBIDDEN_TAGS or tag == "<!--":
            found.append(tag)
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                found.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and value:
                squeezed = re.sub(r"[\x00-\x20]+", "", html.unescape(value)).lower()
                if squeezed.startswith(DANGEROUS_SCHEMES) or "javascript:" in squeezed:
                    found.append(f"{tag}[{name}={value}]")
    return found


def test_checker_finds_a_script_it_is_shown():
    """The checker itself: if it could not see these, the tests below could not fail."""
    page = (
        '<main><script>1</script><img src=x onerror=alert(1)><a href="&#106;avascript:x">a</a>'
        '<p style="x">p</p><!-- c --></main>'
    )

    assert dangers_in_main(page) == ["script", "img[onerror]", "a[href=javascript:x]", "p[style]", "<!--"]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_article_body_payload_never_reaches_the_page(client, payload):
    article = ArticleFactory(body=f"<p>Före</p>{payload}<p>Efter</p>")

    page = client.get(article.get_absolute_url()).content.decode()

    assert dangers_in_main(page) == []
    assert "<p>Före</p>" in page


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_topic_body_payload_never_reaches_the_page(client, payload):
    topic = TopicFactory(body=f"<p>Före</p>{payload}<p>Efter</p>")

    page = client.get(topic.get_absolute_url()).content.decode()

    assert dangers_in_main(page) == []
    assert "<p>Före</p>" in page


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_article_body_is_stored_cleaned(payload):
    article = ArticleFactory(body=payload)

    stored = Article.objects.values_list("body", flat=True).get(pk=article.pk)
    assert dangers_in_main(f"<main>{stored}</main>") == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_topic_body_written_around_save_is_cleaned_on_the_page(client, payload):
    topic = TopicFactory()
    Topic.objects.filter(pk=topic.pk).update(body=payload)

    page = client.get(topic.get_absolute_url()).content.decode()

    assert dangers_in_main(page) == []


ALLOWED_MARKUP = [
    "<h2>Så gör samverkan skillnad</h2>",
    "<h3>Stöd i omställningen</h3>",
    "<p><strong>Nära vård</strong> och <em>egenvård</em></p>",
    '<p><a href="/amnen/nara-vard/" rel="noopener noreferrer">Läs om nära vård</a></p>',
    "<ul><li>Första</li><li>Andra</li></ul>",
    "<blockquote><p>Det krävs en strukturförändring.</p></blockquote>",
    '<table><thead><tr><th scope="col">Kommun</th></tr></thead><tbody><tr><td>Borås</td></tr></tbody></table>',
    '<img src="/media/uploads/2026/03/karta.png" alt="Karta över Västra Götaland">',
    '<img src="/media/uploads/2026/03/monster.png" alt="" role="presentation">',
]


@pytest.mark.parametrize("markup", ALLOWED_MARKUP)
def test_allowed_markup_survives_to_the_article_page(client, markup):
    article = ArticleFactory(body=markup)

    assertContains(client.get(article.get_absolute_url()), markup, html=True)


@pytest.mark.parametrize("markup", ALLOWED_MARKUP)
def test_allowed_markup_survives_to_the_topic_page(client, markup):
    topic = TopicFactory(body=markup)

    assertContains(client.get(topic.get_absolute_url()), markup, html=True)


EXTERNAL_MARKER = (
    '<span class="external-link-marker"><span class="visually-hidden"> Länk till annan webbplats</span></span>'
)


def test_external_link_gets_the_marker(client):
    article = ArticleFactory(body='<p>Läs mer hos <a href="https://www.regeringen.se/">Regeringskansliet</a>.</p>')

    response = client.get(article.get_absolute_url())

    assertContains(
        response,
        f'<a href="https://www.regeringen.se/" rel="noopener noreferrer">Regeringskansliet{EXTERNAL_MARKER}</a>',
        html=True,
    )


def test_protocol_relative_external_link_gets_the_marker(client):
    article = ArticleFactory(body='<p><a href="//www.regeringen.se/">Regeringskansliet</a></p>')

    response = client.get(article.get_absolute_url())

    assertContains(response, f"Regeringskansliet{EXTERNAL_MARKER}</a>")


@pytest.mark.parametrize(
    "href",
    ["/amnen/nara-vard/", "http://testserver/nyheter/", "mailto:info@vastkom.se", "#kontakt"],
    ids=["relative", "own-host", "mailto", "fragment"],
)
def test_internal_link_gets_no_marker(client, href):
    topic = TopicFactory(body=f'<p><a href="{href}">Intern länk</a></p>')

    response = client.get(topic.get_absolute_url())

    assertContains(response, "Intern länk</a>")
    assertNotContains(response, "Länk till annan webbplats")


def test_every_external_link_gets_its_own_marker(client):
    topic = TopicFactory(
        body='<p><a href="https://a.example/">A</a>, <a href="/amnen/">B</a> och <a href="http://c.example/">C</a></p>'
    )

    content = client.get(topic.get_absolute_url()).content.decode()

    assert content.count("Länk till annan webbplats") == 2


def test_cleaning_drops_image_sizes_and_roles_other_than_presentation():
    """The editor offers no width or height (renditions bring their own), and only a
    decorative image's role="presentation" is kept."""
    cleaned = clean_html('<img src="/media/a.png" alt="A" width="400" height="300" style="float:left" role="button">')

    assert cleaned == '<img src="/media/a.png" alt="A">'


def test_clean_html_keeps_swedish_text_intact():
    assert clean_html("<p>Åäö & ”citat”</p>") == "<p>Åäö &amp; ”citat”</p>"


# Hrefs that browsers resolve off-site (WHATWG URL parsing: "\" is "/" in http(s) URLs, tab
# and newlines are dropped, C0 controls and spaces around the URL trimmed). The test site's
# own pages are http://testserver (SITE_URL), so "https:host" leaves it too.
OFF_SITE_HREFS = [
    pytest.param("/\\evil.example/", id="slash-backslash"),
    pytest.param("\\\\evil.example\\", id="two-backslashes"),
    pytest.param("\\/evil.example/", id="backslash-slash"),
    pytest.param("https:/\\evil.example/", id="scheme-slash-backslash"),
    pytest.param("HTTPS:\\\\evil.example", id="scheme-two-backslashes"),
    pytest.param("https:evil.example/", id="other-scheme-no-slashes"),
    pytest.param("https:///evil.example/", id="three-slashes"),
    pytest.param("/\t/evil.example/", id="tab-between-slashes"),
    pytest.param("/\n\\evil.example/", id="newline-between-slashes"),
    pytest.param("\t \\\\evil.example", id="leading-whitespace"),
    pytest.param("https://evil.example\\@testserver/", id="backslash-ends-host"),
    pytest.param("//user@testserver@evil.example/", id="last-at-sign"),
    pytest.param("&#92;&#92;evil.example", id="entity-backslashes"),
]
ON_SITE_HREFS = [
    pytest.param("http://testserver\\@evil.example/", id="backslash-before-at"),
    pytest.param("http:nyheter/", id="same-scheme-relative"),
    pytest.param("/\\testserver/", id="backslashes-to-own-host"),
    pytest.param("/nyheter/\\\\evil.example", id="backslashes-later-in-path"),
    pytest.param("?q=\\\\evil.example", id="backslashes-in-query"),
]


@pytest.mark.parametrize("href", OFF_SITE_HREFS)
def test_href_a_browser_resolves_off_site_gets_the_marker(client, href):
    article = ArticleFactory(body=f'<p><a href="{href}">Länken</a></p>')

    response = client.get(article.get_absolute_url())

    assertContains(response, f"Länken{EXTERNAL_MARKER}</a>")


@pytest.mark.parametrize("href", ON_SITE_HREFS)
def test_href_a_browser_resolves_on_site_gets_no_marker(client, href):
    article = ArticleFactory(body=f'<p><a href="{href}">Länken</a></p>')

    response = client.get(article.get_absolute_url())

    assertContains(response, "Länken</a>")
    assertNotContains(response, "Länk till annan webbplats")


@pytest.mark.parametrize(
    ("href", "host"),
    [
        ("\x01\x1f //evil.example", "evil.example"),
        ("/\r\n/Evil.Example:8080/x", "evil.example"),
        ("https:\\\\[::1]:8000\\", "[::1]"),
        ("mailto:info@evil.example", None),
        ("/\x01/evil.example", None),
    ],
)
def test_link_host_is_where_a_browser_goes(settings, href, host):
    from vastkom.core.richtext import link_host

    settings.SITE_URL = "https://www.vastkom.se"
    assert link_host(href) == host
