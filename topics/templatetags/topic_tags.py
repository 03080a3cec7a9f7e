"""``{% contact_card contact %}``: a contact person's card (``topics.cards``)."""

from django import template

from topics.cards import contact_card_html

register = template.Library()


@register.simple_tag
def contact_card(contact):
    return contact_card_html(contact)
