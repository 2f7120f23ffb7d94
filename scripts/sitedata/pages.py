"""Pages made from data: one Markdown file per record, in each language's folder.

mkdocs-static-i18n ignores pages created in memory, so these are real files
(git-ignored), each a single macro call. A file is rewritten only when its
content changes, so that `mkdocs serve` does not rebuild in a loop.
"""
from __future__ import annotations

import html
from pathlib import Path

import yaml

from .collections import LANGUAGES, SiteData

# folder under docs/<lang>/ -> (collection, which entries, macro that renders one)
RECORD_PAGES = {
    "meetings": ("events", lambda entry: entry["type"] == "expert-meeting", "event_page"),
}


def record_page(entry: dict, lang: str, collection: str, macro: str) -> str:
    # The title is HTML-escaped: themes put it into the page without escaping it.
    front = yaml.safe_dump({"title": html.escape(entry["title"][lang])}, allow_unicode=True, width=1000)
    return (f"---\n{front}---\n\n<!-- Made from data/{collection}.yml, entry {entry['id']}: "
            f"edit the data, not this file. -->\n\n{{{{ {macro}({entry['id']!r}) }}}}\n")


def write_record_pages(site: SiteData, docs_dir: Path) -> list[Path]:
    """Write every record page; remove those whose record is gone. Returns changed files."""
    changed = []
    for folder, (collection, wanted, macro) in RECORD_PAGES.items():
        entries = [e for e in site[collection] if wanted(e)]
        for lang in LANGUAGES:
            target = docs_dir / lang / folder
            target.mkdir(parents=True, exist_ok=True)
            keep = {"index.md"}
            for entry in entries:
                path = target / f"{entry['id']}.md"
                keep.add(path.name)
                text = record_page(entry, lang, collection, macro)
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    path.write_text(text, encoding="utf-8")
                    changed.append(path)
            for stale in target.glob("*.md"):
                if stale.name not in keep:
                    stale.unlink()
                    changed.append(stale)
    return changed
