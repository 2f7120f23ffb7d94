"""Problems found in the data, written for the editors who fix them.

Every check in this package reports Problem objects instead of raising at the
first one, so that an editor sees all mistakes of a change in one run.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str  # path relative to the project, e.g. "data/events.yml"
    message: str  # what was found and what is expected, one sentence or two
    line: int | None = None
    column: int | None = None
    entry: str | None = None  # the entry's id, or "#3" when it has none
    field: str | None = None  # dotted path inside the entry, e.g. "title.ru"
    example: str | None = None  # the right form, as the editor would type it
    fix: str | None = None  # a command that repairs it, where one exists

    def format(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        what = []
        if self.entry:
            what.append(f"entry '{self.entry}'")
        if self.field:
            what.append(f"field '{self.field}'")
        head = f"{where}: " + (", ".join(what) + ": " if what else "") + self.message
        lines = [head]
        if self.example:
            lines.append("    Expected form, for example:")
            lines += ["      " + row for row in self.example.rstrip("\n").splitlines()]
        if self.fix:
            lines.append(f"    To fix it, run: {self.fix}")
        return "\n".join(lines)

    def sort_key(self):
        return (self.file, self.line or 0, self.column or 0, self.message)


class DataError(Exception):
    """Raised with every problem found, never with only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=Problem.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        body = "\n\n".join(p.format() for p in self.problems)
        return (
            f"The site was not built: {count} {noun} in the content.\n\n{body}\n\n"
            "Nothing was published; the last good site is unchanged."
        )
