"""The site's identity: logo with a text alternative, favicons, theme colour, and every colour
and spacing of the stylesheet defined once, as custom properties."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "static"
CSS = (STATIC / "css" / "site.css").read_text()
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(")


def head_of(client) -> str:
    body = client.get("/").content.decode()
    return body[: body.index("</head>")], body


def test_the_logo_is_an_svg_with_a_text_alternative_and_a_size(client):
    _, body = head_of(client)

    logo = re.search(r'<a class="site-logo" href="/">\s*(<img [^>]*>)', body).group(1)
    assert 'src="/static/img/logo.svg"' in logo
    assert 'alt="VästKom"' in logo
    assert 'width="190"' in logo and 'height="44"' in logo
    svg = ET.parse(STATIC / "img" / "logo.svg").getroot()
    assert svg.get("viewBox") == "0 0 190 44"


def test_pages_link_an_svg_favicon_a_32_px_png_and_an_apple_touch_icon(client):
    head, _ = head_of(client)

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in head
    assert '<link rel="icon" href="/static/img/favicon-32.png" type="image/png" sizes="32x32">' in head
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in head
    ET.parse(STATIC / "img" / "favicon.svg")  # well-formed
    assert Image.open(STATIC / "img" / "favicon-32.png").size == (32, 32)
    with Image.open(STATIC / "img" / "apple-touch-icon.png") as touch:
        assert touch.size == (180, 180)
        assert touch.mode == "RGB"  # iOS shows transparency as black: a full square


def test_pages_have_the_brand_colour_as_theme_colour(client):
    head, _ = head_of(client)

    brand = re.search(r"--brand:\s*(#[0-9a-f]{6})", CSS).group(1)
    assert f'<meta name="theme-color" content="{brand}">' in head


def root_block() -> tuple[str, str]:
    start = CSS.index(":root {")
    end = CSS.index("}", start)
    return CSS[start:end], CSS[:start] + CSS[end:]


def test_colours_are_defined_only_as_custom_properties_in_one_place():
    root, rest = root_block()
    rest = re.sub(r"/\*.*?\*/", "", rest, flags=re.DOTALL)

    assert COLOUR.findall(rest) == []
    assert len(COLOUR.findall(root)) >= 10
    assert re.sub(r"/\*.*?\*/", "", CSS, flags=re.DOTALL).count(":root") == 1


def test_every_custom_property_used_is_defined():
    root, _ = root_block()
    defined = set(re.findall(r"(--[a-z0-9-]+):", root))

    used = set(re.findall(r"var\((--[a-z0-9-]+)\)", CSS))

    assert used - defined == set()
    assert {"--space-1", "--space-4", "--measure"} <= defined


def test_the_colour_check_itself_finds_a_stray_colour():
    assert COLOUR.findall(".x { color: #a4000f; background: rgb(0 0 0); }") == ["#a4000f", "rgb("]
