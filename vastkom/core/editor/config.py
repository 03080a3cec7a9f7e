"""The editor's settings, importable before Django is set up (settings.py reads them)."""

TOOLBAR = [
    ["Format"],
    ["Bold", "Italic"],
    ["NumberedList", "BulletedList", "Blockquote"],
    ["Link", "Unlink"],
    ["Image", "Table"],
    ["Undo", "Redo"],
    ["RemoveFormat", "Source"],
    ["Maximize"],
]

CKEDITOR_SETTINGS = {
    "CKEDITOR_UPLOAD_PATH": "uploads/",
    "CKEDITOR_IMAGE_BACKEND": "ckeditor_uploader.backends.PillowBackend",
    "CKEDITOR_ALLOW_NONIMAGE_FILES": False,
    "CKEDITOR_RESTRICT_BY_DATE": True,
    "CKEDITOR_BROWSE_SHOW_DIRS": False,
    "CKEDITOR_CONFIGS": {
        "default": {
            "language": "sv",
            "toolbar": "VastKom",
            "toolbar_VastKom": TOOLBAR,
            # Headings h2-h4 only: the page title is the one h1.
            "format_tags": "p;h2;h3;h4",
            "height": 360,
            "width": "100%",
            # Keep the editor from offering what the cleaner removes anyway.
            "removePlugins": "exportpdf",
            "disallowedContent": "*[style]; *[on*]; script; iframe; style",
            "removeDialogTabs": "image:advanced;link:advanced",
            "image_prefillDimensions": False,
            "filebrowserUploadMethod": "form",
        },
    },
}
