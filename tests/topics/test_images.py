import re

import pytest
from django.core.files.base import ContentFile

from tests.conftest import image_bytes
from tests.topics.factories import ContactPersonFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_contact_photo_is_shown_as_small_rendition_only(client):
    contact = ContactPersonFactory(photo=ContentFile(image_bytes("JPEG", size=(800, 1000)), name="tove.jpg"))
    topic = TopicFactory(contacts=[contact])

    content = client.get(topic.get_absolute_url()).content.decode()

    assert [s["width"] for s in contact.photo_renditions["sizes"]] == [120, 240]
    assert contact.photo.url not in content
    assert re.search(r'<img src="/media/renditions/[^"]+\.webp"[^>]*class="contact-card__photo"', content)
