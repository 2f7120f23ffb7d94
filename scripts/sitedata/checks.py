"""Checks across entries and files that a schema cannot express.

Each check is small, named, and returns every offender it finds. They also run
on files that have schema problems, so one run reports everything; hence they
skip what is not in shape instead of assuming it.
"""
from __future__ import annotations

import difflib
import re
import string
from pathlib import Path

from .dates import PartialDate
from .messages import Message, msg
from .problems import Problem
from .languages import CODES, DEFAULT
from .model import PRIVATE_ENV, RESTRICTED, is_for_editors, is_public
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


def _at(site, name: str, path: tuple, message: Message, example: str | None = None) -> Problem:
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
                found.append(_at(site, name, (index, "id"), msg("check_id_used_publicly", id=ident, name=name),
                                 f"id: {ident}-2"))
            elif ident in first_line:
                found.append(_at(site, name, (index, "id"),
                                 msg("check_duplicate_id", id=ident, line=first_line[ident]), f"id: {ident}-2"))
            else:
                first_line[ident] = site.documents[name].position((index, "id"))[0]
    return found


def references(site) -> list[Problem]:
    found = []
    for name, field, target in REFERENCES:
        if target not in site.documents:
            continue
        known = {e.get("id") for _, e in _entries(site, target)}
        private = {e.get("id") for _, e in _entries(site, target) if not is_public(e)}
        # A restricted record may name public ones; a public record must not name a restricted one.
        other = _ids(site.other, target)
        if site.restricted:
            known |= set(other)
            private |= {i for i, e in other.items() if not is_public(e)}
        for index, entry in _entries(site, name):
            value = entry.get(field)
            ids = value if isinstance(value, list) else [value] if value is not None else []
            for position, ref in enumerate(ids):
                path = (index, field, position) if isinstance(value, list) else (index, field)
                if isinstance(ref, str) and ref in other and not site.restricted:
                    found.append(_at(site, name, path, msg(
                        "check_restricted_reference", ref=ref, file=site.other.shown(target + ".yml"))))
                elif isinstance(ref, str) and ref not in known and not _other_case(ref, known):
                    close = difflib.get_close_matches(ref, [str(k) for k in known], n=1)
                    files = f"data/{target}.yml"
                    if site.restricted:
                        files = msg("either_file", first=files, second=site.shown(target + ".yml"))
                    found.append(_at(site, name, path, msg(
                        "check_unknown_reference", ref=ref, files=files,
                        hint=msg("did_you_mean", name=close[0]) if close else "",
                        known=", ".join(sorted(str(k) for k in known)))))
                elif ref in private and is_public(entry):
                    found.append(_at(site, name, path, msg(
                        "check_private_reference", ref=ref, file=site.shown(target + ".yml"))))
    return found


def _other_case(ref: str, known: set) -> bool:
    """'pl' for PL: ids and codes are written in one case only, so the schema's pattern refuses it
    already, with "did you mean 'PL'?" (schema.py); one mistake, one message."""
    return any(isinstance(k, str) and k != ref and k.lower() == ref.lower() for k in known)


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
                                 msg("check_not_a_date", value=event[field]), f"{field}: 2007-10-24"))
        if len(parsed) == 2 and parsed["end"] < parsed["date"]:
            found.append(_at(site, "events", (index, "end"), msg("check_end_before_start", end=event["end"],
                             date=event["date"]), "date: 2007-10-24\nend: 2007-10-26"))
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
                        found.append(_at(site, name, path, msg("check_html"),
                                         f"{lang}: See the [report](https://example.org/report)."))
                    for target in (a or b for a, b in LINK_TARGET.findall(text)):
                        scheme = target.split(":", 1)[0].lower() if ":" in target else ""
                        if scheme and scheme not in SAFE_SCHEMES:
                            found.append(_at(site, name, path, msg("check_link_target", target=target),
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
                                 msg("check_file_missing", path=f"{shown}/{item['file']}")))
            elif public_folder and (public_folder / item["file"]).is_file():  # which would the edition hold?
                found.append(_at(site, "resources", (index, "files", position, "file"),
                                 msg("check_file_same_name", file=item["file"], path=f"{shown}/{item['file']}"),
                                 f"file: restricted/{item['file']}"))
    if "resources" in site.documents and folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder).as_posix()
            if rel not in named and not is_for_editors(rel):
                found.append(Problem(f"{shown}/{rel}", msg("check_file_unnamed", file=site.shown("resources.yml")),
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
                found.append(Problem(f"docs/{lang}/{page}", msg(
                    "check_page_missing", language=msg(f"language_in_{other}"), other=other, page=page)))
    return found


def restricted_records(site) -> list[Problem]:
    """Restricted records live in the private folder only, and each there says so: the marker
    travels with a record copied into data/, where this check stops it."""
    found = []
    for name in site.documents:
        for index, entry in _entries(site, name):
            if RESTRICTED in entry and not site.restricted:
                found.append(_at(site, name, (index, RESTRICTED),
                                 msg("check_restricted_in_public", name=name, env=PRIVATE_ENV),
                                 f"# $PRIVATE_DATA/{name}.yml\n"
                                 f"- id: {entry.get('id', 'an-id')}\n  ...\n  restricted: true"))
            elif site.restricted and entry.get(RESTRICTED) is not True:
                found.append(_at(site, name, (index,), msg("check_restricted_marker_missing"),
                                 "restricted: true"))
    return found


def _names_in_braces(text: str) -> set[str] | None:
    """The {names} a message fills in; None if its braces do not pair up."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def message_placeholders(site) -> list[Problem]:
    """Each message of data/messages.yml fills in the same {names} in every language (the program
    gives the English one's), and its braces pair up."""
    doc = site.documents.get("messages")
    found = []
    for key, texts in (doc.data.items() if doc and isinstance(doc.data, dict) else []):
        if not isinstance(texts, dict) or not all(isinstance(texts.get(lang), str) for lang in CODES):
            continue  # the schema reports it
        english = _names_in_braces(texts[DEFAULT])
        for lang in CODES:
            names = _names_in_braces(texts[lang])
            if names is None:
                found.append(problem_at(doc, (key, lang), msg("check_message_braces")))
            elif english is not None and lang != DEFAULT and names != english:
                found.append(problem_at(doc, (key, lang), msg(
                    "check_message_placeholders", language=msg(f"language_in_{lang}"),
                    names=", ".join(sorted(f"{{{n}}}" for n in english)) or "—")))
    return found


ALL_CHECKS = (unique_ids, references, real_dates, safe_markdown, resource_files, page_parity, restricted_records,
              message_placeholders)


def run_all(site) -> list[Problem]:
    return [problem for check in ALL_CHECKS for problem in check(site)]
