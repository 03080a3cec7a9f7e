"""Contact cards (article pages, topic pages, search): one function call per card instead of a
template include of a dozen nodes, with the same markup byte for byte."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from vastkom.core.templatetags.content_tags import picture


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
