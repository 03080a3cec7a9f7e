"""Views shared by every content type: the preview rule for detail pages, library documents."""

import logging

from csp.decorators import csp_exempt
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from vastkom.core.documents import CONTENT_TYPES, EXTENSIONS, DocumentType
from vastkom.core.drafts import working_copy
from vastkom.core.models import Document
from vastkom.core.slugs import swedish_slugify

logger = logging.getLogger(__name__)


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
        if self.preview_link is None:
            return super().get_object(queryset)
        queryset = self.get_queryset() if queryset is None else queryset
        obj = super().get_object(queryset)
        # The view's prefetched lists (e.g. the public topics) follow the draft's relations.
        return working_copy(obj, prefetched=queryset._prefetch_related_lookups)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.preview_link is not None or not self.object.is_published
        context["preview_link"] = self.preview_link
        # A link to changes of a page the public already sees: the banner says they are changes.
        context["preview_of_changes"] = self.preview_link is not None and self.object.is_published
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("preview"):
            add_never_cache_headers(response)
        return response


class DocumentFileView(View):
    """``/dokument/<id>/``: a library document under an address that outlives its file.

    Replacing the file keeps the row, so links in published texts keep working. The answer
    carries the type we recognised from the content (never the name's), and a missing file is
    a 404 and a log line, never a 500. No CSP header: the answer is a file for the browser's
    PDF viewer or a download, not a page.
    """

    model = Document

    @method_decorator(csp_exempt())
    def get(self, request, pk):
        document = get_object_or_404(Document, pk=pk)
        try:
            handle = document.file.storage.open(document.file.name, "rb")
        except (FileNotFoundError, OSError, ValueError):
            logger.warning("Dokumentet %s saknar sin fil %r.", document.pk, document.file.name)
            raise Http404(_("Dokumentet finns inte.")) from None
        filename = f"{swedish_slugify(document.title) or 'dokument'}{EXTENSIONS[document.file_type]}"
        response = FileResponse(
            handle,
            content_type=CONTENT_TYPES[document.file_type],
            as_attachment=document.file_type != DocumentType.PDF,
            filename=filename,
        )
        # Short, so that a replaced file reaches readers soon.
        response["Cache-Control"] = "public, max-age=300"
        return response
