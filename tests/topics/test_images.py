import re

import pytest
from django.core.files.base import ContentFile
from django.template import Context

from tests.conftest import image_bytes
from tests.topics.factories import ContactPersonFactory, TopicFactory
from tests.topics.test_contact_cards import REFERENCE
from topics.cards import contact_card_html

pytestmark = pytest.mark.django_db


def test_contact_photo_is_shown_as_small_rendition_only(client):
    contact = ContactPersonFactory(photo=ContentFile(image_bytes("JPEG", size=(800, 1000)), name="tove.jpg"))
    topic = TopicFactory(contacts=[contact])

    content = client.get(topic.get_absolute_url()).content.decode()

    assert [s["width"] for s in contact.photo_renditions["sizes"]] == [120, 240]
    assert contact.photo.url not in content
    assert re.search(r'<img src="/media/renditions/[^"]+\.webp"[^>]*class="contact-card__photo"', content)


def test_a_contact_card_with_a_photo_is_the_markup_of_the_template_it_replaced():
    contact = ContactPersonFactory(photo=ContentFile(image_bytes("JPEG", size=(800, 1000)), name="tove.jpg"))

    html = contact_card_html(contact)

    assert 'class="contact-card__photo"' in html
    assert html == REFERENCE.render(Context({"contact": contact}))
