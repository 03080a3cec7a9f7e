"""The checker and the corpus themselves: if the checker could not see these, the XSS tests
could not fail."""

import pytest
from django.core.mail import EmailMultiAlternatives

from tests.security.checker import executable_in_email, executable_in_feed, executable_in_html
from tests.security.corpus import PAYLOADS

KNOWN_BAD = [
    pytest.param("<script>alert(1)</script>", id="script"),
    pytest.param("<img src=x onerror=alert(1)>", id="event-handler"),
    pytest.param('<a href=" &#x6A;ava&#x09;script&colon;alert(1)">x</a>', id="javascript-url-entities-whitespace"),
    pytest.param('<a href="vbscript:msgbox(1)">x</a>', id="vbscript-url"),
    pytest.param('<img src="data:image/svg+xml,<svg onload=alert(1)>">', id="data-url"),
    pytest.param('<form action="javascript:alert(1)"></form>', id="form-action"),
    pytest.param('<button formaction="javascript:alert(1)">x</button>', id="formaction"),
    pytest.param('<img srcset="x 1x, javascript:alert(1) 2x">', id="srcset"),
    pytest.param('<div srcdoc="x"></div>', id="srcdoc"),
    pytest.param('<iframe src="https://evil.example/"></iframe>', id="iframe"),
    pytest.param('<base href="https://evil.example/">', id="base"),
    pytest.param('<meta http-equiv="refresh" content="0;url=https://evil.example/">', id="meta-refresh"),
    pytest.param("<style>p{color:red}</style>", id="style-element"),
    pytest.param('<p style="color:red">x</p>', id="style-attribute"),
    pytest.param('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', id="svg-xlink-href"),
    pytest.param("<svg><animate attributeName=href values=javascript:alert(1) /></svg>", id="svg-animate"),
    pytest.param("<svg><set attributeName=onmouseover to=alert(1) /></svg>", id="svg-set-handler"),
    pytest.param("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", id="mutation"),
    pytest.param("<p>1787569</p>", id="template-output"),
]


def page(body: str) -> str:
    return f"<!DOCTYPE html><html lang=sv><head><title>Sida</title></head><body><main>{body}</main></body></html>"


@pytest.mark.parametrize("snippet", KNOWN_BAD)
def test_checker_finds_what_could_run_in_a_page(snippet):
    assert executable_in_html(page(snippet)) != []


def test_checker_passes_a_page_with_escaped_payloads_and_ordinary_markup():
    body = (
        '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1><p title="&quot; onmouseover=&quot;alert(1)">Text</p>'
        '<a href="/nyheter/">Nyheter</a><a href="https://www.vgregion.se/">VGR</a><img src="/media/x.webp" alt="">'
        '<link rel="stylesheet" href="/static/css/site.css"><meta name="description" content="javascript:alert(1)">'
    )
    assert executable_in_html(page(body)) == []


def test_checker_allows_the_admins_own_scripts_only_on_admin_pages():
    own = '<script src="/static/admin/js/core.js"></script><p style="color:#1a6b2f">Publicerad</p>'

    assert executable_in_html(page(own), admin=True) == []
    assert executable_in_html(page(own)) != []  # the style attribute
    assert executable_in_html(page("<script>alert(1)</script>"), admin=True) != []
    assert executable_in_html(page('<p style="x:expression(alert(1))">x</p>'), admin=True) != []


def test_checker_allows_a_public_page_only_the_sites_own_script_files_as_its_csp_does():
    own = '<script src="/static/js/subscription-form.js" defer></script>'

    assert executable_in_html(page(own)) == []
    assert executable_in_html(page('<script src="/static/js/x.js">alert(1)</script>')) != []
    assert executable_in_html(page('<script src="//evil.example/static/js/x.js"></script>')) != []
    assert executable_in_html(page('<script src="/media/uploads/x.js"></script>')) != []
    assert executable_in_html(page(own), own_scripts=False) != []  # e-mails load no script at all


def feed(title: str, description: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Nyheter</title>'
        f"<link>http://testserver/</link><description>Beskrivning</description><item><title>{title}</title>"
        f"<link>http://testserver/nyheter/x/</link><description>{description}</description></item>"
        "</channel></rss>"
    ).encode()


def test_checker_finds_markup_in_a_feed_description_and_elements_injected_into_an_item():
    assert executable_in_feed(feed("Rubrik", "&lt;p&gt;Ingress&lt;/p&gt;")) == []
    assert executable_in_feed(feed("Rubrik", "&lt;img src=x onerror=alert(1)&gt;")) != []
    assert executable_in_feed(feed("Rubrik</title><script>alert(1)</script><title>x", "Ingress")) != []
    assert executable_in_feed(feed("Rubrik & mer", "Ingress")) != []  # not well-formed


def email(text: str, html: str, subject="Nyhet") -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(subject=subject, body=text, to=["anna@example.se"])
    message.attach_alternative(html, "text/html")
    return message


def test_checker_reads_both_parts_of_an_email():
    assert executable_in_email(email("Text", "<p>Text</p>")) == []
    assert executable_in_email(email("Text", "<p>Text<img src=x onerror=alert(1)></p>")) != []
    assert executable_in_email(email("Svar: 1787569", "<p>Text</p>")) != []
    assert executable_in_email(EmailMultiAlternatives(subject="Nyhet", body="Bara text", to=["a@example.se"])) != []


def test_corpus_has_at_least_200_distinct_payloads_in_every_family():
    families = {p.family for p in PAYLOADS}

    assert len(PAYLOADS) >= 200
    assert len({p.text for p in PAYLOADS}) == len(PAYLOADS)
    assert {"event-handlers", "namespace-confusion", "url-schemes", "mutation", "template-syntax", "css"} <= families
    assert any("\t" in p.text for p in PAYLOADS) and any("\x00" in p.text for p in PAYLOADS)


def test_most_of_the_corpus_would_run_if_a_page_printed_it_raw():
    """The corpus is not made of harmless strings: inserted unescaped, the checker flags most of it.
    (The rest is meant for other contexts: attribute break-outs, template syntax, encodings.)"""
    flagged = [p for p in PAYLOADS if executable_in_html(page(p.text))]

    assert len(flagged) >= 0.7 * len(PAYLOADS)
