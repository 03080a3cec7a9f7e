"""The image and document libraries: how files get in, and how rich text shows them.

Every upload takes one of two guarded paths (``image_asset_create``, ``document_create`` /
``document_replace``): the file is checked by content first, and only a file that passed is
written. If writing the row or the renditions fails, the files already written are removed,
so a refused or failed upload never leaves anything under ``MEDIA_ROOT``.

``render_rich_text`` is the rendering half, what every page shows of a rich text: the cleaned
HTML with its link markers (``richtext.render_html``), in which an image
from the library becomes its WebP renditions (``srcset``, ``sizes``, ``width``, ``height``,
``loading="lazy"``; never the stored original), with caption and credit when it stands in a
paragraph of its own; a link to a document gets its type and size, "(PDF, 1,2 MB)".
"""

import html
import logging
import os
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext as _

from vastkom.core.documents import prepare_document
from vastkom.core.imagefiles import prepare_image
from vastkom.core.richtext import render_html

logger = logging.getLogger(__name__)

BODY_IMAGE_SIZES = "(min-width: 60em) 48rem, 100vw"
IMG_RE = re.compile(r"<img\s[^>]*>")
LONE_IMG_RE = re.compile(r"<p>\s*(<img\s[^>]*>)\s*</p>")
ATTR_RE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"')
DOC_LINK_RE = re.compile(r'(<a\s[^>]*?href="/dokument/(?P<pk>\d{1,18})/"[^>]*>)(?P<text>.*?)(</a>)', re.DOTALL)


def _remove_files(storage, names):
    for name in names:
        try:
            if name and storage.exists(name):
                storage.delete(name)
        except OSError:
            logger.warning("Kunde inte ta bort %s efter en misslyckad uppladdning.", name)


def _remove_image_files(storage, name):
    """``name`` and whatever renditions of it were written (``images.make_renditions`` names them)."""
    if not name:
        return
    stem = os.path.splitext(name)[0].replace("/", "_")
    try:
        _dirs, files = storage.listdir("renditions")
    except (OSError, NotImplementedError):
        files = []
    _remove_files(storage, [name] + [f"renditions/{f}" for f in files if f.startswith(f"{stem}-")])


def image_asset_create(
    *, uploaded_file, user=None, alt_text: str = "", caption: str = "", credit: str = "", asset=None
):
    """A library image from an upload, or ``ValidationError`` and nothing written.

    ``asset`` is an unsaved ``ImageAsset`` to fill (the admin's form builds one).
    """
    from vastkom.core.models import ImageAsset

    prepared = prepare_image(uploaded_file)
    if asset is None:
        asset = ImageAsset(alt_text=alt_text.strip()[:250], caption=caption.strip()[:400], credit=credit.strip()[:200])
    asset.original_name = prepared.original_name
    asset.uploaded_by = user if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            asset.file.save(prepared.content.name, prepared.content, save=False)
            asset.save()
    except Exception:
        _remove_image_files(asset.file.storage, asset.file.name)
        raise
    return asset


def document_create(*, uploaded_file, user=None, title: str = "", document=None):
    """A library document from an upload, or ``ValidationError`` and nothing written.

    ``document`` is an unsaved ``Document`` to fill (the admin's form builds one).
    """
    from vastkom.core.models import Document

    prepared = prepare_document(uploaded_file)
    if document is None:
        document = Document(title=title)
    document.title = (document.title.strip() or prepared.title)[:200]
    document.file_type = prepared.file_type
    document.size = prepared.size
    document.original_name = prepared.original_name
    document.uploaded_by = user if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            document.file.save(prepared.stored_name, prepared.file, save=False)
            document.save()
    except Exception:
        _remove_files(document.file.storage, [document.file.name])
        raise
    return document


def document_replace(*, document, uploaded_file, user=None):
    """A new file for ``document``: same row, same public address; the old file goes after commit."""
    from vastkom.core.models import Document

    prepared = prepare_document(uploaded_file)
    storage = document.file.storage
    # From the row: a form may already have put the new upload on the instance.
    old_name = Document.objects.filter(pk=document.pk).values_list("file", flat=True).first() or ""
    try:
        with transaction.atomic():
            document.file.save(prepared.stored_name, prepared.file, save=False)
            document.file_type = prepared.file_type
            document.size = prepared.size
            document.original_name = prepared.original_name
            document.replaced_at = timezone.now()
            document.save()
    except Exception:
        _remove_files(storage, [document.file.name])
        raise
    if old_name and old_name != document.file.name:
        transaction.on_commit(lambda: _remove_files(storage, [old_name]))
    return document


