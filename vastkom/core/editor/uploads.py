"""Image uploads from the editor: staff only, images only, verified with Pillow."""

import os
from io import BytesIO

from ckeditor_uploader import views as ckeditor_views
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.utils.html import escapejs
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"JPEG": {".jpg", ".jpeg"}, "PNG": {".png"}, "GIF": {".gif"}, "WEBP": {".webp"}}
MAX_IMAGE_PIXELS = 40_000_000


def image_problem(uploaded_file):
    """Why ``uploaded_file`` is not an acceptable image, in Swedish, or ``None`` if it is."""
    extension = os.path.splitext(uploaded_file.name.lower())[1]
    allowed = ", ".join(sorted({e for exts in ALLOWED_IMAGE_FORMATS.values() for e in exts}))
    data = uploaded_file.read()
    uploaded_file.seek(0)
    try:
        with Image.open(BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return _("Filen är ingen bild som kan visas. Ladda upp en bild i formatet JPEG, PNG, GIF eller WebP.")
    if image_format not in ALLOWED_IMAGE_FORMATS:
        return _("Bildformatet stöds inte. Ladda upp en bild i formatet JPEG, PNG, GIF eller WebP.")
    if extension not in ALLOWED_IMAGE_FORMATS[image_format]:
        return _("Filnamnets ändelse stämmer inte med bildens format. Tillåtna ändelser: %(allowed)s.") % {
            "allowed": allowed
        }
    if width * height > MAX_IMAGE_PIXELS:
        return _("Bilden är för stor. Största tillåtna storlek är 40 megapixlar.")
    return None


class GuardedImageUploadView(ckeditor_views.ImageUploadView):
    """CKEditor's upload, refusing anything that Pillow does not verify as an image."""

    def post(self, request, **kwargs):
        uploaded_file = request.FILES.get("upload")
        if uploaded_file is None:
            problem = _("Ingen fil skickades.")
        else:
            problem = image_problem(uploaded_file)
        if problem:
            return refusal(request, problem)
        return super().post(request, **kwargs)


def refusal(request, message):
    """Nothing has been stored; tell the editor why, in the form its upload dialog reads."""
    func_num = request.GET.get("CKEditorFuncNum", "")
    if func_num.isdigit():
        # Upload method "form" (our config): the dialog reads the answer in a frame and shows
        # only the message of this callback; a JSON body would leave the editor without a word.
        return HttpResponse(
            f"<script>window.parent.CKEDITOR.tools.callFunction({func_num}, '', '{escapejs(message)}');</script>",
            status=400,
        )
    # Drag-and-drop and paste (upload method "xhr") read ``error.message``.
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=400)


# Staff only; CSRF-exempt like upstream because CKEditor 4 posts without the token.
# Session cookies are SameSite=Lax, so another site cannot make an editor's browser post here.
# Its answer loads in the editor's same-origin frame (upload method "form"); all else is DENY.
upload = xframe_options_sameorigin(csrf_exempt(staff_member_required(GuardedImageUploadView.as_view())))
browse = never_cache(staff_member_required(ckeditor_views.browse))

upload_urlpatterns = [
    path("upload/", upload, name="ckeditor_upload"),
    path("browse/", browse, name="ckeditor_browse"),
]
