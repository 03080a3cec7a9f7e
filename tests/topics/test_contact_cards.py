"""The contact card (``topics.cards``): the markup the include gave, escaped, on every page that shows one."""

import pytest
from django.template import Context, Template

from tests.topics.factories import ContactPersonFactory
from topics.cards import contact_card_html

pytestmark = pytest.mark.django_db

# The template the card was rendered with before it became a function, kept here as the
# reference its markup must equal.
REFERENCE = Template(
    '{% load content_tags i18n %}<div class="contact-card">\n'
    '  {% picture contact.photo_renditions alt="" sizes="120px" css_class="contact-card__photo" %}\n'
    "  <div>\n"
    '    <p class="contact-card__name">{{ contact.name }}</p>\n'
    '    {% if contact.role %}<p class="contact-card__role">{{ contact.role }}</p>{% endif %}\n'
    '    {% if contact.organisation %}<p class="contact-card__org">{{ contact.organisation }}</p>{% endif %}\n'
    '    {% if contact.phone %}<p><span class="visually-hidden">{% translate "Telefon:" %} </span>'
    '<a href="{{ contact.phone_uri }}">{{ contact.phone }}</a></p>{% endif %}\n'
    '    {% if contact.email %}<p><span class="visually-hidden">{% translate "E-post:" %} </span>'
    '<a href="mailto:{{ contact.email }}">{{ contact.email }}</a></p>{% endif %}\n'
    "  </div>\n"
    "</div>\n"
)


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"role": "", "organisation": "", "phone": "", "email": ""},
        {"role": "Samordnare", "organisation": "VästKom", "phone": "+46 (0)31-335 51 99"},
        {"name": '<script>alert("x")</script>', "role": "<b>Chef</b> & ledare", "organisation": "A&O"},
    ],
    ids=["all-fields", "name-only", "organisation-and-phone", "markup-in-fields"],
)
def test_the_contact_card_is_the_markup_of_the_template_it_replaced(fields):
    contact = ContactPersonFactory(**fields)

    assert contact_card_html(contact) == REFERENCE.render(Context({"contact": contact}))


def test_the_contact_card_escapes_what_editors_typed():
    contact = ContactPersonFactory(name='<img src=x onerror="alert(1)">', role="<b>Chef</b>")

    html = contact_card_html(contact)

    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "&lt;b&gt;Chef&lt;/b&gt;" in html
