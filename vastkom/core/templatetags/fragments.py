"""``{% once %}…{% endonce %}``: markup rendered once per process and then reused.

For the parts of every page that depend on nothing but the code, the settings, the
translations and the URL configuration: the footer, the logo, the search box of the header.
Rendering them costs a few dozen template nodes (``{% translate %}``, ``{% url %}``,
``{% static %}``, ``{% include %}``) on every request for the same bytes each time.

The content is rendered with an **empty context** (``context.new()``): it cannot see the
request, the page's object or anything a view passed, so it cannot keep one reader's page
for another; a variable inside renders as it would for a page that has none, on every page
alike, and the mistake shows at once. Never put a ``{% block %}`` inside: a child template
could not replace it.

Kept on the parsed template (so as long as the template loader keeps it, and anew when a
template is edited and parsed again) per language and script prefix; forgotten when a
setting changes (tests).
"""

import itertools

from django import template
from django.core.signals import setting_changed
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Moves on when a setting changes: what was kept before is not used after.
_epochs = itertools.count()
_epoch = next(_epochs)


class OnceNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered: dict[tuple, str] = {}

    def render(self, context):
        key = (_epoch, get_language(), get_script_prefix())
        html = self.rendered.get(key)
        if html is None:
            html = self.nodelist.render(context.new())
            self.rendered = {key: html}
        # Rendered by the template engine, which escaped every variable: safe as it was.
        return mark_safe(html)  # noqa: S308


@register.tag
def once(parser, token):
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(nodelist)


def forget(**kwargs) -> None:
    global _epoch
    _epoch = next(_epochs)


setting_changed.connect(forget, dispatch_uid="fragments.once.forget")
