"""Problems found in the data, written for the editors who fix them.

Every check in this package reports Problem objects instead of raising at the
first one, so that an editor sees all mistakes of a change in one run. A
problem holds its message as a key of the catalogue with its parameters
(messages.py), so it can be written in each editor's language.
"""
from __future__ import annotations

from dataclasses import dataclass

from .messages import Count, Message, in_languages, languages, say


@dataclass(frozen=True)
class Problem:
    file: str  # path relative to the project, e.g. "data/events.yml"
    message: Message  # what was found and what is expected, one sentence or two
    line: int | None = None
    column: int | None = None
    entry: str | None = None  # the entry's id, or "#3" when it has none
    field: str | None = None  # dotted path inside the entry, e.g. "title.ru"
    example: object = None  # the right form, as the editor would type it: a str, or a text per language
    fix: str | None = None  # a command that repairs it, where one exists
    # The example is this whole line of the file made right, with its indentation: shown as it is,
    # so that pasting it in place is valid (other examples are fragments, shown indented under the message).
    example_line: int | None = None

    def where(self) -> str:
        """file:line:column, as editors and terminals open it (the same in every language)."""
        return ":".join([self.file] + [str(n) for n in (self.line, self.line and self.column) if n])

    def text(self, lang: str) -> str:
        """The message alone, with the entry and field it is about."""
        about = [say("problem_entry", lang, id=self.entry)] if self.entry else []
        about += [say("problem_field", lang, name=self.field)] if self.field else []
        return (", ".join(about) + ": " if about else "") + self.message.text(lang)

    def format(self, lang: str = "en") -> str:
        lines = [f"{self.where()}: {self.text(lang)}"] + self._example_lines(lang)
        if self.fix:
            lines.append("    " + say("problem_fix", lang, command=self.fix))
        return "\n".join(lines)

    def _example_lines(self, lang: str) -> list[str]:
        if self.example is None:
            return []
        rows = str(self.example.text(lang) if hasattr(self.example, "text") else self.example).rstrip("\n")
        if self.example_line:
            return ["    " + say("problem_example_in_place", lang, line=self.example_line)] + rows.splitlines()
        return ["    " + say("problem_example", lang)] + ["      " + row for row in rows.splitlines()]

    def sort_key(self):
        return (self.file, self.line or 0, self.column or 0, self.message.text("en"))  # parameters may not compare


class DataError(Exception):
    """Raised with every problem found, never with only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=Problem.sort_key)
        super().__init__(self.report(("en",)))

    def __str__(self) -> str:  # in the editor's language, wherever the error is shown
        return self.report()

    def report(self, langs: tuple[str, ...] | None = None) -> str:
        """Every problem, in each of langs in turn (by default the editor's: messages.languages())."""
        langs = langs or languages()
        count = Count(len(self.problems), "problems_word")
        body = "\n\n".join(in_languages(p.format, langs) for p in self.problems)
        return "\n\n".join([in_languages(lambda lang: say("report_head", lang, count=count), langs), body,
                            in_languages(lambda lang: say("report_foot", lang), langs)])
