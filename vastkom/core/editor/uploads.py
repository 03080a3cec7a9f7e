"""The editor's uploads and browse dialogs: staff only, CSRF-checked, JSON answers.

CKEditor uploads with ``XMLHttpRequest`` everywhere (paste, drag and the dialogs' upload
tabs: ``filebrowserUploadMethod = "xhr"``), sends Django's CSRF token as ``X-CSRFToken``
(``static/editor/vastkom-editor.js``) and reads a JSON answer. There is no script callback
answer at all, so nothing from the request can end up in a script; ``CKEditorFuncNum`` must be
digits (the browse dialogs hand it back to the editor in JavaScript).

Images go into the image library and documents into the document library through the same
guarded paths as the admin (``vastkom.core.library``); a refused upload answers 400 with a
Swedish message and writes nothing. Byte limits are enforced before the body is read
(``vastkom.core.uploadlimits``).
"""

import re

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from vastkom.core.library import document_create, image_asset_create
from vastkom.core.uploadlimits import too_large_message, upload_limit

FUNC_NUM_RE = re.compile(r"[0-9]{1,6}")
BROWSE_PAGE_SIZE = 36


def refusal(request, message, status=400):
    """Nothing has been stored; the editor shows ``error.message`` (fileTools reads this shape)."""
    return JsonResponse({"uploaded": 0, "error": {"message": str(message)}}, status=status)


def func_num_problem(request) -> str | None:
    value = request.GET.get("CKEditorFuncNum")
    if value is None or FUNC_NUM_RE.fullmatch(value):
        return None
    return _("Ogiltig begäran från editorn. Ladda om sidan och försök igen.")


def uploaded_file_or_problem(request, setting):
    from django.conf import settings

    uploaded_file = request.FILES.get("upload")  # parses the body (the size handler may stop it)
    if getattr(request, "upload_too_large", False):
        return None, too_large_message(getattr(settings, setting))
    if uploaded_file is None:
        return None, _("Ingen fil skickades.")
    return uploaded_file, None


def library_upload(request, setting: str, create, answer):
    """The guarded path both upload views share: the editor's callback number, the file, then
    ``create(uploaded_file=…, user=…)`` into a library; ``answer(item)`` is the editor's JSON."""
    problem = func_num_problem(request)
    if problem:
        return refusal(request, problem)
    uploaded_file, problem = uploaded_file_or_problem(request, setting)
    if problem:
        return refusal(request, problem)
    try:
        item = create(uploaded_file=uploaded_file, user=request.user)
    except ValidationError as error:
        return refusal(request, error.messages[0])
    return JsonResponse({"uploaded": 1, **answer(item)})


@upload_limit("IMAGE_UPLOAD_MAX_BYTES", refuse=refusal)
@never_cache
@require_POST
@staff_member_required
def image_upload(request):
    return library_upload(
        request,
        "IMAGE_UPLOAD_MAX_BYTES",
        image_asset_create,
        lambda asset: {"fileName": asset.original_name, "url": asset.file.url, "id": asset.pk, "alt": asset.alt_text},
    )


@upload_limit("DOCUMENT_UPLOAD_MAX_BYTES", refuse=refusal)
@never_cache
@require_POST
@staff_member_required
def document_upload(request):
    return library_upload(
        request,
        "DOCUMENT_UPLOAD_MAX_BYTES",
        document_create,
        lambda document: {"fileName": document.title, "url": document.get_absolute_url(), "id": document.pk},
    )


def browse_context(request, queryset, search_fields):
    query = " ".join(request.GET.get("q", "").split())[:100]
    if query:
        condition = Q()
        for field in search_fields:
            condition |= Q(**{f"{field}__icontains": query})
        queryset = queryset.filter(condition)
    page = Paginator(queryset, BROWSE_PAGE_SIZE).get_page(request.GET.get("sida"))
    return {
        "page": page,
        "query": query,
        "func_num": request.GET.get("CKEditorFuncNum", ""),
        "editor_name": request.GET.get("CKEditor", "")[:100],
    }


def browse_refusal(request):
    response = render(request, "admin/editor/browse_problem.html", {"message": func_num_problem(request)})
    response.status_code = 400
    return response


@never_cache
@require_GET
@staff_member_required
def image_browse(request):
    """The image dialog's "Bläddra på servern": the library, searchable, in Swedish."""
    from vastkom.core.models import ImageAsset

    if func_num_problem(request):
        return browse_refusal(request)
    context = browse_context(request, ImageAsset.objects.all(), ("alt_text", "caption", "credit", "original_name"))
    return render(request, "admin/editor/browse_images.html", context)


@never_cache
@require_GET
@staff_member_required
def document_browse(request):
    """The link dialog's "Bläddra på servern": the document library."""
    from vastkom.core.models import Document

    if func_num_problem(request):
        return browse_refusal(request)
    context = browse_context(request, Document.objects.all(), ("title", "original_name"))
    return render(request, "admin/editor/browse_documents.html", context)


upload_urlpatterns = [
    path("upload/", image_upload, name="editor-image-upload"),
    path("browse/", image_browse, name="editor-image-browse"),
    path("dokument/upload/", document_upload, name="editor-document-upload"),
    path("dokument/browse/", document_browse, name="editor-document-browse"),
]
