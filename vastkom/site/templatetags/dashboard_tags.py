from django import template

from vastkom.site.dashboard import dashboard_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def editor_dashboard(context):
    """The start page's panels for the editor looking at it (vastkom/site/dashboard.py)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return dashboard_panels(user=request.user)
