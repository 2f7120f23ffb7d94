"""Files made from data: a page (and an iCalendar file) per event, in each language's folder.

mkdocs-static-i18n ignores pages created in memory, so these are real files
(git-ignored): each page a single macro call, each .ics file the event for
people's own calendars, plus calendar.ics with every event. MkDocs then
publishes them like any page or file of docs/, and checks the links to them.
A file is rewritten only when its content changes, so that `mkdocs serve`
does not rebuild in a loop.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import yaml

from . import calendar
from .collections import LANGUAGES, SiteData

FOLDER = "events"  # docs/<lang>/events/<id>.md and <id>.ics
FEED = "calendar.ics"  # docs/<lang>/calendar.ics


def event_page(entry: dict, lang: str) -> str:
    # The title is HTML-escaped: themes put it into the page without escaping it.
    front = yaml.safe_dump({"title": html.escape(entry["title"][lang])}, allow_unicode=True, width=1000)
    return (f"---\n{front}---\n\n<!-- Made from data/events.yml, entry {entry['id']}: "
            f"edit the data, not this file. -->\n\n{{{{ event_page({entry['id']!r}) }}}}\n")


def _write(path: Path, content: bytes, changed: list[Path]) -> None:
    if not path.exists() or path.read_bytes() != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        changed.append(path)


def write_event_files(site: SiteData, docs_dir: Path, today: dt.date) -> list[Path]:
    """Write every event's page and .ics file and each language's feed; remove what is stale."""
    changed: list[Path] = []
    events, countries = site["events"], site.by_id("countries")
    stamp = calendar.stamp_for(today)
    for lang in LANGUAGES:
        folder = docs_dir / lang / FOLDER
        wanted = set()
        for event in events:
            page = folder / f"{event['id']}.md"
            _write(page, event_page(event, lang).encode("utf-8"), changed)
            wanted.add(page.name)
            if calendar.span(event):
                ics = folder / f"{event['id']}.ics"
                _write(ics, calendar.calendar_file([event], lang, countries, stamp), changed)
                wanted.add(ics.name)
        for stale in folder.iterdir():
            if stale.name not in wanted:
                stale.unlink()
                changed.append(stale)
        _write(docs_dir / lang / FEED, calendar.calendar_file(events, lang, countries, stamp), changed)
    return changed
