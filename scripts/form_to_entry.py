"""Turn an issue made by one of the editors' forms into a change of the data, or say what is wrong.

    python scripts/form_to_entry.py --labels "form: event" --message out.md [--body issue.md] [--issue 12]

The issue's text (from --body, else from the environment variable ISSUE_BODY) is
the Markdown GitHub writes for a filled-in form: "### <question>", then the
answer, "_No response_" when it was left empty. The questions are those of
scripts/issue_forms.py, so each answer is read back into the field it asks for.

A new event, resource or contact is added at the end of its data file, in
canonical form, with the file's comments kept; a translation sets one language
of a text of an entry. The whole data set, with the change, is first checked in
a scratch copy by the build's own checks (schemas, references, unique ids).

Exit 0: the data file is changed, and --message holds the pull request's
description (--title its title). Exit 1: nothing is changed, and --message holds
a comment for the issue that names each wrong field, what was found and an
example, in both languages.
"""
from __future__ import annotations

import argparse
import difflib
import io
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from issue_forms import FORMS, LABEL_PREFIX, TEXT_KINDS, TRANSLATION, Question, Words, form_questions  # noqa: E402
from sitedata import checks  # noqa: E402
from sitedata.languages import CODES  # noqa: E402
from sitedata.load import read_data  # noqa: E402
from sitedata.messages import Localized  # noqa: E402
from sitedata.model import is_public  # noqa: E402
from sitedata.normal_form import entry_text, normal_text, round_trip  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NO_RESPONSE = "_No response_"
TICKED = re.compile(r"^- \[[xX]\] ", re.MULTILINE)


@dataclass(frozen=True)
class Wrong:
    """A wrong answer: the question's label, what is wrong (language -> text), and an example
    of a right answer."""

    label: str
    message: dict
    example: str = ""


class FormError(Exception):
    def __init__(self, wrongs: list[Wrong]):
        self.wrongs = wrongs
        super().__init__("; ".join(w.label for w in wrongs))


# --- reading the issue ---------------------------------------------------------------------------

def answers(body: str, questions: list[Question]) -> dict[str, str]:
    """label -> answer as written; a heading that is no question of the form stays in the answer
    above it (a summary may hold a Markdown heading)."""
    labels = {q.label for q in questions}
    found: dict[str, list[str]] = {}
    current = None
    for line in body.replace("\r\n", "\n").split("\n"):
        if line.startswith("### ") and line[4:].strip() in labels:
            current = line[4:].strip()
            found[current] = []
        elif current:
            found[current].append(line)
    return {label: ("" if "\n".join(lines).strip() == NO_RESPONSE else "\n".join(lines).strip())
            for label, lines in found.items()}


def _quoted(text: str) -> str:
    return "`" + text.replace("`", "'").replace("\n", " ") + "`"


