"""What "nothing executable" means, checked on the tree a browser would build.

Pages, feed descriptions and HTML e-mails are parsed with html5lib, which implements the
WHATWG parsing algorithm: foreign content (SVG, MathML), raw-text elements and the adoption
agency come out as in a browser, so mutation XSS is judged on the real tree and not on the
string. A finding is a short text naming the element and what is wrong with it; an empty list
means the document is clean.
"""

import re
import xml.etree.ElementTree as ET
from email import message_from_bytes, policy

import html5lib
from django.conf import settings

# Elements that run or embed code, or redirect the page, wherever they appear.
EMBEDDING_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
# Attributes whose value is a URL a browser may navigate to, load or submit to.
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "background", "lowsrc", "dynsrc",
    "codebase", "cite", "longdesc", "manifest", "ping", "icon", "usemap", "xlink:href",
}  # fmt: skip
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
# SVG animation attributes that can write a javascript: URL into another attribute.
ANIMATION_ATTRIBUTES = {"values", "to", "from", "by"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
EXECUTABLE_CSS = re.compile(r"expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding|@import", re.IGNORECASE)
# 1337*1337: a template payload that was evaluated.
TEMPLATE_OUTPUT = "1787569"


def local_name(qualified: str) -> str:
    """``{namespace}name`` -> ``name``; xlink's href stays ``xlink:href``."""
    if qualified.startswith("{http://www.w3.org/1999/xlink}"):
        return "xlink:" + qualified.rsplit("}", 1)[1]
    return qualified.rsplit("}", 1)[-1].lower()


def url_is_dangerous(value: str) -> bool:
    """As a browser reads a URL: C0 controls and spaces trimmed, tab and newlines dropped."""
    squeezed = re.sub(r"[\t\n\r]", "", value.strip("".join(chr(i) for i in range(0x21)))).lower()
    return squeezed.startswith(DANGEROUS_SCHEMES)


def executable_in_tree(root, *, admin: bool = False, own_scripts: bool = False) -> list[str]:
    """Findings in a parsed tree.

    ``admin`` allows what Django's admin itself carries: scripts loaded from ``STATIC_URL``,
    JSON data blocks and style attributes without executable CSS. ``own_scripts`` allows a
    public page what its Content Security Policy allows: the site's own script files from
    ``STATIC_URL``, never inline code. Feeds and e-mails allow no script, no style element and
    no style attribute at all.
    """
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment: inert
        tag = local_name(element.tag)
        attrs = {local_name(k): v for k, v in element.attrib.items()}
        text = "".join(element.itertext()) if tag in {"script", "style"} else ""
        if tag == "script":
            src = attrs.get("src", "")
            own_static = (
                (admin and src.startswith((settings.STATIC_URL, "/admin/jsi18n/")))
                or (own_scripts and src.startswith(settings.STATIC_URL) and "//" not in src)
            ) and not text.strip()
            json_data = admin and attrs.get("type") == "application/json"
            if not (own_static or json_data):
                found.append(f"<script> {attrs.get('src', '')}{text[:60]!r}")
        elif tag == "style" and (not admin or EXECUTABLE_CSS.search(text)):
            found.append(f"<style> {text[:60]!r}")
        if tag in EMBEDDING_ELEMENTS:
            found.append(f"<{tag}>")
        if tag == "meta" and attrs.get("http-equiv", "").strip().lower() in {"refresh", "set-cookie"}:
            found.append(f"<meta http-equiv={attrs['http-equiv']}>")
        if tag == "link" and attrs.get("rel", "").strip().lower() == "import":
            found.append("<link rel=import>")
        if tag.startswith(("set", "animate")) and attrs.get("attributename", "").lower().startswith(("on", "href")):
            found.append(f"<{tag} attributeName={attrs['attributename']}>")
        if tag.startswith(("set", "animate")) and attrs.get("attributename", "").lower() == "xlink:href":
            found.append(f"<{tag} attributeName={attrs['attributename']}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            elif name == "srcdoc":
                found.append(f"<{tag} srcdoc>")
            elif name in URL_ATTRIBUTES and url_is_dangerous(value):
                found.append(f"<{tag} {name}={value[:60]!r}>")
            elif name in SRCSET_ATTRIBUTES and any(url_is_dangerous(part) for part in value.split(",")):
                found.append(f"<{tag} {name}={value[:60]!r}>")
            elif name in ANIMATION_ATTRIBUTES and "script:" in value.lower():
                found.append(f"<{tag} {name}={value[:60]!r}>")
            elif name == "style" and (not admin or EXECUTABLE_CSS.search(value)):
                found.append(f"<{tag} style={value[:60]!r}>")
    return found


def unescaped_template_output(text: str) -> list[str]:
    found = []
    if TEMPLATE_OUTPUT in text:
        found.append(f"template output {TEMPLATE_OUTPUT} (1337*1337 was evaluated)")
    if settings.SECRET_KEY in text:
        found.append("the SECRET_KEY")
    return found


def executable_in_html(
    document: str, *, admin: bool = False, fragment: bool = False, own_scripts: bool = True
) -> list[str]:
    """Findings in an HTML page (or a fragment, e.g. a feed's description: no script at all)."""
    if fragment:
        root = html5lib.parseFragment(document, treebuilder="etree", namespaceHTMLElements=False)
    else:
        root = html5lib.parse(document, treebuilder="etree", namespaceHTMLElements=False)
    text = " ".join(root.itertext()) + " ".join(v for el in root.iter() for v in getattr(el, "attrib", {}).values())
    own_scripts = own_scripts and not fragment
    return executable_in_tree(root, admin=admin, own_scripts=own_scripts) + unescaped_template_output(text)


RSS_ITEM_CHILDREN = {"title", "link", "description", "pubDate", "guid", "category", "author", "comments"}


def executable_in_feed(content: bytes) -> list[str]:
    """Findings in an RSS feed: it must be well-formed XML whose items hold only RSS elements
    (no element injected through a title), and whose descriptions (HTML to readers) are clean."""
    try:
        root = ET.fromstring(content)
    except ET.ParseError as error:
        return [f"feed is not well-formed XML: {error}"]
    found = []
    channel = root.find("channel")
    for item in channel.iter("item"):
        extra = {child.tag for child in item} - RSS_ITEM_CHILDREN
        if extra:
            found.append(f"feed item has foreign elements {sorted(extra)}")
    for description in channel.iter("description"):
        found += [f"feed description: {f}" for f in executable_in_html(description.text or "", fragment=True)]
    text = " ".join(root.itertext())
    return found + unescaped_template_output(text)


def executable_in_email(message) -> list[str]:
    """Findings in both parts of an e-mail, read back from the bytes a server would get.

    The plain-text part is text to every mail program; it must be ``text/plain`` and carry no
    template output. The HTML part is checked as a public page. Every header is one line.
    """
    parsed = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    found = []
    for name, value in parsed.items():
        if "\n" in str(value).strip() or "\r" in str(value).strip():
            found.append(f"header {name} spans lines")
    parts = {part.get_content_type(): part.get_content() for part in parsed.walk() if not part.is_multipart()}
    if set(parts) != {"text/plain", "text/html"}:
        found.append(f"e-mail parts are {sorted(parts)}, not text and HTML")
    found += [f"text part: {f}" for f in unescaped_template_output(parts.get("text/plain", ""))]
    found += [f"HTML part: {f}" for f in executable_in_html(parts.get("text/html", ""), own_scripts=False)]
    return found
