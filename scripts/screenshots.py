"""Pictures of one page of each kind, for a look before a change is merged (`make screenshots`).

Takes the built web site (site/, served over HTTP from this machine) and the
offline bundle (dist/*.zip, unpacked and opened from file://), and writes a
whole-page PNG of each page below, in both languages, at 320 and 1280 px wide,
into screenshots/ (git-ignored):

    screenshots/web-320/en-home.png, screenshots/offline-1280/ru-network.png, ...

With --page (the pages a pull request changes, scripts/changed_pages.py), only
those pages are pictured, on the web site only, named by their path:
screenshots/web-1280/ru-events-x.png for events/x.html.

The self-assessment tool is pictured twice: as it opens, and with an answer in
every area (its picture and list of choices shown). Uses Playwright with Debian's
chromium, as the tests do (`make test` installs both); it never downloads a browser.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from changed_pages import picture_name
from local_server import CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (320, 1280)
LANGUAGES = {"en": "", "ru": "ru/"}
# One page of each kind: name of the picture -> the page, from the language's root.
PAGES = {
    "home": "index.html",
    "calendar": "calendar.html",
    "event": "events/tallinn-2008.html",
    "expert-meetings": "meetings/index.html",
    "resources": "resources.html",
    "resource": "resources/mapping-study.html",
    "tools": "tools/index.html",
    "self-assessment": "tools/self-assessment.html",
    "network": "network.html",
    "country": "countries/ee.html",
    "contact": "contact.html",
}
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }"


def answer_every_area(tab) -> None:
    """Choose a statement in every area of the self-assessment table (levels in turn)."""
    names = tab.eval_on_selector_all("input[type=radio]", "els => [...new Set(els.map(e => e.name))]")
    for i, name in enumerate(names):
        radios = tab.locator(f'input[type=radio][name="{name}"]')
        radios.nth(i % radios.count()).check()


def shoot(tab, url: str, out: Path, answered: bool = False) -> None:
    tab.goto(url)
    tab.add_style_tag(content=STILL)
    if answered:
        answer_every_area(tab)
    tab.evaluate("window.scrollTo(0, 0)")
    out.parent.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(out), full_page=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--only", help="only the pages whose name contains this (e.g. network)")
    parser.add_argument("--page", action="append", default=[],
                        help="only this page, on the web site (a path inside a language: events/x.html); repeatable")
    args = parser.parse_args()
    archives = sorted(args.dist.glob("*.zip"))
    if not (args.site / "index.html").is_file() or (len(archives) != 1 and not args.page):
        print("Build first: make site (site/ and dist/*.zip are pictured).", file=sys.stderr)
        return 1
    shutil.rmtree(args.out, ignore_errors=True)
    pages = {name: rel for name, rel in PAGES.items() if not args.only or args.only in name}
    if args.page:
        pages = {picture_name(rel): rel for rel in args.page}
    with tempfile.TemporaryDirectory() as unpacked, sync_playwright() as playwright:
        if not args.page:
            with zipfile.ZipFile(archives[0]) as archive:
                archive.extractall(unpacked)
        url, server = serve(args.site)
        bases = {"web": url} if args.page else {"web": url, "offline": Path(unpacked).as_uri()}
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        count = 0
        try:
            for width in WIDTHS:
                tab = browser.new_page(viewport={"width": width, "height": 800})
                for medium, base in bases.items():
                    for lang, prefix in LANGUAGES.items():
                        for name, rel in pages.items():
                            folder = args.out / f"{medium}-{width}"
                            shoot(tab, f"{base}/{prefix}{rel}", folder / f"{lang}-{name}.png")
                            count += 1
                            if name == "self-assessment":
                                shoot(tab, f"{base}/{prefix}{rel}", folder / f"{lang}-{name}-answered.png", answered=True)
                                count += 1
                tab.close()
        finally:
            browser.close()
            server.shutdown()
    print(f"Wrote {count} pictures into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
