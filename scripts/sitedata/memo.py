"""What the slow libraries made at the last build, kept for the next one.

icalendar and vobject took most of the time spent on the files made from data
(a tenth of a second per thousand events). An event's calendar entry or a
contact's vCard is taken from .cache/generated.json (git-ignored) when its
input, and the module that makes it, are unchanged since the last build; only
what changed is made again, and the libraries are not even imported when
nothing did. The Makefile empties .cache/ when requirements.txt changes, as
other versions of the libraries may write other files.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Callable


@lru_cache(maxsize=None)
def _code(module: str) -> str:
    """A digest of a module's source: a change of the code makes its results anew."""
    return hashlib.sha256(Path(sys.modules[module].__file__).read_bytes()).hexdigest()


class Memo:
    def __init__(self, path: Path):
        self.path = path
        try:
            self._old: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # no cache yet, or a damaged one: make everything
            self._old = {}
        self._new: dict[str, str] = {}

    def get(self, make: Callable[..., str], *inputs) -> str:
        """make(*inputs), from the last build when the same; inputs must be JSON data."""
        key = hashlib.sha256(json.dumps([make.__module__, make.__qualname__, _code(make.__module__), inputs],
                                        ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).hexdigest()
        if key not in self._new:
            self._new[key] = self._old[key] if key in self._old else make(*inputs)
        return self._new[key]

    def save(self) -> None:
        """Keep what this build used (and nothing else), if it changed."""
        if self._new == self._old:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".new")
        partial.write_text(json.dumps(self._new, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, self.path)  # never half-written
