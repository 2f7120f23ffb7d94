"""Files made from data, in each language's folder of docs/.

- a page per event, resource, member state and tool (each a single macro call);
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

from . import calendar
from .languages import CODES as LANGUAGES
from .model import DOCUMENTS, SiteData
from .memo import Memo
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
# (the first page is calendar.md or meetings/index.md, written by hand).
LIST_PAGES = {"calendar": ("calendar_page", {"en": "Calendar of events, page {n}",
                                              "ru": "Календарь событий, страница {n}"}),
              "meetings": ("meetings_page", {"en": "Expert meetings, page {n}",
                                             "ru": "Экспертные совещания, страница {n}"})}
FEED = "calendar.ics"  # docs/<lang>/calendar.ics
GENERATED_FOLDERS = (*PAGES, CONTACTS, *LIST_PAGES)
MEMO = ".cache/generated.json"  # calendar entries and vCards of the last build (memo.py)


def page_name(entry: dict) -> str:
    """The page's file name: country codes in small letters, like every other address."""
    return f"{entry['id'].lower()}.md"


def front_matter(**fields: str) -> str:
    """YAML front matter, its values written as JSON strings (which YAML reads as they are):
    as safe as yaml.safe_dump, and a tenth of its time for hundreds of pages."""
    return "".join(f"{name}: {json.dumps(value, ensure_ascii=False)}\n" for name, value in fields.items())


def record_page(entry: dict, lang: str, collection: str, title_field: str, macro: str) -> str:
    # The title is HTML-escaped: themes put it into the page without escaping it.
    # The entry's id is in the front matter (`record`), so that every page of a collection has
    # the same body, which the renderer compiles once for all of them.
    front = front_matter(title=html.escape(entry[title_field][lang]), record=entry["id"])
    return (f"---\n{front}---\n\n<!-- Made from data/{collection}.yml (the entry named by `record` above): "
            f"edit the data, not this file. -->\n\n{{{{ {macro}(record) }}}}\n")


def generated_files(site: SiteData, lang: str, today: dt.date, memo: Memo) -> dict[str, bytes]:
    """Every generated file of one language: path inside docs/<lang>/ -> content."""
    files: dict[str, bytes] = {}
    for folder, (collection, title, wanted, macro) in PAGES.items():
        for entry in filter(wanted, site[collection]):
            page = record_page(entry, lang, collection, title, macro)
            files[f"{folder}/{page_name(entry)}"] = page.encode("utf-8")
    events, countries, stamp = site["events"], site.by_id("countries"), calendar.stamp_for(today)
    own, files[FEED] = calendar.calendar_files(events, lang, countries, stamp, memo)
    files.update((f"events/{event_id}.ics", content) for event_id, content in own.items())
    counts = {"calendar": len(calendar.past_pages(events, today)), "meetings": len(calendar.meeting_pages(events))}
    for folder, (macro, titles) in LIST_PAGES.items():
        for n in range(2, counts[folder] + 1):
            front = front_matter(title=titles[lang].format(n=n))
            files[f"{folder}/{n}.md"] = f"---\n{front}---\n\n{{{{ {macro}({n}) }}}}\n".encode("utf-8")
    for contact in site["contacts"]:
        country = countries[contact["country"]]["name"][lang] if contact.get("country") in countries else None
        files[f"{CONTACTS}/{contact['id']}.vcf"] = memo.get(vcard, contact, lang, country).encode("utf-8")
    return files


def write_generated(site: SiteData, docs_dir: Path, today: dt.date) -> list[Path]:
    """Write every generated file that changed; remove generated files whose record is gone."""
    changed: list[Path] = []
    memo = Memo(site.root / MEMO)
    for lang in LANGUAGES:
        root = docs_dir / lang
        files = generated_files(site, lang, today, memo)
        for rel, content in files.items():
            path = root / rel
            if not path.exists() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
                changed.append(path)
        for folder in GENERATED_FOLDERS:
            for name in sorted(os.listdir(root / folder)) if (root / folder).is_dir() else []:
                if f"{folder}/{name}" not in files and name != KEPT:
                    (root / folder / name).unlink()
                    changed.append(root / folder / name)
    memo.save()
    return changed


def copy_published_documents(site: SiteData, site_dir: Path) -> None:
    """Copy the files that public resources name into the built site's documents/, which always
    exists. A file named only by a restricted resource is never copied."""
    target = site_dir / "documents"
    target.mkdir(exist_ok=True)
    for rel in site.published_files():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site.root / DOCUMENTS / rel, target / rel)
