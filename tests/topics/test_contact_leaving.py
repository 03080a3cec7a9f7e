"""A contact person who leaves: making them inactive asks first, listing the pages that show them."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from tests.vastkom.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


def change_url(contact):
    return f"/admin/topics/contactperson/{contact.pk}/change/"


@pytest.fixture
def contact_in_use():
    contact = ContactPersonFactory(name="Tove Lindqvist")
    TopicFactory(title="Nära vård", contacts=[contact])
    ArticleFactory(title="Konferens om nära vård", contacts=[contact])
    TopicFactory(title="Utkast om vård", contacts=[contact], draft=True)
    return contact


def test_making_a_contact_inactive_asks_first_and_lists_the_published_pages(publisher_client, contact_in_use):
    data = admin_form_data(publisher_client.get(change_url(contact_in_use)), active=False)

    response = publisher_client.post(change_url(contact_in_use), data)

    assert response.status_code == 200
    assertTemplateUsed(response, "admin/topics/contactperson/deactivate_confirmation.html")
    assertContains(response, "Tove Lindqvist visas på 2 publicerade sidor.")
    assertContains(response, "Nära vård")
    assertContains(response, "Konferens om nära vård")
    assertNotContains(response, "Utkast om vård")
    contact_in_use.refresh_from_db()
    assert contact_in_use.active is True


def test_confirming_makes_the_contact_inactive_with_the_rest_of_the_form(publisher_client, contact_in_use):
    data = admin_form_data(publisher_client.get(change_url(contact_in_use)), active=False, role="Slutat")
    confirmation = publisher_client.post(change_url(contact_in_use), data)
    posted = dict(confirmation.context["posted"])

    response = publisher_client.post(change_url(contact_in_use), {**posted, "_confirm_inactive": "1"})

    assert response.status_code == 302
    contact_in_use.refresh_from_db()
    assert (contact_in_use.active, contact_in_use.role) == (False, "Slutat")


def test_a_contact_on_no_published_page_is_made_inactive_at_once(publisher_client):
    contact = ContactPersonFactory()
    TopicFactory(contacts=[contact], draft=True)

    response = publisher_client.post(
        change_url(contact), admin_form_data(publisher_client.get(change_url(contact)), active=False)
    )

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.active is False


def test_a_writer_may_add_contacts_but_not_change_those_in_use(writer_client, contact_in_use):
    assert writer_client.get("/admin/topics/contactperson/add/").status_code == 200

    response = writer_client.post(change_url(contact_in_use), {"name": "Annat", "active": ""})

    assert response.status_code == 403
    contact_in_use.refresh_from_db()
    assert contact_in_use.active is True
