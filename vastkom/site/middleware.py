"""The Swedish "Sidan hittades inte" page in the local demo too.

With DEBUG on, Django answers a missing page with its English debug page (the URL patterns it
tried). Visitors of the local demo get the site's own 404 page instead, as in production.
Server errors keep Django's debug page with the traceback: that one is for the developer.
"""

from django.conf import settings

from vastkom.site import views


class FriendlyNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and not getattr(response, "is_site_404", False):
            return views.page_not_found(request)
        return response
