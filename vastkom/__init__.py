"""VästKom webb: settings and root URLs, the kernel (``core/``) and the site (``site/``).

``vastkom.core`` holds the mechanisms every content type shares (publishing, rich text and
the editor, renditions, slugs, the search index); it imports Django and libraries, never an
app. ``vastkom.site`` puts the apps together into one site (home, search, feeds, sitemaps,
demo content, the accessibility statement); it imports the kernel and the apps.
"""
