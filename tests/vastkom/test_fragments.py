"""``{% once %}``: markup rendered once per process, blind to the page it sits on."""

from django.template import Context, Engine
from django.test import override_settings

ENGINE = Engine(libraries={"fragments": "vastkom.core.templatetags.fragments"})


def test_once_renders_its_content_a_single_time():
    template = ENGINE.from_string('{% load fragments %}{% once %}{% now "u" %}{% endonce %}')

    first = template.render(Context())

    assert template.render(Context()) == first  # microseconds: a second render would differ


def test_once_never_sees_the_page_it_is_on():
    """Nothing of one request can be kept for another: the content gets an empty context."""
    template = ENGINE.from_string("{% load fragments %}[{% once %}{{ reader }}{% endonce %}]")

    assert template.render(Context({"reader": "anna@example.se"})) == "[]"
    assert template.render(Context({"reader": "bo@example.se"})) == "[]"


def test_once_renders_again_after_a_setting_changes():
    template = ENGINE.from_string('{% load fragments %}{% once %}{% now "u" %}{% endonce %}')
    before = template.render(Context())

    with override_settings(SITE_URL="https://annan.example.se"):
        assert template.render(Context()) != before


def test_the_footer_and_header_are_on_every_page(client, db):
    for url in ("/", "/sok/", "/finns-inte/"):
        body = client.get(url).content.decode()
        assert '<a href="/nyheter/rss/">Nyheter som RSS</a>' in body, url
        assert '<a class="skip-link" href="#innehall">Gå direkt till innehållet</a>' in body, url
        assert 'action="/sok/"' in body, url
