"""``{% contact_card contact %}``: a contact person's card; ``{% topic_links topics words %}``:
links to topics with their intros cut to ``words`` (``topics.cards``)."""

from django import template

from topics.cards import contact_card_html, topic_links_html

register = template.Library()


@register.simple_tag
def contact_card(contact):
    return contact_card_html(contact)


@register.simple_tag
def topic_links(topics, intro_words):
    return topic_links_html(topics, intro_words)
