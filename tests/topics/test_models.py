import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests.topics.factories import ContactPersonFactory, TopicFactory
from topics.models import ContactPerson
from topics.selectors import ancestors_of


@pytest.mark.parametrize(
    ("phone", "uri"),
    [
        ("031-335 51 99", "tel:+46313355199"),
        ("0707-12 34 56", "tel:+46707123456"),
        ("+46 31 335 51 99", "tel:+46313355199"),
        ("0046 31 335 51 99", "tel:+46313355199"),
        ("+46 (0)31-335 51 99", "tel:+46313355199"),
        ("", ""),
    ],
)
def test_phone_uri_is_international_tel_link(phone, uri):
    assert ContactPerson(name="Tove", phone=phone).phone_uri == uri


def test_contact_refuses_phone_without_digits():
    with pytest.raises(ValidationError) as raised:
        ContactPerson(name="Tove", phone="ring växeln").clean()

    assert raised.value.error_dict["phone"][0].code == "phone"


@pytest.mark.django_db
def test_contact_str_names_person_and_role():
    assert str(ContactPersonFactory(name="Tove Lindqvist", role="Analytiker")) == "Tove Lindqvist, Analytiker"


@pytest.mark.django_db
def test_topic_clean_refuses_a_cycle():
    grandparent = TopicFactory()
    parent = TopicFactory(parent=grandparent)
    child = TopicFactory(parent=parent)

    grandparent.parent = child
    with pytest.raises(ValidationError) as raised:
        grandparent.clean()

    assert raised.value.error_dict["parent"][0].code == "cycle"


@pytest.mark.django_db
def test_topic_clean_refuses_itself_as_parent():
    topic = TopicFactory()

    topic.parent = topic
    with pytest.raises(ValidationError) as raised:
        topic.clean()

    assert raised.value.error_dict["parent"][0].code == "cycle"


@pytest.mark.django_db
def test_topic_clean_accepts_a_new_parent_elsewhere_in_the_tree():
    area = TopicFactory()
    other = TopicFactory(parent=TopicFactory())
    topic = TopicFactory(parent=area)

    topic.parent = other
    topic.clean()


@pytest.mark.django_db
def test_database_refuses_a_topic_as_its_own_parent():
    topic = TopicFactory()

    topic.parent_id = topic.pk
    with pytest.raises(IntegrityError):
        topic.save()


@pytest.mark.django_db
def test_topic_ancestors_run_from_the_root():
    root = TopicFactory(title="Hälso- och sjukvård")
    middle = TopicFactory(title="Nära vård", parent=root)
    leaf = TopicFactory(title="Egenvård", parent=middle)

    assert [a["title"] for a in ancestors_of(leaf)] == ["Hälso- och sjukvård", "Nära vård"]
