"""What the slow libraries made at the last build, kept for the next one.

icalendar and vobject took most of the time spent on the files made from data
(a tenth of a second per thousand events). An event's calendar entry or a
contact's vCard is taken from .cache/generated.json (git-ignored) when its
input, and the code that makes it, are unchanged since the last build; only
what changed is made again, and the libraries are not even imported when
nothing did. "The code" is every module of this package and the pinned
versions of the libraries, so a change to either makes everything anew.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Callable


# The pinned versions of icalendar, vobject and Babel, which the values are made with.
# (Asking importlib.metadata for them took 40 ms.)
REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements.txt"


@lru_cache(maxsize=None)
def _code() -> str:
    """A digest of the code that makes the files: this package's modules and the pinned
    libraries. A change to any of them makes everything anew."""
    digest = hashlib.sha256()
    for path in [*sorted(Path(__file__).parent.glob("*.py")), REQUIREMENTS]:
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


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
        key = hashlib.sha256(json.dumps([make.__module__, make.__qualname__, _code(), inputs],
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
