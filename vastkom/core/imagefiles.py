"""Uploaded images made safe to keep: checked, decoded within limits, re-encoded without metadata.

``prepare_image`` is the one guarded path every uploaded image takes (the editor's upload,
paste and drag, and the image library's admin form). It refuses, with a Swedish message and
a ``code``, anything that is not a JPEG, PNG, GIF or WebP that Pillow decodes completely, and
refuses before decoding when the header alone says the image is too big (a decompression
bomb costs nothing). What it returns is a new file: the image turned upright, at most
``IMAGE_STORED_MAX_SIDE`` pixels on its long side, re-encoded with no EXIF, XMP or comments,
so no camera location or serial number is ever stored. Names are short and random.
"""

import os
import secrets
import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from vastkom.core.slugs import swedish_slugify
from vastkom.core.uploadlimits import too_large_message

# Pillow format -> (stored format, stored extension, extensions accepted in the upload's name)
FORMATS = {
    "JPEG": ("JPEG", ".jpg", {".jpg", ".jpeg", ".jpe"}),
    "PNG": ("PNG", ".png", {".png"}),
    # A GIF is kept as a still PNG (its first frame): animations are not for news pages.
    "GIF": ("PNG", ".png", {".gif"}),
    "WEBP": ("WEBP", ".webp", {".webp"}),
}
ACCEPTED_EXTENSIONS = sorted({ext for _f, _e, exts in FORMATS.values() for ext in exts})
MAX_SIDE = 12_000  # a 25 MP limit alone would allow a 1 x 25 000 000 strip
NAME_STEM_LENGTH = 40
SAVE_OPTIONS = {
    "JPEG": {"quality": 88, "optimize": True, "progressive": True},
    "PNG": {"optimize": False},
    "WEBP": {"quality": 88, "method": 4},
}


@dataclass(frozen=True)
class PreparedImage:
    content: ContentFile  # the re-encoded file, named short and random
    width: int
    height: int
    original_name: str


def not_an_image_message() -> str:
    return _("Filen är ingen bild som kan visas. Ladda upp en bild i formatet JPEG, PNG, GIF eller WebP.")


def too_many_pixels_message(max_pixels: int, width: int | None = None, height: int | None = None) -> str:
    size = f" ({width} × {height})" if width and height else ""
    return _(
        "Bilden har för många bildpunkter%(size)s. Största tillåtna storlek är %(megapixels)s megapixlar och "
        "%(side)s bildpunkter på längsta sidan. Minska bilden och försök igen."
    ) % {"size": size, "megapixels": max_pixels // 1_000_000, "side": f"{MAX_SIDE:,}".replace(",", "\u00a0")}


def random_name(original_name: str, extension: str) -> str:
    """``Årsmöte i Borås (1).JPG`` -> ``arsmote-i-boras-1-3f9a1c2b7e.jpg``: short, readable, unguessable."""
    stem = swedish_slugify(os.path.splitext(os.path.basename(original_name or ""))[0], NAME_STEM_LENGTH)
    return f"{stem or 'fil'}-{secrets.token_hex(5)}{extension}"


def dated_path(folder: str, filename: str) -> str:
    """``bilder/2026/11/<filename>``; files reach storage already named by ``random_name``."""
    stem, extension = os.path.splitext(os.path.basename(filename or ""))
    return f"{folder}/{timezone.localtime():%Y/%m}/{stem[: NAME_STEM_LENGTH + 11] or 'fil'}{extension.lower()[:6]}"


def short_original_name(name: str) -> str:
    base = os.path.basename(name or "")
    return base if len(base) <= 120 else base[:100] + "…" + base[-19:]


def refuse(message: str, code: str):
    raise ValidationError(message, code=code)


def prepare_image(uploaded_file, *, max_bytes: int | None = None) -> PreparedImage:
    """The upload re-encoded and safe to store, or ``ValidationError`` (Swedish, with a code)."""
    max_bytes = max_bytes or settings.IMAGE_UPLOAD_MAX_BYTES
    max_pixels = settings.IMAGE_UPLOAD_MAX_PIXELS
    name = getattr(uploaded_file, "name", "") or ""
    extension = os.path.splitext(name.lower())[1]
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > max_bytes:
        refuse(too_large_message(max_bytes), "too_large")
    uploaded_file.seek(0)
    data = uploaded_file.read(max_bytes + 1)
    uploaded_file.seek(0)
    if len(data) > max_bytes:
        refuse(too_large_message(max_bytes), "too_large")
    if not data:
        refuse(not_an_image_message(), "not_an_image")
    try:
        with warnings.catch_warnings():
            # Our own pixel limit, far below Pillow's, is checked right below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data))
    except Image.DecompressionBombError:
        refuse(too_many_pixels_message(max_pixels), "too_many_pixels")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        refuse(not_an_image_message(), "not_an_image")
    with image:
        if image.format not in FORMATS:
            refuse(
                _("Bildformatet stöds inte. Ladda upp en bild i formatet JPEG, PNG, GIF eller WebP."),
                "unsupported_format",
            )
        stored_format, stored_extension, accepted = FORMATS[image.format]
        if extension not in accepted:
            refuse(
                _("Filnamnets ändelse stämmer inte med bildens format. Tillåtna ändelser: %(allowed)s.")
                % {"allowed": ", ".join(ACCEPTED_EXTENSIONS)},
                "wrong_extension",
            )
        width, height = image.size
        # Decided from the header alone, before a single pixel is decoded.
        if width < 1 or height < 1 or width * height > max_pixels or max(width, height) > MAX_SIDE:
            refuse(too_many_pixels_message(max_pixels, width, height), "too_many_pixels")
        try:
            content, out_width, out_height = reencode(image, stored_format)
        except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
            # A truncated or corrupt file ("image file is truncated"): nothing is stored.
            refuse(
                _("Bilden är skadad eller ofullständig och kan inte visas. Spara den på nytt och försök igen."),
                "damaged",
            )
    return PreparedImage(
        content=ContentFile(content, name=random_name(name, stored_extension)),
        width=out_width,
        height=out_height,
        original_name=short_original_name(name),
    )


def reencode(image: Image.Image, stored_format: str) -> tuple[bytes, int, int]:
    """Decode, turn upright, shrink to the stored size and encode again without metadata."""
    limit = settings.IMAGE_STORED_MAX_SIDE
    if image.format == "JPEG":
        # Lets libjpeg decode at 1/2, 1/4 or 1/8 scale when the result is bigger than kept anyway.
        image.draft("RGB", (limit, limit))
    image.load()
    icc_profile = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)
    if upright.mode not in {"RGB", "RGBA", "L", "LA"}:
        has_alpha = "transparency" in upright.info or upright.mode.endswith(("A", "a"))
        upright = upright.convert("RGBA" if has_alpha else "RGB")
    if stored_format == "JPEG" and upright.mode not in {"RGB", "L"}:
        upright = upright.convert("RGB")
    if max(upright.size) > limit:
        upright.thumbnail((limit, limit), Image.Resampling.LANCZOS)
    # Nothing of the original's metadata travels with the pixels (EXIF with GPS, XMP, comments).
    upright.info = {}
    buffer = BytesIO()
    options = dict(SAVE_OPTIONS[stored_format])
    if icc_profile:
        options["icc_profile"] = icc_profile
    upright.save(buffer, stored_format, **options)
    return buffer.getvalue(), upright.width, upright.height
