"""Check the data and write the files made from it, once per change in a process.

scripts/build.py calls prepare() first and then runs its MkDocs builds (web
site, offline bundle) in the same process: their hooks call prepare() again
and get the same data back without reading or checking anything twice.
`mkdocs serve` calls it through the hooks at every rebuild; the work is redone
only when a file in data/ or overrides/macros/ changed, or the date did.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .load import load_site_data
from .model import SiteData
from .pages import write_generated

_last: dict[Path, tuple[tuple, SiteData]] = {}  # project root -> (stamp, its data)


def _stamp(root: Path, today: dt.date) -> tuple:
    files = sorted((root / "data").rglob("*")) + sorted((root / "overrides" / "macros").glob("*"))
    return today, tuple((str(p), p.stat().st_mtime_ns) for p in files if p.is_file())


def prepare(root: Path, today: dt.date) -> SiteData:
    """The checked data of the project at root; the generated files in its docs/ are up to date.

    Raises DataError (every problem found) when the data is not in order."""
    root = Path(root).resolve()
    stamp = _stamp(root, today)
    if root in _last and _last[root][0] == stamp:
        return _last[root][1]
    site = load_site_data(root)
    write_generated(site, root / "docs", today)
    _last[root] = (stamp, site)
    return site
