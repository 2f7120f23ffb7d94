"""Translation status: what is missing, and what is outdated, in English or Russian.

    python scripts/translations.py   (make translations)

It looks at every text in data/*.yml (the en: and ru: side by side) and at
every page (docs/en/X.md and docs/ru/X.md), and lists:

- missing:  a text or a page that exists in one language only;
- outdated: the English changed after the Russian, by git history (the last
            commit that changed the en: line against the one that changed the
            ru: line; for pages, the last commit of each file). Changes not
            committed yet count as the newest.

It is a report: it always exits 0. (`make validate` is what refuses a
missing translation.)
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitedata import history  # noqa: E402
from sitedata.languages import CODES, DEFAULT  # noqa: E402
from sitedata.messages import Message, languages, msg, say  # noqa: E402
from sitedata.model import COLLECTIONS, LABELS, MESSAGES  # noqa: E402
from sitedata.problems import DataError  # noqa: E402
from sitedata.yaml_reader import Document, load_yaml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LANGS = {code: msg(f"language_in_{code}") for code in CODES}  # the name as a message says "in Russian"


@dataclass
class Text:
    """One text of the data: where its en: and ru: values are (first and last line)."""
    file: str
    entry: str
    field: str
    lines: dict[str, tuple[int, int]]  # language -> (first line, last line), for the languages present
    english: str


@dataclass
class Row:
    status: str  # "missing" or "outdated"
    where: str  # file:line
    entry: str
    field: str
    detail: Message


# --- data ---------------------------------------------------------------------------------------

def _texts(node, path: tuple = ()):
    """(path, text) of every {en:, ru:} text inside node."""
    if isinstance(node, dict) and node and all(k in LANGS and isinstance(v, str) for k, v in node.items()):
        yield path, node
    elif isinstance(node, (dict, list)):
        for key, value in node.items() if isinstance(node, dict) else enumerate(node):
            yield from _texts(value, path + (key,))


def _lines(doc: Document, path: tuple) -> tuple[int, int]:
    """The first and last line of a value (a text may run over several lines)."""
    first = doc.position(path)[0]
    return first, first + doc.sources.get(path, "").rstrip("\n").count("\n")


def data_texts(root: Path) -> list[Text]:
    """Every {en, ru} text of every data file, with its entry's id and field."""
    texts: list[Text] = []
    for name in (*COLLECTIONS, LABELS, MESSAGES):
        try:
            doc = load_yaml(root / "data" / f"{name}.yml", root)
        except DataError:
            continue  # a missing or broken file is for `make validate` to report
        for path, text in _texts(doc.data):
            entry, field = doc.entry_and_field(path)
            if entry is None:  # a label: its name is the entry
                entry, _, field = field.partition(".")
            lines = {lang: _lines(doc, path + (lang,)) for lang, value in text.items() if value.strip()}
            texts.append(Text(doc.file, entry, field or "", lines, text.get(DEFAULT, "")))
    return texts


def _newest(times: dict[int, float], span: tuple[int, int]) -> float:
    return max(times.get(line, 0) for line in range(span[0], span[1] + 1))


def _when(stamp: float) -> str | Message:
    if stamp == history.UNCOMMITTED:
        return msg("tr_now")
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).strftime("%Y-%m-%d %H:%M")


def data_rows(root: Path, git: bool) -> list[Row]:
    rows, blame = [], {}
    for text in data_texts(root):
        present = text.lines
        for lang, name in LANGS.items():
            if lang not in present:
                other = next(iter(present.values()), (0, 0))
                rows.append(Row("missing", f"{text.file}:{other[0]}", text.entry, text.field,
                                msg("tr_no_text", language=name, code=lang)))
        if not git or len(present) < 2:
            continue
        times = blame.setdefault(text.file, history.line_times(root, text.file))
        english, russian = _newest(times, present["en"]), _newest(times, present["ru"])
        if english > russian:
            rows.append(Row("outdated", f"{text.file}:{present['ru'][0]}", text.entry, text.field,
                            msg("tr_outdated_text", english=_when(english), russian=_when(russian),
                                text=_short(text.english))))
    return rows


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


# --- pages --------------------------------------------------------------------------------------

def page_rows(root: Path, git: bool) -> list[Row]:
    made_by_build = history.ignored_files(root, "docs") if git else set()
    pages = {lang: {p.relative_to(root / "docs" / lang).as_posix() for p in (root / "docs" / lang).rglob("*.md")
                    if p.relative_to(root).as_posix() not in made_by_build}
             for lang in LANGS}
    rows = []
    for lang, name in LANGS.items():
        for other in LANGS:
            for page in sorted(pages[other] - pages[lang]):
                rows.append(Row("missing", f"docs/{lang}/{page}", "-", "-",
                                msg("tr_no_page", language=name, other=other, page=page)))
    for page in sorted(pages["en"] & pages["ru"]) if git else []:
        english = history.file_time(root, f"docs/en/{page}")
        russian = history.file_time(root, f"docs/ru/{page}")
        if english is not None and russian is not None and english > russian:
            rows.append(Row("outdated", f"docs/ru/{page}", "-", "-",
                            msg("tr_outdated_page", english=_when(english), russian=_when(russian))))
    return rows


# --- report -------------------------------------------------------------------------------------

COLUMNS = ("tr_column_status", "tr_column_where", "tr_column_entry", "tr_column_field", "tr_column_what")
STATUS = {"missing": "tr_missing", "outdated": "tr_outdated"}


def table(rows: list[Row], lang: str) -> str:
    cells = [[say(key, lang) for key in COLUMNS]]
    cells += [[say(STATUS[r.status], lang), r.where, r.entry, r.field, r.detail.text(lang)] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(4)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths)) + "  " + row[4] for row in cells)


def _written(rows: list[Row], git: bool, lang: str) -> str:
    """The report in one language."""
    missing = sum(r.status == "missing" for r in rows)
    outdated = sum(r.status == "outdated" for r in rows)
    lines = [say("tr_head", lang, missing=missing, outdated=outdated)]
    if not git:
        lines.append(say("tr_not_git", lang))
    if rows:
        lines += ["", table(rows, lang), "", say("tr_help_missing", lang), say("tr_help_outdated", lang)]
    else:
        lines.append(say("tr_all_good", lang))
    return "\n".join(lines)


def report(root: Path, langs: tuple[str, ...] | None = None) -> str:
    """The report in each of langs in turn (by default the editor's: messages.languages())."""
    git = history.is_repository(root)
    rows = data_rows(root, git) + page_rows(root, git)
    return "\n\n".join(_written(rows, git, lang) for lang in langs or languages())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this one)")
    args = parser.parse_args(argv)
    print(report(args.root.resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
