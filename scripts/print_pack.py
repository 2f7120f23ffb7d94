"""The printed resource packs: one PDF per language, and the self-assessment tool on its own.

scripts/build.py calls make_packs() before the web site's build, but only when it
builds the offline bundle too (`make site`; not `--no-bundle`, not `mkdocs serve`:
WeasyPrint's seconds would be the largest part of every preview). The hooks then
link them from the resources page and the tool's resource, and copy them into
the site's documents/ and the bundle's; build.py puts them beside the bundle.
For each language:

    cbss-children-resource-pack-<lang>.pdf      the cover, contents with page numbers,
                                                the programme, priorities and methods,
                                                expert meetings and calendar, National
                                                Contact Points, resources, contacts and
                                                the self-assessment tool as a form
    cbss-children-self-assessment-<lang>.pdf    the tool alone, a form to fill in by hand

They are rendered by WeasyPrint (which needs Debian's Pango) from a print
template of their own (overrides/print/), from the same public data as the
site (sitedata.load): Material's pages are not printed. Fonts are DejaVu, from
Debian's fonts-dejavu-core, declared by file in the print CSS, so the output
does not depend on the fonts of the machine. The PDFs are tagged (PDF/UA-1)
with their language, and every date inside them is the bundle's date
(SOURCE_DATE_EPOCH when set), so two builds of a commit give the same bytes.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bundle import bundle_time, site_names
from sitedata import events, listings
from sitedata.dates import build_date
from sitedata.languages import CODES
from sitedata.model import PRINTED, SiteData

PACK = PRINTED.format(kind="resource-pack", lang="{lang}")
TOOL = PRINTED.format(kind="self-assessment", lang="{lang}")  # the id of the tool in data/tools.yml
TEMPLATES = "overrides/print"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
# The pages the pack's chapters stand for: each chapter takes its heading from them.
CHAPTERS = {"programme": "programme.md", "priorities": "priorities.md", "methods": "methods.md",
            "meetings": "meetings/index.md", "calendar": "calendar.md", "ncp": "ncp.md",
            "resources": "resources.md", "contact": "contact.md", "tools": "tools/index.md"}


class PackError(Exception):
    """The packs cannot be made; the message says why and what to do."""


def page_heading(root: Path, lang: str, page: str) -> str:
    """The first level-one heading of docs/<lang>/<page>: the chapter's title is the page's."""
    text = (root / "docs" / lang / page).read_text(encoding="utf-8")
    found = re.search(r"^# (.+)$", text, re.MULTILINE)
    if not found:
        raise PackError(f"docs/{lang}/{page} has no heading '# …' to title its chapter of the resource pack.")
    return found.group(1).strip()


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_counter(words: dict) -> str:
    """The CSS content of "page X of Y" from the label page_of ("Page {n} of {total}")."""
    parts = re.split(r"(\{n\}|\{total\})", words["page_of"])
    return " ".join("counter(page)" if p == "{n}" else "counter(pages)" if p == "{total}" else css_string(p)
                    for p in parts if p)


def context(site: SiteData, root: Path, lang: str, name: str, today: dt.date, seconds: int) -> dict:
    words = site.words(lang)
    lists = listings.for_build(site, today)
    countries = site.by_id("countries")
    unknown = words["date_not_recorded"]
    all_events = site["events"]
    meetings = [e for page in lists["meeting_pages"] for e in page]
    return {
        "lang": lang, "L": words, "P": words["print_pack"], "site_name": name,
        "created": dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "year": dt.datetime.fromtimestamp(seconds, dt.timezone.utc).year,
        "headings": {key: page_heading(root, lang, page) for key, page in CHAPTERS.items()},
        "site": site, "lists": lists, "countries": countries,
        "projects": site["projects"], "priorities": lists["priorities"], "methods": site["methods"],
        "challenges": site["challenges"], "accountability": site["accountability"],
        "meetings": meetings,
        "upcoming": lists["upcoming"],
        "past": events.past_by_year([e for e in all_events if e not in lists["upcoming"]], today),
        "members": lists["members"], "library": lists["library"], "contacts": site["contacts"],
        "tools": site["tools"],
        "date_of": lambda e: events.date_text(e, lang, words, unknown, today),
        "place_of": lambda e: events.place(e, lang, countries),
        "page_counter": page_counter(words),
        "fonts": FONTS.as_uri(),
    }


def check_fonts() -> None:
    missing = [f for f in FONT_FILES if not (FONTS / f).is_file()]
    if missing:
        raise PackError(f"The fonts {', '.join(missing)} are missing from {FONTS}: install Debian's "
                        "fonts-dejavu-core (`make site` does it with apt-get).")


def make_packs(root: Path, site: SiteData, out: Path) -> list[Path]:
    """Write the resource pack and the self-assessment form of each language into out."""
    try:
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration
    except OSError as err:  # Pango or its libraries are missing
        raise PackError(f"WeasyPrint cannot load Pango ({err}): install Debian's libpango-1.0-0 "
                        "(`make site` does it with apt-get).") from None
    check_fonts()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    seconds = bundle_time()
    today = build_date()
    names = site_names(root / "mkdocs.yml")
    env = Environment(loader=FileSystemLoader(root / TEMPLATES), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    css = env.get_template("print.css")
    written = []
    for lang in CODES:
        values = context(site, root, lang, names[lang], today, seconds)
        for template, file in (("pack.html", PACK), ("tool.html", TOOL)):
            html = env.get_template(template).render(values, css=css.render(values))
            target = out / file.format(lang=lang)
            fonts = FontConfiguration()
            HTML(string=html, base_url=str(root / TEMPLATES)).write_pdf(
                target, font_config=fonts, pdf_variant="pdf/ua-1", pdf_identifier=file.format(lang=lang).encode(),
                uncompressed_pdf=False)
            written.append(target)
    return written
