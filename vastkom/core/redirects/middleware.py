"""Redirects are looked up only when the site has answered 404: ordinary pages pay nothing."""

from django.http import HttpResponsePermanentRedirect

from vastkom.core.redirects.models import Redirect


class RedirectFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in {"GET", "HEAD"}:
            return response
        if "\x00" in request.path:
            return response  # no stored address holds a NUL byte (PostgreSQL cannot even compare one)
        target = Redirect.objects.filter(old_path=request.path).values_list("new_path", flat=True).first()
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        if query and "?" not in target and target.startswith("/"):
            target = f"{target}?{query}"
        return HttpResponsePermanentRedirect(target)