def image_assets_learn_alt_text(*, html_text: str) -> int:
    """Library images used in ``html_text`` with alt text there, and none of their own, keep it."""
    from vastkom.core.models import ImageAsset

    found = {}
    for tag in IMG_RE.findall(html_text or ""):
        attrs = tag_attributes(tag)
        name = media_name(attrs.get("src", ""))
        alt = attrs.get("alt", "").strip()
        if name and alt and attrs.get("role") != "presentation":
            found.setdefault(name, alt[:250])
    updated = 0
    for asset in ImageAsset.objects.filter(file__in=found, alt_text=""):
        updated += ImageAsset.objects.filter(pk=asset.pk, alt_text="").update(alt_text=found[asset.file.name])
    return updated


def tag_attributes(tag: str) -> dict[str, str]:
    return {name.lower(): html.unescape(value) for name, value in ATTR_RE.findall(tag)}


def media_name(src: str) -> str:
    """The storage name of a ``MEDIA_URL`` address, or ``""`` for anything else."""
    media_url = settings.MEDIA_URL
    if not src.startswith(media_url):
        return ""
    return src[len(media_url) :].split("?", 1)[0].split("#", 1)[0]


def picture_tag(asset, alt: str, decorative: bool) -> str:
    sizes = (asset["renditions"] or {}).get("sizes") or []
    default = sizes[-1] if len(sizes) < 3 else sizes[-2]
    srcset = format_html_join(", ", "{} {}w", ((s["url"], s["width"]) for s in sizes))
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} loading="lazy" decoding="async">',
        default["url"],
        srcset,
        BODY_IMAGE_SIZES,
        default["width"],
        default["height"],
        "" if decorative else alt,
        format_html(' role="{}"', "presentation") if decorative else "",
    )


def figure_caption(asset) -> str:
    caption, credit = asset["caption"].strip(), asset["credit"].strip()
    if not (caption or credit):
        return ""
    credit_html = ""
    if credit:
        credit_html = format_html('<span class="credit">{}</span>', _("Foto: %(name)s") % {"name": credit})
    return format_html("<figcaption>{}{}{}</figcaption>", caption, " " if caption and credit else "", credit_html)


def render_rich_text(value: str) -> str:
    """Staff-written rich text as a page shows it: cleaned, external links marked, library
    images as renditions and document links with type and size."""
    return render_library_items(render_html(value))


def render_library_items(value: str) -> str:
    """Library images as renditions and document links with type and size (see the module doc).

    ``value`` is cleaned HTML; everything added here is escaped. One query per kind of item,
    and none for a text without images or document links.
    """
    if "<img" in value:
        value = _render_images(value)
    if 'href="/dokument/' in value:
        value = _render_document_links(value)
    return value


def _render_images(value: str) -> str:
    from vastkom.core.models import ImageAsset

    names = {media_name(tag_attributes(tag).get("src", "")) for tag in IMG_RE.findall(value)} - {""}
    if not names:
        return value
    assets = {
        row["file"]: row
        for row in ImageAsset.objects.filter(file__in=names).values("file", "renditions", "caption", "credit")
        if (row["renditions"] or {}).get("sizes")
    }
    if not assets:
        return value

    def replace(tag):
        attrs = tag_attributes(tag)
        asset = assets.get(media_name(attrs.get("src", "")))
        if asset is None:
            return None, None
        decorative = attrs.get("role") == "presentation"
        return asset, picture_tag(asset, attrs.get("alt", ""), decorative)

    def lone(match):
        asset, img = replace(match.group(1))
        if asset is None:
            return match.group(0)
        caption = figure_caption(asset)
        if not caption:
            return f"<p>{img}</p>"
        return f'<figure class="richtext-figure">{img}{caption}</figure>'

    def inline(match):
        asset, img = replace(match.group(0))
        return match.group(0) if asset is None else img

    value = LONE_IMG_RE.sub(lone, value)
    # Images already turned into renditions carry srcset; the rest are replaced in place.
    return IMG_RE.sub(lambda m: m.group(0) if " srcset=" in m.group(0) else inline(m), value)


def _render_document_links(value: str) -> str:
    from vastkom.core.models import Document

    pks = {int(m.group("pk")) for m in DOC_LINK_RE.finditer(value)}
    documents = {d["pk"]: d for d in Document.objects.filter(pk__in=pks).values("pk", "title", "file_type", "size")}

    def decorate(match):
        document = documents.get(int(match.group("pk")))
        if document is None:
            return match.group(0)
        from vastkom.core.documents import DocumentType, format_size

        text = match.group("text")
        if not re.sub(r"<[^>]*>", "", text).strip() or "/dokument/" in text:
            text = escape(document["title"])
        meta = format_html(
            ' <span class="document-meta">({}, {})</span>',
            DocumentType(document["file_type"]).label,
            format_size(document["size"]),
        )
        return f"{match.group(1)}{text}{meta}{match.group(4)}"

    return DOC_LINK_RE.sub(decorate, value)
