"""``{% article_card article %}``: a news card in a list; ``{% news_links links %}``: a list of
linked titles with dates (``articles.cards``)."""

from django import template

from articles.cards import DEFAULT_THUMB_SIZES, card_html, news_links_html

register = template.Library()


@register.simple_tag
def article_card(article, heading_level=3, lead_words=40, thumb_sizes=DEFAULT_THUMB_SIZES):
    return card_html(article, heading_level=heading_level, lead_words=lead_words, thumb_sizes=thumb_sizes)


@register.simple_tag
def news_links(links):
    return news_links_html(links)