def _one_text(raw: str) -> str:
    """A text as the site keeps it: lines joined, paragraphs (a blank line) kept."""
    paragraphs = re.split(r"\n\s*\n", raw.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _example_choice(question: Question, found: str) -> str:
    """The line of the choice closest to what was found ("lv" is "LV — Latvia / Латвия"), else of
    the schema's example, else the first."""
    by_value = {str(value).lower(): line for value, line in question.options}
    close = difflib.get_close_matches(found.lower(), list(by_value), n=1, cutoff=0.6)
    if close:
        return by_value[close[0]]
    return by_value.get(question.placeholder.lower(), question.options[0][1])


def _unknown_choice(question: Question, found: str, words: Words) -> FormError:
    """What to say of an answer that is none of the drop-down's lines: it, and the line meant."""
    value = found.split(" — ")[0].strip()
    return FormError([Wrong(question.label, words.message("form_unknown_choice", found=_quoted(found)),
                            _example_choice(question, value))])


def _choice(question: Question, raw: str, words: Words):
    """The value of a drop-down's answer: its line ("PL — Poland / Польша") or the value itself."""
    lines = {line: value for value, line in question.options}
    values = {str(value): value for value, _ in question.options}
    if question.kind == "choice":
        picked = lines.get(raw, values.get(raw.split(" — ")[0].strip()))
        if picked is None:
            raise _unknown_choice(question, raw, words)
        return picked
    picked, rest = [], raw
    for line in sorted(lines, key=len, reverse=True):  # a longer line may hold a shorter one
        if line in rest:
            picked.append(lines[line])
            rest = rest.replace(line, "")
    if rest.strip(" ,\n"):
        raise _unknown_choice(question, rest.strip(" ,\n"), words)
    return [value for value, _ in question.options if value in picked]  # in the form's order


def answer(question: Question, raw: str, words: Words):
    """The value of one answer; None when it was left empty."""
    if question.kind == "check":
        return bool(TICKED.search(raw))
    if not raw:
        if question.required:
            raise FormError([Wrong(question.label, words.message("form_missing"), question.placeholder)])
        return None
    if question.kind in ("choice", "choices"):
        return _choice(question, raw, words)
    if question.kind == "number":
        if not re.fullmatch(r"[0-9]+", raw.strip()):
            raise FormError([Wrong(question.label, words.message("form_number", found=_quoted(raw)),
                                   question.placeholder)])
        return int(raw)
    if question.kind == "texts":
        return [" ".join(line.split()) for line in raw.splitlines() if line.strip()]
    return _one_text(raw)


def read_answers(body: str, questions: list[Question], words: Words) -> tuple[dict, list[Wrong]]:
    """(question id -> value of every answer, None if empty or wrong; every wrong answer)."""
    written = answers(body, questions)
    values, wrongs = {}, []
    for question in questions:
        try:
            values[question.id] = answer(question, written.get(question.label, ""), words)
        except FormError as err:
            values[question.id] = None
            wrongs += err.wrongs
    return values, wrongs


# --- the entry ---------------------------------------------------------------------------------

def _texts(field: str, per_lang: dict, questions: list[Question], words: Words) -> list[dict]:
    counts = {lang: len(items or []) for lang, items in per_lang.items()}
    if len(set(counts.values())) > 1:
        label = next(q.label for q in questions if q.field == field and q.lang == CODES[0])
        counts_text = ", ".join(f"{lang}: {n}" for lang, n in counts.items())
        raise FormError([Wrong(label, words.message("form_lines", counts=counts_text))])
    return [{lang: per_lang[lang][i] for lang in CODES} for i in range(next(iter(counts.values())))]


def build_entry(values: dict, questions: list[Question], words: Words) -> tuple[dict, list[Wrong]]:
    """(the entry the answers describe, fields in the schema's order, empty answers left out;
    what is wrong in it). A record that may not be published stops here: FormError."""
    entry: dict = {}
    wrongs = []
    for field in dict.fromkeys(q.field for q in questions):
        asked = [q for q in questions if q.field == field]
        kind, required = asked[0].kind, asked[0].required
        per_lang = {q.lang: values[q.id] for q in asked if q.lang}
        if per_lang and not any(per_lang.values()):
            continue
        if kind == "texts":
            try:
                entry[field] = _texts(field, per_lang, questions, words)
            except FormError as err:
                wrongs += err.wrongs
        elif kind in TEXT_KINDS:
            entry[field] = {lang: text for lang, text in per_lang.items() if text}
        elif kind == "link":
            entry[field] = [{"lang": lang, "url": url} for lang, url in per_lang.items() if url]
        elif kind == "check":
            if values[field] or required:  # an unticked box is the field left out, unless it must be given
                entry[field] = values[field]
        elif values[field] is not None:
            entry[field] = values[field]
    if not is_public(entry):
        label = next(q.label for q in questions if q.field == "public")
        raise FormError([Wrong(label, words.message("form_restricted"))])
    return entry, wrongs


def add_entry(text: str, entry: dict, schema_path: Path) -> str:
    """The data file's text with the entry added at its end, after a blank line, in canonical form."""
    return normal_text(text.rstrip("\n") + "\n\n" + entry_text(entry, schema_path), schema_path)


# --- a translation --------------------------------------------------------------------------------

def translate(text: str, values: dict, questions: list[Question], words: Words) -> str:
    """The data file's text with one language of one text of one entry set."""
    label = {q.field: q.label for q in questions}
    file = f"data/{values['collection']}.yml"
    yaml = round_trip()
    data = yaml.load(text)
    entry = next((e for e in data or [] if isinstance(e, dict) and e.get("id") == values["entry"]), None)
    if entry is None:
        raise FormError([Wrong(label["entry"], words.message("form_no_entry", found=_quoted(values["entry"]),
                                                              file=file))])
    field, target = values["field"], entry.get(values["field"])
    no_text = Wrong(label["field"], words.message("form_no_text", entry=_quoted(values["entry"]), found=_quoted(field)))
    if isinstance(target, list):
        item = values.get("item") or 0
        if not 1 <= item <= len(target):
            raise FormError([Wrong(label["item"], words.message(
                "form_no_item", found=_quoted(field), entry=_quoted(values["entry"]), item=item, count=len(target)),
                "1")])
        target = target[item - 1]
    if not isinstance(target, dict) or not set(target) & set(CODES):
        raise FormError([no_text])
    target[values["language"]] = values["text"]
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


# --- checking the result with the build's checks --------------------------------------------------

def check_change(root: Path, collection: str, new_text: str) -> list:
    """The build's problems with the data set as it would be after the change (in a scratch copy)."""
    with tempfile.TemporaryDirectory(prefix="form-") as scratch:
        copy = Path(scratch)
        shutil.copytree(root / "data", copy / "data")
        (copy / "data" / f"{collection}.yml").write_text(new_text, encoding="utf-8")
        files, problems = read_data(copy)
        return problems + checks.run_all(files)


def _label_of(problem, entry: dict, questions: list[Question]) -> str | None:
    """The form's question a problem of the build is about: "title.ru" is Title (Russian); None
    if it is about no question."""
    parts = (problem.field or "").split(".")
    if not problem.field:  # about the entry as a whole ("give 'files' or 'tool'"): the first field it names
        named = re.findall(r"'(\w+)'", problem.message.text("en"))
        parts = [next((n for n in named if any(q.field == n for q in questions)), "")]
    asked = [q for q in questions if q.field == parts[0]]
    if not asked:
        return None
    lang = next((p for p in parts if p in CODES), None)
    if lang is None and len(parts) > 1 and parts[1].isdigit() and isinstance(entry.get(parts[0]), list):
        item = entry[parts[0]][int(parts[1])]
        lang = item.get("lang") if isinstance(item, dict) else None  # files: one per language
    return next((q.label for q in asked if q.lang == lang), asked[0].label)


def _answer_of(problem) -> str:
    """The example of a build's message as one would answer the form ("date: 2005-04" is 2005-04);
    none if it is YAML of several lines, which a form does not ask for."""
    example = problem.example.text("en") if hasattr(problem.example, "text") else problem.example or ""
    if "\n" in example:
        return ""
    name, _, value = example.partition(": ")
    return value if value and name == (problem.field or "").split(".")[-1] else example


def _wrongs_of(problems: list, ours, entry: dict, questions: list[Question]) -> list[Wrong]:
    """The build's problems as wrong answers; ours(problem) tells those about the form's entry."""
    wrongs = []
    for problem in problems:
        label = _label_of(problem, entry, questions) if ours(problem) else None
        place = f"{problem.file}:{problem.line}" if problem.line else problem.file
        wrongs.append(Wrong(label or place, {lang: problem.text(lang) for lang in CODES}, _answer_of(problem)))
    return wrongs


# --- the messages ----------------------------------------------------------------------------------

def comment(wrongs: list[Wrong], words: Words) -> str:
    """The issue comment: every wrong field, what was found, an example; in both languages."""
    lines = [words.both(words.message("form_head")), ""]
    for wrong in wrongs:
        lines.append(f"- **{wrong.label}**")
        lines += [f"  {wrong.message[lang]}" for lang in CODES]
        if wrong.example:
            example = words.word("example")
            lines.append(f"  {example}: {_quoted(wrong.example)}" if "\n" not in wrong.example
                         else f"  {example}:\n\n  ```yaml\n" + "\n".join(
                             "  " + row for row in wrong.example.splitlines()) + "\n  ```")
    lines += ["", words.both(words.message("form_tail"))]
    return "\n".join(lines) + "\n"


def description(kind: str, values: dict, file: str, issue: str, words: Words) -> str:
    if kind == TRANSLATION:
        language = Localized(tuple(words.labels["language_names"][values["language"]].items()))
        texts = words.message("form_translated", language=language, field=values["field"], id=values["entry"],
                              file=file, issue=issue)
    else:
        texts = words.message("form_added", id=values["id"], file=file, issue=issue)
    review = words.message("form_review")
    return "\n\n".join(f"{texts[lang]} {review[lang]}" for lang in CODES) + f"\n\nCloses #{issue}\n"


# --- the whole path ---------------------------------------------------------------------------------

def form_of(labels: str) -> str | None:
    """The form an issue was made with, from its labels ("form: event")."""
    names = [label.strip() for label in labels.split(",")]
    return next((n[len(LABEL_PREFIX):] for n in names
                 if n.startswith(LABEL_PREFIX) and n[len(LABEL_PREFIX):] in (*FORMS, TRANSLATION)), None)


def _first_per_label(wrongs: list[Wrong]) -> list[Wrong]:
    """One message per question: the form's own ("required, and empty") before the build's."""
    seen, kept = set(), []
    for wrong in wrongs:
        if wrong.label not in seen:
            seen.add(wrong.label)
            kept.append(wrong)
    return kept


def convert(root: Path, kind: str, body: str) -> tuple[str, dict, str]:
    """(the data file changed, the answers, its new text); raises FormError with every wrong answer."""
    words, questions = Words(root), form_questions(kind, root)
    values, wrongs = read_answers(body, questions, words)
    if kind == TRANSLATION and wrongs:
        raise FormError(wrongs)  # without the file, the entry and the field there is nothing to check further
    collection = values["collection"] if kind == TRANSLATION else FORMS[kind][0]
    file, schema_path = f"data/{collection}.yml", root / "data" / "schemas" / f"{collection}.schema.json"
    old_text = (root / file).read_text(encoding="utf-8")
    if kind == TRANSLATION:
        entry = {}
        new_text = normal_text(translate(old_text, values, questions, words), schema_path)
        ours = lambda problem: problem.entry == values["entry"]  # noqa: E731
    else:
        entry, more = build_entry(values, questions, words)
        wrongs += more
        new_text = add_entry(old_text, entry, schema_path)
        # The new entry is the end of its file: a problem below the old text is about it.
        old_lines = old_text.count("\n")
        ours = lambda problem: problem.file == file and (problem.line or 0) > old_lines  # noqa: E731
    wrongs += _wrongs_of(check_change(root, collection, new_text), ours, entry, questions)
    if wrongs:
        raise FormError(_first_per_label(wrongs))
    return file, values, new_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", required=True, help="the issue's labels, separated by commas")
    parser.add_argument("--body", type=Path, help="a file with the issue's text (default: $ISSUE_BODY)")
    parser.add_argument("--issue", default="0", help="the issue's number, for the pull request")
    parser.add_argument("--message", type=Path, required=True,
                        help="where to write the pull request's description, or the comment on what is wrong")
    parser.add_argument("--title", type=Path, help="where to write the pull request's title")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this one)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    kind = form_of(args.labels)
    if kind is None:
        print(f"No form label ({LABEL_PREFIX}event, ...) among the labels {args.labels!r}.", file=sys.stderr)
        return 2
    body = args.body.read_text(encoding="utf-8") if args.body else os.environ.get("ISSUE_BODY", "")
    words = Words(root)
    try:
        file, values, new_text = convert(root, kind, body)
    except FormError as err:
        said = comment(err.wrongs, words)
        args.message.write_text(said, encoding="utf-8")
        print(said, file=sys.stderr)
        return 1
    (root / file).write_text(new_text, encoding="utf-8")
    args.message.write_text(description(kind, values, file, args.issue, words), encoding="utf-8")
    entry = values.get("entry") or values.get("id")
    if args.title:
        args.title.write_text(f"{file}: {entry} (#{args.issue})\n", encoding="utf-8")
    print(f"Changed {file}: {entry}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
