"""Checks across entries and files that a schema cannot express.

Each check is small, named, and returns every offender it finds. They also run
on files that have schema problems, so one run reports everything; hence they
skip what is not in shape instead of assuming it.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from .dates import PartialDate
from .problems import Problem
from .languages import CODES, english_name
from .model import PRIVATE_ENV, RESTRICTED, is_for_editors
from .schema import markdown_fields, problem_at

# In Markdown fields: raw HTML, and link targets with a scheme other than these.
RAW_HTML = re.compile(r"<\s*[a-zA-Z/!?]")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.MULTILINE)
SAFE_SCHEMES = ("http", "https", "mailto")
SCHEMA_DATE = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?")
# (collection, field, collection the ids must exist in); a field may hold one id or a list.
REFERENCES = [
    ("events", "country", "countries"),
    ("events", "priorities", "priorities"),
    ("projects", "events", "events"),
    ("resources", "topics", "priorities"),
    ("resources", "countries", "countries"),
    ("resources", "events", "events"),
    ("resources", "tool", "tools"),
    ("contacts", "country", "countries"),
    *((name, "source", "sources") for name in ("events", "projects", "countries", "resources", "tools", "contacts")),
]


def _entries(site, name: str):
    """(index, entry) for every entry of a collection that is a group of fields."""
    doc = site.documents.get(name)
    data = doc.data if doc and isinstance(doc.data, list) else []
    return [(i, e) for i, e in enumerate(data) if isinstance(e, dict)]


def _at(site, name: str, path: tuple, message: str, example: str | None = None) -> Problem:
    return problem_at(site.documents[name], path, message, example)


def _ids(files, name: str) -> dict:
    """id -> entry of a collection in another folder's files (none when they were not read)."""
    return {e.get("id"): e for _, e in _entries(files, name)} if files is not None else {}


def unique_ids(site) -> list[Problem]:
    found = []
    for name in site.documents:
        first_line: dict[str, int] = {}
        public = _ids(site.other, name) if site.restricted else {}
        for index, entry in _entries(site, name):
            ident = entry.get("id")
            if not isinstance(ident, str):
                continue
            if ident in public:  # a restricted record and a public one would share a page
                found.append(_at(site, name, (index, "id"),
                                 f"the id '{ident}' is already used by a public entry of data/{name}.yml; "
                                 "every entry needs an id of its own.", f"id: {ident}-2"))
            elif ident in first_line:
                found.append(_at(site, name, (index, "id"),
                                 f"the id '{ident}' is already used on line {first_line[ident]}; "
                                 "every entry needs an id of its own.", f"id: {ident}-2"))
            else:
                first_line[ident] = site.documents[name].position((index, "id"))[0]
    return found


