"""Views shared by every publishable content type: the preview rule for detail pages."""

from django.utils.cache import add_never_cache_headers

from vastkom.core.drafts import working_copy


class PublishedObjectMixin:
    """Detail views of publishable content: the public gets ``published()``, editors preview.

    A logged-in editor with change rights sees drafts and scheduled items at their public
    URL with a "Förhandsgranskning" banner; such responses are never cached. A preview link
    (``vastkom.core.previews``) shows anyone who has it the item's working copy, whatever its state.
    """

    #: Set only by the preview-link view, as the ``as_view()`` argument.
    preview_link = None

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.preview_link is not None:
            return queryset
        return queryset.visible_to(self.request.user)

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        return working_copy(obj) if self.preview_link is not None else obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.preview_link is not None or not self.object.is_published
        context["preview_link"] = self.preview_link
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("preview"):
            add_never_cache_headers(response)
        return response
