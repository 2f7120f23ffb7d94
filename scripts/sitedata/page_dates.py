"""When each page's content last changed, from git history: the page's own file and the data it shows.

A page made from a record (an event, a resource, a country, a tool) changed when
the lines of that record last changed; a page written by hand, when its file, or
a data file that its macros show, last changed. Commits listed in
.git-blame-ignore-revs do not count (history.py); changes not committed yet
count as made on the build date, so a build stays reproducible under
SOURCE_DATE_EPOCH. Outside a git work tree pages carry no date.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import history
from .yaml_reader import load_yaml

# The data files that the macros of each file of overrides/macros/ show.
SHOWN_BY = {
    "common.html": ("sources",),
    "programme.html": ("priorities", "methods", "projects", "challenges", "accountability", "countries"),
    "events.html": ("events", "countries", "projects", "priorities"),
    "resources.html": ("resources", "priorities", "countries", "events", "tools"),
    "network.html": ("countries", "contacts", "events", "resources"),
    "tools.html": ("tools",),
}


class PageDates:
    def __init__(self, root: Path, today: dt.date):
        self.root, self.today = root, today
        self.files = history.last_changes(root)
        self._records: dict[str, dict[str, float]] = {}

    def changed(self, page_file: str, record: tuple[str, str] | None, macro_files: set[str]) -> dt.date | None:
        """page_file: the page's path in the project; record: (collection, id) of the record a
        page made from data shows; macro_files: the files of the macros the page calls."""
        if not self.files:
            return None
        if record:
            times = [self._record_times(record[0]).get(record[1], 0)]
        else:
            times = [self.files.get(page_file, 0)] + [self.files.get(f"data/{name}.yml", 0)
                                                     for file in macro_files for name in SHOWN_BY[file]]
        newest = max(times)
        if newest == history.UNCOMMITTED:
            return self.today
        return dt.datetime.fromtimestamp(newest, dt.timezone.utc).date() if newest else None

    def _record_times(self, collection: str) -> dict[str, float]:
        """Each record's id -> when its lines last changed."""
        if collection not in self._records:
            rel = f"data/{collection}.yml"
            doc, lines = load_yaml(self.root / rel, self.root), history.line_times(self.root, rel)
            starts = [doc.position((i,))[0] for i in range(len(doc.data))] + [max(lines, default=0) + 1]
            self._records[collection] = {
                entry["id"]: max((lines.get(n, 0) for n in range(start, end)), default=0)
                for entry, start, end in zip(doc.data, starts, starts[1:])}
        return self._records[collection]