def references(site) -> list[Problem]:
    found = []
    for name, field, target in REFERENCES:
        if target not in site.documents:
            continue
        known = {e.get("id") for _, e in _entries(site, target)}
        private = {e.get("id") for _, e in _entries(site, target) if e.get("public", True) is False}
        # A restricted record may name public ones; a public record must not name a restricted one.
        other = _ids(site.other, target)
        if site.restricted:
            known |= set(other)
            private |= {i for i, e in other.items() if e.get("public", True) is False}
        for index, entry in _entries(site, name):
            value = entry.get(field)
            ids = value if isinstance(value, list) else [value] if value is not None else []
            for position, ref in enumerate(ids):
                path = (index, field, position) if isinstance(value, list) else (index, field)
                if isinstance(ref, str) and ref in other and not site.restricted:
                    found.append(_at(site, name, path,
                                     f"'{ref}' is a restricted record of the private data folder "
                                     f"({site.other.shown(target + '.yml')}), so this public entry cannot name "
                                     "it: the public site would hold its id. Remove the reference."))
                elif isinstance(ref, str) and ref not in known:
                    close = difflib.get_close_matches(ref, [str(k) for k in known], n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    where = f"data/{target}.yml" + (f" or {site.shown(target + '.yml')}" if site.restricted else "")
                    found.append(_at(site, name, path,
                                     f"'{ref}' is not an id in {where}{hint}; known ids are: "
                                     f"{', '.join(sorted(str(k) for k in known))}."))
                elif ref in private and entry.get("public", True):
                    found.append(_at(site, name, path,
                                     f"'{ref}' in {site.shown(target + '.yml')} is marked public: false, so this "
                                     "public entry cannot name it; remove the reference or publish both."))
    return found


def real_dates(site) -> list[Problem]:
    """Dates that exist in the calendar, and ends that do not come before starts."""
    found = []
    for index, event in _entries(site, "events"):
        parsed = {}
        for field in ("date", "end"):
            if not isinstance(event.get(field), str) or not SCHEMA_DATE.fullmatch(event[field]):
                continue  # absent, or already reported by the schema
            try:
                parsed[field] = PartialDate.parse(event[field])
            except ValueError:
                found.append(_at(site, "events", (index, field),
                                 f"found '{event[field]}', which is not a date of the calendar.",
                                 f"{field}: 2007-10-24"))
        if len(parsed) == 2 and parsed["end"] < parsed["date"]:
            found.append(_at(site, "events", (index, "end"),
                             f"the event ends ({event['end']}) before it starts ({event['date']}); "
                             "end is the last day, on or after date.", "date: 2007-10-24\nend: 2007-10-26"))
    return found


def safe_markdown(site) -> list[Problem]:
    """Markdown fields carry no HTML and link only to web pages and e-mail addresses."""
    found = []
    for name in site.documents:
        for field in markdown_fields(site.root / "data" / "schemas", name):
            for index, entry in _entries(site, name):
                texts = entry.get(field) if isinstance(entry.get(field), dict) else {}
                for lang, text in texts.items():
                    if not isinstance(text, str):
                        continue
                    path = (index, field, lang)
                    if RAW_HTML.search(text):
                        found.append(_at(site, name, path,
                                         "HTML is not allowed here; write Markdown instead "
                                         "(**bold**, *italic*, [text](https://...)).",
                                         f"{lang}: See the [report](https://example.org/report)."))
                    for target in (a or b for a, b in LINK_TARGET.findall(text)):
                        scheme = target.split(":", 1)[0].lower() if ":" in target else ""
                        if scheme and scheme not in SAFE_SCHEMES:
                            found.append(_at(site, name, path,
                                             f"the link target '{target}' is not allowed; links go to "
                                             "https://, http:// or mailto: addresses, or to pages of this site.",
                                             f"{lang}: See the [report](https://example.org/report)."))
    return found


def resource_files(site) -> list[Problem]:
    """Every file a resource names exists, and every file in data/documents/ is named by a resource."""
    folder, shown = site.documents_folder, site.shown("documents")
    public_folder = site.other.documents_folder if site.restricted and site.other else None
    named = set()
    found = []
    for index, entry in _entries(site, "resources"):
        for position, item in enumerate(entry.get("files", []) if isinstance(entry.get("files"), list) else []):
            if not isinstance(item, dict) or not isinstance(item.get("file"), str):
                continue
            named.add(item["file"])
            if not (folder / item["file"]).is_file():
                found.append(_at(site, "resources", (index, "files", position, "file"),
                                 f"the file '{shown}/{item['file']}' does not exist; add it to the "
                                 "repository or correct the path (small letters, exact spelling)."))
            elif public_folder and (public_folder / item["file"]).is_file():  # which would the edition hold?
                found.append(_at(site, "resources", (index, "files", position, "file"),
                                 f"data/documents/{item['file']} has the same name as '{shown}/{item['file']}'; "
                                 "give the restricted file a name of its own.",
                                 f"file: restricted/{item['file']}"))
    if "resources" in site.documents and folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder).as_posix()
            if rel not in named and not is_for_editors(rel):
                found.append(Problem(f"{shown}/{rel}",
                                     f"no entry in {site.shown('resources.yml')} names this file, so the site would "
                                     "publish it without a page; add it to a resource's files, or delete it.",
                                     example=f"files:\n  - lang: en\n    file: {rel}"))
    return found


def _markdown_files(folder: Path) -> set[str]:
    """The .md files below folder, as paths from it."""
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*.md")}


def page_parity(site) -> list[Problem]:
    """Both languages have the same pages."""
    if site.restricted:  # the private folder has no pages
        return []
    pages = {lang: _markdown_files(site.root / "docs" / lang) for lang in CODES}
    found = []
    for lang in CODES:
        for other in CODES:
            for page in sorted(pages[lang] - pages[other]):
                found.append(Problem(
                    f"docs/{lang}/{page}",
                    f"this page has no {english_name(other)} version: docs/{other}/{page} is missing. "
                    "Every page exists in both languages; copy it there and translate it."))
    return found


def restricted_records(site) -> list[Problem]:
    """Restricted records live in the private folder only, and each there says so: the marker
    travels with a record copied into data/, where this check stops it."""
    found = []
    for name in site.documents:
        for index, entry in _entries(site, name):
            if RESTRICTED in entry and not site.restricted:
                found.append(_at(site, name, (index, RESTRICTED),
                                 "a restricted record never goes into the public repository, where anyone "
                                 "can read it (public: false does not hide it). Move the whole entry to "
                                 f"{name}.yml in the private data folder named by {PRIVATE_ENV}, which only "
                                 "`make internal` reads; for a draft or an embargo, write public: false instead.",
                                 f"# in $PRIVATE_DATA/{name}.yml, outside this repository:\n"
                                 f"- id: {entry.get('id', 'an-id')}\n  ...\n  restricted: true"))
            elif site.restricted and entry.get(RESTRICTED) is not True:
                found.append(_at(site, name, (index,),
                                 "every record of the private data folder says restricted: true, so that "
                                 "a copy of it pasted into the public data/ is stopped; add the line.",
                                 "restricted: true"))
    return found


ALL_CHECKS = (unique_ids, references, real_dates, safe_markdown, resource_files, page_parity, restricted_records)


def run_all(site) -> list[Problem]:
    return [problem for check in ALL_CHECKS for problem in check(site)]
