"""Contact cards (article pages, topic pages, search) and lists of links to topics: one function
call instead of a template include or loop of a dozen nodes, with the same markup byte for byte."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from vastkom.core.templatetags.content_tags import picture, short_words


def _line(html) -> str:
    # An absent field leaves its line empty, as the template it replaces did.
    return format_html("    {}\n", html)


def contact_card_html(contact) -> str:
    phone = contact.phone
    email = contact.email
    return format_html(
        '<div class="contact-card">\n  {}\n  <div>\n'
        '    <p class="contact-card__name">{}</p>\n{}{}{}{}'
        "  </div>\n</div>\n",
        picture(contact.photo_renditions, alt="", sizes="120px", css_class="contact-card__photo"),
        contact.name,
        _line(format_html('<p class="contact-card__role">{}</p>', contact.role) if contact.role else ""),
        _line(format_html('<p class="contact-card__org">{}</p>', contact.organisation) if contact.organisation else ""),
        _line(
            format_html(
                '<p><span class="visually-hidden">{} </span><a href="{}">{}</a></p>',
                _("Telefon:"),
                contact.phone_uri,
                phone,
            )
            if phone
            else ""
        ),
        _line(
            format_html(
                '<p><span class="visually-hidden">{} </span><a href="mailto:{}">{}</a></p>', _("E-post:"), email, email
            )
            if email
            else ""
        ),
    )


def topic_links_html(topics, intro_words: int) -> str:
    """``<li>`` items linking topics (sub-topics, related topics): the title, and the intro cut
    to ``intro_words`` words when there is one."""
    return format_html_join(
        "",
        '<li><a href="{}">{}</a>{}</li>',
        (
            (
                topic.get_absolute_url(),
                topic.title,
                format_html("<p>{}</p>", short_words(topic.intro, intro_words)) if topic.intro else "",
            )
            for topic in topics
        ),
    )
