"""Views shared by every publishable content type: the preview rule for detail pages."""

from django.utils.cache import add_never_cache_headers


class PublishedObjectMixin:
    """Detail views of publishable content: the public gets ``published()``, editors preview.

    A logged-in editor with change rights sees drafts and scheduled items at their public
    URL with a "Förhandsgranskning" banner; such responses are never cached.
    """

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = not self.object.is_published
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("preview"):
            add_never_cache_headers(response)
        return response
