"""Byte limits on request bodies, enforced before anything reads the body.

Django reads a POST body the first time ``request.POST`` or ``request.FILES`` is touched, and
the CSRF middleware touches it before any view runs; a limit checked in the view comes too
late (a 50 MB upload is already on disk). So this middleware, placed before
``CsrfViewMiddleware``, looks at ``Content-Length`` in ``process_view`` (which runs in
middleware order, before the CSRF check) and answers at once when the body is too big:

- a view marked with ``@upload_limit(setting, refuse=...)`` gets its own limit and answer
  (the editor's uploads answer in the JSON the editor reads);
- every other request is held to ``settings.REQUEST_MAX_BYTES``.

Django only reads as many bytes as ``Content-Length`` says (no header: an empty body), so the
header bounds what can be read. For a marked view, an upload handler also stops any single
file that grows past the limit while the body is parsed.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload, load_handler
from django.http import HttpResponse
from django.utils.translation import gettext as _

# Room for the multipart boundaries, headers and small form fields around the file.
MULTIPART_OVERHEAD = 64 * 1024


def upload_limit(setting: str, *, refuse):
    """Mark a view: bodies over ``settings.<setting>`` bytes (plus multipart overhead) get
    ``refuse(request, message)`` before anything reads them. Apply it outermost."""

    def decorator(view):
        view.upload_max_bytes_setting = setting
        view.upload_refuse = refuse
        return view

    return decorator


def too_large_message(max_bytes: int) -> str:
    return _("Filen är för stor. Största tillåtna storlek är %(size)s.") % {"size": format_megabytes(max_bytes)}


def format_megabytes(n_bytes: int) -> str:
    megabytes = n_bytes / 1_000_000
    text = f"{megabytes:.0f}" if megabytes == int(megabytes) else f"{megabytes:.1f}".replace(".", ",")
    return f"{text} MB"


def content_length(request) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


class FileTooLarge(StopUpload):
    """Raised by the handler; the parser then stops, and the view finds the flag on the request."""


class MaxFileSizeUploadHandler(FileUploadHandler):
    """Stops the upload as soon as one file is larger than ``max_bytes``."""

    def __init__(self, request, max_bytes):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self.request.upload_too_large = True
            raise FileTooLarge(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in {"GET", "HEAD", "OPTIONS"}:
            return None
        length = content_length(request)
        setting = getattr(view_func, "upload_max_bytes_setting", None)
        if setting is None:
            if length > settings.REQUEST_MAX_BYTES:
                return HttpResponse(
                    too_large_message(settings.REQUEST_MAX_BYTES), status=413, content_type="text/plain; charset=utf-8"
                )
            return None
        max_bytes = getattr(settings, setting)
        if length > max_bytes + MULTIPART_OVERHEAD:
            return view_func.upload_refuse(request, too_large_message(max_bytes))
        request.upload_too_large = False
        request.upload_handlers = [
            MaxFileSizeUploadHandler(request, max_bytes),
            *(load_handler(path, request) for path in settings.FILE_UPLOAD_HANDLERS),
        ]
        return None
