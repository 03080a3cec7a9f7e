"""Rich text: cleaning on save (an allowlist) and the small touches added when rendering.

Every rich-text field stores only what ``clean_html`` lets through, so the templates may
mark it safe. ``render_html`` adds the "Länk till annan webbplats" marker to links that
leave the site; it works on already cleaned HTML and escapes nothing new in.
"""

import functools
import html
import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext as _

ALLOWED_TAGS = {
    # h1 is kept so that the quality check can point at it (a body heading at h1 blocks publishing).
    "p", "br", "h1", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "a", "img", "blockquote", "hr",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    # No width or height: pages show images as renditions that bring their own (library.py).
    "img": {"src", "alt"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "*": {"lang"},
}
# An image marked decorative in the editor's image dialog: alt="" role="presentation".
DECORATIVE_IMAGE_ROLE = "presentation"
ALLOWED_ATTRIBUTE_VALUES = {"img": {"role": {DECORATIVE_IMAGE_ROLE}}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Tags whose content is dropped with them, not kept as text.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}


def clean_html(value: str) -> str:
    """Return ``value`` with everything outside the allowlist removed."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def html_to_text(value: str) -> str:
    """Plain text of an HTML fragment (for search indexes, descriptions and e-mail)."""
    text = nh3.clean(value or "", tags=set(), clean_content_tags=DROPPED_WITH_CONTENT)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def internal_hosts() -> set[str]:
    hosts = {h.lower().lstrip(".") for h in settings.ALLOWED_HOSTS if h not in {"*"}}
    site_host = urlsplit(settings.SITE_URL).hostname
    if site_host:
        hosts.add(site_host.lower())
    return hosts


LINK_RE = re.compile(r'(<a\s[^>]*?href="(?P<href>[^"]*)"[^>]*>)(?P<text>.*?)(</a>)', re.DOTALL)


# URL schemes in which a browser reads "\\" as "/" (WHATWG URL: "special" schemes).
SPECIAL_SCHEMES = {"http", "https", "ws", "wss", "ftp", "file"}
SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
TWO_SLASHES_RE = re.compile(r"[/\\]{2}")
C0_CONTROL_OR_SPACE = "".join(chr(i) for i in range(0x21))


def site_scheme() -> str:
    return urlsplit(settings.SITE_URL).scheme.lower() or "https"


def link_host(href: str, base_scheme: str | None = None) -> str | None:
    """The host (lower case) a browser goes to when it follows ``href`` on one of our pages;
    ``None`` when the link stays on our host or goes nowhere on the network (``mailto:``).

    Parsed the way browsers parse it (the WHATWG URL standard), not as ``urlsplit`` does:
    C0 controls and spaces around the URL are trimmed and tab and newlines dropped anywhere;
    in http(s) URLs a backslash is a slash and any number of them may precede the host, so
    ``/\\evil.example/``, ``\\\\evil.example`` and ``https:/\\evil.example`` all leave the site.
    """
    base_scheme = base_scheme or site_scheme()
    url = re.sub("[\t\n\r]", "", html.unescape(href).strip(C0_CONTROL_OR_SPACE))
    if match := SCHEME_RE.match(url):
        scheme, rest = match.group(1).lower(), url[match.end() :]
        if scheme not in SPECIAL_SCHEMES:
            return None
        if scheme == base_scheme and not TWO_SLASHES_RE.match(rest):
            return None  # "http:nyheter/" on an http page is a path on this site
        authority = rest.lstrip("/\\")
    elif TWO_SLASHES_RE.match(url):
        authority = url.lstrip("/\\")  # protocol-relative: "//host/", "/\host/", "\\host"
    else:
        return None
    host = re.split(r"[/\\?#]", authority, maxsplit=1)[0].rpartition("@")[2]
    host = host[: host.find("]") + 1] if host.startswith("[") else host.split(":", 1)[0]
    return host.lower() or None


def is_external(href: str, hosts: set[str], base_scheme: str | None = None) -> bool:
    host = link_host(href, base_scheme)
    if host is None:
        return False
    return not any(host == h or host.endswith("." + h) for h in hosts)


def external_marker() -> str:
    return format_html(
        '<span class="external-link-marker"><span class="visually-hidden"> {}</span></span>',
        _("Länk till annan webbplats"),
    )


@functools.lru_cache(maxsize=512)
def _render(value: str, hosts: frozenset[str], base_scheme: str = "https") -> str:
    marker = external_marker()

    def mark(match):
        if not is_external(match.group("href"), hosts, base_scheme):
            return match.group(0)
        return f"{match.group(1)}{match.group('text')}{marker}{match.group(4)}"

    # Cleaned again on the way out: rows written around save() (raw fixture loads,
    # queryset updates) must not be able to reach a page uncleaned either.
    return LINK_RE.sub(mark, clean_html(value))


def render_html(value: str) -> str:
    """Cleaned HTML with the external-link marker. Pages show it through
    ``library.render_rich_text``, which also turns library items into renditions and sized
    document links."""
    if not value:
        return ""
    return _render(value, frozenset(internal_hosts()), site_scheme())
