"""The editor's settings, importable before Django is set up (settings.py reads them).

The editor offers exactly what survives cleaning: CKEditor's Advanced Content Filter gets
the same allowlist as ``richtext.clean_html`` (``allowed_content()``), and CKEditor then hides
every dialog field whose markup is not allowed: no width, height, border, spacing or float
in the image dialog, no target or pop-up in the link dialog, no table width, border or
spacing. There are no font, colour or style menus. Two configurations differ only in the
"Källa" (HTML source) button, which only publishers get (``editor.admin``).
"""

from vastkom.core.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

TOOLBAR = [
    ["Format"],
    ["Bold", "Italic"],
    ["NumberedList", "BulletedList", "Blockquote"],
    ["Link", "Unlink"],
    ["Image", "Table", "HorizontalRule"],
    ["Undo", "Redo"],
    ["RemoveFormat"],
    ["Maximize"],
]
TOOLBAR_WITH_SOURCE = [*TOOLBAR[:-1], ["Source"], TOOLBAR[-1]]


def allowed_content() -> str:
    """The cleaning allowlist in CKEditor's ACF syntax: ``a[!href,hreflang,lang,title]; ...``."""
    shared = sorted(ALLOWED_ATTRIBUTES.get("*", set()))
    extra = {"img": {"role"}}  # role="presentation" marks a decorative image (richtext.py)
    required = {"a": "href", "img": "src"}
    rules = []
    plain = []
    for tag in sorted(ALLOWED_TAGS):
        attributes = sorted(set(ALLOWED_ATTRIBUTES.get(tag, set())) | extra.get(tag, set()) | set(shared))
        if tag in required:
            attributes = [f"!{a}" if a == required[tag] else a for a in attributes]
        if attributes == shared:
            plain.append(tag)
        else:
            rules.append(f"{tag}[{','.join(attributes)}]")
    return "; ".join([f"{' '.join(plain)}[{','.join(shared)}]", *rules])


BASE_CONFIG = {
    "language": "sv",
    "toolbar": "VastKom",
    "toolbar_VastKom": TOOLBAR,
    # Headings h2-h4 only: the page title is the one h1.
    "format_tags": "p;h2;h3;h4",
    "height": 360,
    "width": "100%",
    "allowedContent": allowed_content(),
    # The upload widget's marker on a pasted image while it uploads; it never reaches the saved text.
    "extraAllowedContent": "img[data-widget]",
    "removePlugins": "exportpdf,scayt,wsc,elementspath",
    "removeDialogTabs": "image:advanced;image:Link;link:advanced;link:target;table:advanced",
    "linkShowAdvancedTab": False,
    "linkShowTargetTab": False,
    "image_prefillDimensions": False,
    "image_previewText": "Så här placeras bilden i texten. Förhandsvisningen visar bara ungefär hur sidan blir.",
    # Uploads by XMLHttpRequest everywhere (dialogs, paste, drag): JSON answers, CSRF header.
    "filebrowserUploadMethod": "xhr",
    "filebrowserWindowWidth": "900",
    "filebrowserWindowHeight": "700",
    # Pasted or dropped images are uploaded (uploadimage), never kept as data: URLs.
    "clipboard_handleImages": False,
}

CKEDITOR_SETTINGS = {
    "CKEDITOR_CONFIGS": {
        "default": BASE_CONFIG,
        "source": {**BASE_CONFIG, "toolbar_VastKom": TOOLBAR_WITH_SOURCE},
    },
}
