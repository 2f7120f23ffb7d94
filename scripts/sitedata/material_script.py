"""Material's script, kept from fetching a sitemap.xml beside each alternate link.

For every <link rel="alternate"> of a page, Material 9.8's bundle fetches the
sitemap.xml in the folder of the address it names (ru/events/sitemap.xml,
events/sitemap.xml, ...), to map the pages of a language whose alternate link
is the language's root ("/ru/"): clicking a link to that root then leads to
the same page in that language. Our alternate links name the page itself in
each language (scripts/sitedata/metadata.py), and our language switcher links
to it directly, so this mapping has nothing to do; but the fetches are made on
every page: 404 errors online (under a sub-path too), a request that the
Content-Security-Policy refuses when the alternates name another origin, and a
request the browser blocks from file://, each one an error in the console.

Writing a sitemap.xml where Material looks would take a copy in every folder,
downloaded twice on every page view for nothing, and still fail from file://
and across origins. So the one selector that picks the links to follow is
narrowed to links marked data-md-sitemap, which no page has: one string,
replaced once in the built site's copy of the bundle. The build stops if the
string is not found exactly once (a new Material must be looked at again).
"""
from __future__ import annotations

from pathlib import Path

SELECTOR = '"link[rel=alternate]"'
NARROWED = '"link[rel=alternate][data-md-sitemap]"'


class MaterialChanged(Exception):
    pass


def no_sitemap_fetch(site_dir: Path) -> None:
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise MaterialChanged(f"expected one Material bundle in {site_dir}/assets/javascripts, found {len(bundles)}")
    script = bundles[0].read_text(encoding="utf-8")
    if script.count(NARROWED) == 1 and SELECTOR not in script:
        return  # already done (mkdocs serve copies only what changed)
    if script.count(SELECTOR) != 1:
        raise MaterialChanged(f"{bundles[0].name}: {SELECTOR} found {script.count(SELECTOR)} times, not once: "
                              "Material's script changed; see scripts/sitedata/material_script.py")
    bundles[0].write_text(script.replace(SELECTOR, NARROWED), encoding="utf-8")
