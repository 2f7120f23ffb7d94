"""Make the one picture that links to the site show when shared (Open Graph og:image).

    python scripts/share_image.py    writes overrides/assets/images/share.png

The site's emblem (Material's icon material/account-child-circle, the logo set
in mkdocs.yml) in white on the site's primary colour (overrides/assets/
stylesheets/site.css), 1200 x 630 px as social sites show it. No words: one
picture serves both languages. Drawn by Debian's chromium through Playwright
(as the tests run it); the PNG is kept in git, so a build needs neither.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from local_server import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "overrides" / "assets" / "images" / "share.png"
WIDTH, HEIGHT = 1200, 630


def colour(name: str) -> str:
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    return re.search(rf"{re.escape(name)}:\s*(#[0-9a-fA-F]{{6}})", css).group(1)


def emblem() -> str:
    import material
    icon = Path(material.__file__).parent / "templates" / ".icons" / "material" / "account-child-circle.svg"
    return icon.read_text(encoding="utf-8")


def main() -> int:
    svg = emblem().replace("<svg ", '<svg width="360" height="360" fill="#ffffff" ', 1)
    html = (f'<body style="margin:0;width:{WIDTH}px;height:{HEIGHT}px;display:flex;align-items:center;'
            f'justify-content:center;background:{colour("--md-primary-fg-color")}">{svg}</body>')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(html)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUT))
        browser.close()
    print(f"Wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
