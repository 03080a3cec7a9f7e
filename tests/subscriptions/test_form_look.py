"""What the subscription pages show: topics grouped under their parent, the topic choices tied
to "Nyheter inom de ämnen jag väljer", a linked unsubscribe address, and buttons that remove
something looking different from "Spara"."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from subscriptions.consent import CONSENT_TEXT
from subscriptions.forms import SubscribeForm
from subscriptions.models import Frequency, Subscriber
from subscriptions.tokens import manage_token_make
from tests.subscriptions.factories import SubscriberFactory
from tests.topics.factories import TopicFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/prenumeration/"


@pytest.fixture
def tree():
    health = TopicFactory(title="Kommunal hälso- och sjukvård", order=1)
    welfare = TopicFactory(title="Social välfärd", order=2)
    return {
        "health": health,
        "welfare": welfare,
        "near": TopicFactory(title="Nära vård", parent=health, order=1),
        "staff": TopicFactory(title="Vårdens medarbetare", parent=health, order=2),
        "young": TopicFactory(title="Barn och unga", parent=welfare, order=1),
    }


def titles(nodes):
    return [(n["topic"].title, titles(n["children"])) for n in nodes]


def test_topic_tree_puts_each_subtopic_under_its_parent(tree):
    assert titles(SubscribeForm().topic_tree()) == [
        ("Kommunal hälso- och sjukvård", [("Nära vård", []), ("Vårdens medarbetare", [])]),
        ("Social välfärd", [("Barn och unga", [])]),
    ]


def test_topic_tree_keeps_a_subtopic_whose_parent_is_not_published(tree):
    hidden = TopicFactory(title="Utkast till område", draft=True)
    TopicFactory(title="Eget underämne", parent=hidden)

    top = [title for title, _ in titles(SubscribeForm().topic_tree())]

    assert "Eget underämne" in top and "Utkast till område" not in top


def test_sign_up_page_lists_subtopics_in_a_nested_list_under_their_parent(client, tree):
    content = client.get(SUBSCRIBE).content.decode()

    fieldset = re.search(r'<fieldset class="form-group form-group--topics.*?</fieldset>', content, re.DOTALL).group(0)
    parent_item = re.search(
        r"<li><input[^>]*> <label[^>]*>Kommunal hälso- och sjukvård</label>\s*"
        r'<ul class="choice-list choice-list--nested">(.*?)</ul>',
        fieldset,
        re.DOTALL,
    )
    assert parent_item, fieldset
    assert "Nära vård" in parent_item.group(1) and "Vårdens medarbetare" in parent_item.group(1)
    assert "Barn och unga" not in parent_item.group(1)


def test_topic_choices_are_tied_to_the_follow_choice_for_the_script(client, tree):
    content = client.get(SUBSCRIBE).content.decode()

    assert re.search(r'<fieldset [^>]*data-topics-for="follow" data-off-when="alla"', content)
    assert '<script src="/static/js/subscription-form.js" defer></script>' in content
    assert "Gäller när du valt ”Nyheter inom de ämnen jag väljer”" in content  # the no-script explanation


def test_the_script_disables_the_topics_while_alla_nyheter_is_chosen():
    script = (settings.BASE_DIR / "static" / "js" / "subscription-form.js").read_text()

    assert "fieldset.disabled" in script and "data-off-when" in script


def test_without_script_topics_ticked_with_alla_nyheter_still_give_all_news(client, tree):
    data = {"email": "anna@example.se", "follow": "alla", "topics": [tree["near"].pk], "consent": "on"}

    response = client.post(SUBSCRIBE, {**data, "frequency": Frequency.IMMEDIATE})

    assert response.status_code == 302
    assert Subscriber.objects.get().follows_all


def test_consent_text_links_the_unsubscribe_address(client):
    content = client.get(SUBSCRIBE).content.decode()

    path = reverse("subscriptions:unsubscribe")
    consent = re.search(r'<p id="samtycke-text">(.*?)</p>', content, re.DOTALL).group(1)
    assert f'<a href="{path}">{path}</a>' in consent
    assert consent.startswith(CONSENT_TEXT[:40])


def test_consent_text_link_escapes_everything_else():
    from subscriptions.templatetags.subscription_tags import with_unsubscribe_link

    html = with_unsubscribe_link("<b>Se</b> /prenumeration/avsluta/.")

    assert html == '&lt;b&gt;Se&lt;/b&gt; <a href="/prenumeration/avsluta/">/prenumeration/avsluta/</a>.'


def test_manage_page_buttons_that_remove_something_look_different_from_spara(client):
    subscriber = SubscriberFactory(confirmed=True)
    content = client.get(f"/prenumeration/hantera/{manage_token_make(subscriber=subscriber)}/").content.decode()

    save = re.search(r"<button([^>]*)>Spara</button>", content).group(1)
    unsubscribe = re.search(r"<button([^>]*)>Avsluta prenumerationen</button>", content).group(1)
    erase = re.search(r"<a([^>]*)>Radera alla mina uppgifter</a>", content).group(1)
    assert "button--danger" not in save
    assert "button--danger" in unsubscribe and "button--danger" in erase
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    assert re.search(r"\.button--danger[^{]*\{[^}]*color: var\(--danger\)", css)
