"""Render the favicon's PNG versions from static/img/favicon.svg with Chromium.

The SVG is the source; run this after changing it:

    .venv/bin/python scripts/make_icons.py

Writes static/img/favicon-32.png (transparent corners) and static/img/apple-touch-icon.png
(180 px, a full square: iOS rounds the corners itself).
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

STATIC = Path(__file__).resolve().parents[1] / "static" / "img"
CHROMIUM = "/usr/bin/chromium"


def render(page, size: int, background: str, out: Path) -> None:
    svg = (STATIC / "favicon.svg").read_text().replace('width="44" height="44"', f'width="{size}" height="{size}"')
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(f"<html><body style='margin:0;background:{background}'>{svg}</body></html>")
    page.screenshot(path=str(out), omit_background=background == "transparent")
    print(f"{out.relative_to(STATIC.parents[1])}: {size}x{size}")


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        render(page, 32, "transparent", STATIC / "favicon-32.png")
        render(page, 180, "#004f71", STATIC / "apple-touch-icon.png")
        browser.close()


if __name__ == "__main__":
    main()
