"""Files made from data, in each language's folder of docs/, and the documents beside the site.

- a page per event, resource, member state and tool (each a single macro call);
- further pages of the long lists (calendar, expert meetings);
- an iCalendar file per dated event, and calendar.ics with them all;
- a vCard per public contact.

mkdocs-static-i18n ignores pages created in memory, so these are real files
(git-ignored). MkDocs then publishes them like any page or file of docs/, and
checks the links to them. A file is rewritten only when its content changes,
so that `mkdocs serve` does not rebuild in a loop.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import os
import shutil
from pathlib import Path

from . import events
from .icalendar_files import calendar_files
from .languages import CODES
from .model import SiteData
from .vcards import vcard

# folder -> (collection, field with the page title, which entries, macro that renders one)
PAGES = {
    "events": ("events", "title", lambda entry: True, "event_page"),
    "resources": ("resources", "title", lambda entry: True, "resource_page"),
    "countries": ("countries", "name", lambda entry: entry["cbss_member"], "country_page"),
    "tools": ("tools", "title", lambda entry: True, "tool_page"),
}
KEPT = "index.md"  # a generated folder's own page, written by hand (docs/<lang>/tools/index.md)
CONTACTS = "contacts"  # docs/<lang>/contacts/<id>.vcf
# Further pages of long lists: docs/<lang>/calendar/<n>.md and meetings/<n>.md, n >= 2
# (the first page is calendar.md or meetings/index.md, written by hand): folder -> (list macro, title label)
LIST_PAGES = {"calendar": ("calendar", "calendar_page"),
              "meetings": ("expert_meetings", "expert_meetings_page")}
FEED = "calendar.ics"  # docs/<lang>/calendar.ics
GENERATED_FOLDERS = (*PAGES, CONTACTS, *LIST_PAGES)


def page_name(entry: dict) -> str:
    """The page's file name: country codes in small letters, like every other address."""
    return f"{entry['id'].lower()}.md"


def page(title: str, body: str, **front: str) -> bytes:
    """A page with YAML front matter, its values written as JSON strings (which YAML reads as they are).
    The title is HTML-escaped: themes put it into the page without escaping it."""
    fields = {"title": html.escape(title), **front}
    lines = "".join(f"{name}: {json.dumps(value, ensure_ascii=False)}\n" for name, value in fields.items())
    return f"---\n{lines}---\n\n{body}\n".encode("utf-8")


def record_page(entry: dict, lang: str, collection: str, title_field: str, macro: str) -> bytes:
    # The entry's id is in the front matter (`record`), so that every page of a collection has
    # the same body, which the renderer compiles once for all of them.
    return page(entry[title_field][lang],
                f"<!-- Made from data/{collection}.yml (the entry named by `record` above): "
                f"edit the data, not this file. -->\n\n{{{{ {macro}(record) }}}}", record=entry["id"])


def generated_files(site: SiteData, lang: str, today: dt.date) -> dict[str, bytes]:
    """Every generated file of one language: path inside docs/<lang>/ -> content."""
    files: dict[str, bytes] = {}
    for folder, (collection, title, wanted, macro) in PAGES.items():
        for entry in filter(wanted, site[collection]):
            files[f"{folder}/{page_name(entry)}"] = record_page(entry, lang, collection, title, macro)
    all_events, countries = site["events"], site.by_id("countries")
    own, files[FEED] = calendar_files(all_events, lang, countries, today, site.word)
    files.update((f"events/{event_id}.ics", content) for event_id, content in own.items())
    counts = {"calendar": len(events.past_pages(all_events, today)),
              "meetings": len(events.meeting_pages(all_events))}
    for folder, (macro, title) in LIST_PAGES.items():
        for n in range(2, counts[folder] + 1):
            files[f"{folder}/{n}.md"] = page(site.word(title, lang).format(n=n),
                                             f"{{{{ list_page(L.{title}, {n}, {macro}) }}}}")
    for contact in site["contacts"]:
        country = countries[contact["country"]]["name"][lang] if contact.get("country") in countries else None
        files[f"{CONTACTS}/{contact['id']}.vcf"] = vcard(contact, lang, country).encode("utf-8")
    return files


def write_generated(site: SiteData, docs_dir: Path, today: dt.date) -> None:
    """Write every generated file that changed; remove generated files whose record is gone."""
    for lang in CODES:
        root = docs_dir / lang
        files = generated_files(site, lang, today)
        for rel, content in files.items():
            path = root / rel
            if not path.exists() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
        for folder in GENERATED_FOLDERS:
            for name in sorted(os.listdir(root / folder)) if (root / folder).is_dir() else []:
                if f"{folder}/{name}" not in files and name != KEPT:
                    (root / folder / name).unlink()


def copy_published_documents(site: SiteData, site_dir: Path, printed: dict[str, Path]) -> None:
    """Copy the files that public resources name, and the printed documents, into the built
    site's documents/, which always exists. A file named only by a restricted resource is never copied."""
    target = site_dir / "documents"
    target.mkdir(exist_ok=True)
    for name, path in printed.items():
        shutil.copy2(path, target / name)
    for rel in site.published_files():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site.document_path(rel), target / rel)
