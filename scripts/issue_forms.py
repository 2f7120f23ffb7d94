"""The GitHub issue forms for editors who do not write YAML, made from the JSON Schemas.

    python scripts/issue_forms.py          write .github/ISSUE_TEMPLATE/*.yml (make issue-forms)
    python scripts/issue_forms.py --check  change nothing; exit 1 if a committed form is not
                                           what the schemas and data make

Each form asks for the fields of one collection's schema: a text gets one box per
language, a list of values (an enum, the ids of another file, a country) a
drop-down, true/false a tick box; required as the schema requires. The words
come from data/labels.yml (form_fields and form_words) and the schemas'
markdownDescription (the help under each question), both
languages in every label. scripts/form_to_entry.py reads the issue that a form
makes back through the same questions (form_questions), so the two cannot drift.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitedata.checks import REFERENCES  # noqa: E402
from sitedata.languages import CODES  # noqa: E402
from sitedata.messages import say  # noqa: E402
from sitedata.model import COLLECTIONS, is_public  # noqa: E402
from sitedata.schema import SHARED, resolve, schemas  # noqa: E402
from sitedata.yaml_reader import load_yaml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FORMS_DIR = Path(".github") / "ISSUE_TEMPLATE"
FIX = "make issue-forms"
LABEL_PREFIX = "form: "  # an issue made by a form carries "form: event"; the workflow acts on it
# form -> (collection, fields of its schema the form leaves out). An entry made by a form is
# public (drafts and embargoes are edited in the file; restricted records never come near the
# public repository); a file of data/documents/ and the tool a resource is need a maintainer.
FORMS = {
    "event": ("events", ("public", "restricted")),
    "resource": ("resources", ("public", "placeholder", "tool", "restricted")),
    "contact": ("contacts", ("restricted",)),
}
TRANSLATION = "translation"
TEXT_KINDS = ("text", "markdown", "texts")
OPTION_LENGTH = 130  # a drop-down's line; long source titles are cut
HEADER = ("# Made by scripts/issue_forms.py from data/schemas/ and data/labels.yml: do not edit.\n"
          f"# After a change to the schemas, the words or the data, run: {FIX}\n")


@dataclass(frozen=True)
class Question:
    """One question of a form: the field it fills and, for a text, in which language."""

    field: str
    kind: str  # input, number, check, choice, choices, link, or one of TEXT_KINDS
    label: str
    description: str = ""
    placeholder: str = ""
    required: bool = False
    lang: str | None = None
    options: tuple[tuple[str, str], ...] = ()  # (value, the line the drop-down shows)

    @property
    def id(self) -> str:
        return self.field + (f"-{self.lang}" if self.lang else "")


# --- the words ---------------------------------------------------------------------------------

class Words:
    """The forms' words from data/labels.yml, every label in both languages; and the messages of
    scripts/form_to_entry.py (data/messages.yml, form_*), per language."""

    def __init__(self, root: Path):
        self.labels = load_yaml(root / "data" / "labels.yml", root).data

    def both(self, text: dict) -> str:
        return " / ".join(text[lang] for lang in CODES)

    def word(self, name: str) -> str:
        return self.both(self.labels["form_words"][name])

    def field(self, name: str, lang: str | None = None) -> str:
        text = self.labels["form_fields"][name]
        if lang is None:
            return self.both(text)
        where = self.labels["form_in_language"][lang]
        return " / ".join(f"{text[code]} ({where[code]})" for code in CODES)

    def help(self, collection: str, name: str, described: dict) -> str:
        """The schema's description in both languages: its markdownDescription holds the English
        (the description itself), a blank line, then the Russian (tests/test_messages.py)."""
        english, _, russian = described.get("markdownDescription", "").partition("\n\n")
        if english != described["description"] or not russian:
            raise SystemExit(f"data/schemas/{collection}.schema.json, field '{name}': its markdownDescription "
                             f"must be the description ({described['description']!r}), a blank line, and its "
                             f"Russian translation; then run {FIX}.")
        return " / ".join((english, russian))

    def message(self, key: str, **values) -> dict:
        """A message of the catalogue (data/messages.yml) in every language."""
        return {lang: say(key, lang, **values) for lang in CODES}


# --- the questions, from the schemas ----------------------------------------------------------

def _refs(node: dict) -> set[str]:
    """The names of the shared definitions a field is (text, markdown, ids, ...), through allOf."""
    found = {node["$ref"].rsplit("/", 1)[-1]} if "$ref" in node else set()
    for part in node.get("allOf", []):
        found |= _refs(part)
    return found


def _resolved(node: dict, all_schemas: dict) -> dict:
    """The field's schema with $ref followed and allOf merged (its own words last, so they win)."""
    merged = {}
    for part in node.get("allOf", []):
        merged.update(_resolved(part, all_schemas))
    if "$ref" in node:  # only the shared file's "#/..." references have no file name
        merged.update(_resolved(resolve(node, SHARED, all_schemas)[0], all_schemas))
    merged.update({k: v for k, v in node.items() if k not in ("$ref", "allOf")})
    return merged


def _reference(collection: str, field: str) -> str | None:
    return next((target for name, f, target in REFERENCES if (name, f) == (collection, field)), None)


def _kind(collection: str, field: str, node: dict, spec: dict) -> str:
    refs = _refs(node)
    for kind in ("markdown", "text", "texts"):  # markdown first: it is a text as well
        if kind in refs:
            return kind
    if _reference(collection, field):
        return "choices" if spec.get("type") == "array" else "choice"
    if "enum" in spec:
        return "choice"
    if spec.get("type") == "boolean":
        return "check"
    if spec.get("type") == "integer":
        return "number"
    if spec.get("type") == "array" and "url" in spec.get("items", {}).get("properties", {}):
        return "link"
    return "input"


def _cut(line: str) -> str:
    return line if len(line) <= OPTION_LENGTH else line[:OPTION_LENGTH - 1].rstrip() + "…"


def _entry_options(root: Path, collection: str, words: Words) -> tuple:
    """(id, "id — English / Russian") of every public entry of a collection."""
    entries = load_yaml(root / "data" / f"{collection}.yml", root).data or []
    options = []
    for entry in filter(is_public, entries):
        name = entry.get("title") or entry.get("name")
        line = f"{entry['id']} — {words.both(name)}" if name else entry["id"]
        options.append((entry["id"], _cut(line)))
    return tuple(options)


def _enum_options(values: list, words: Words) -> tuple:
    """(value, "value — English / Russian"), the words from the labels group that names these values."""
    group = next((g for g in words.labels.values() if isinstance(g, dict) and set(g) == set(values)), None)
    return tuple((v, f"{v} — {words.both(group[v])}" if group else str(v)) for v in values)


def _example(spec: dict) -> str:
    """The schema's first example, if it is one value (as typed in a box)."""
    first = (spec.get("examples") or [None])[0]
    return "" if first is None or isinstance(first, (bool, list, dict)) else str(first)


def _questions_of_field(collection, field, node, required, all_schemas, root, words) -> list[Question]:
    spec = _resolved(node, all_schemas)
    kind = _kind(collection, field, node, spec)
    if kind == "link":  # the form asks for a web address per language (a file needs a maintainer)
        spec = node = spec["items"]["properties"]["url"]
    # A plain text's shared description ("a text in both languages") says nothing in a form.
    described = node if node.get("description") else {} if kind in ("text", "texts") else spec
    help_text = words.help(collection, field, described) if described.get("description") else ""
    if kind == "texts":
        help_text = "\n\n".join(filter(None, [help_text, words.word("one_per_line")]))
    if kind in TEXT_KINDS or kind == "link":
        example = _example(spec) if kind == "link" else ""  # a text's example is about another subject
        return [Question(field, kind, words.field(field, lang), help_text, example, required, lang)
                for lang in CODES]
    options = ()
    if kind in ("choice", "choices"):
        target = _reference(collection, field)
        options = _entry_options(root, target, words) if target else _enum_options(spec["enum"], words)
    return [Question(field, kind, words.field(field), help_text, _example(spec), required, None, options)]


def form_questions(form: str, root: Path = ROOT) -> list[Question]:
    """The questions of a form, in the order of the collection's schema."""
    words = Words(root)
    if form == TRANSLATION:
        return _translation_questions(root, words)
    collection, left_out = FORMS[form]
    all_schemas = schemas(root / "data" / "schemas")
    items = all_schemas[f"{collection}.schema.json"]["items"]
    questions = []
    for field, node in items["properties"].items():
        if field not in left_out:
            questions += _questions_of_field(collection, field, node, field in items.get("required", []),
                                             all_schemas, root, words)
    return questions


def text_fields(root: Path = ROOT) -> dict[str, list[str]]:
    """collection -> its fields that hold texts in every language (or lists of them)."""
    all_schemas = schemas(root / "data" / "schemas")
    found = {}
    for collection in COLLECTIONS:
        properties = all_schemas[f"{collection}.schema.json"].get("items", {}).get("properties", {})
        names = [f for f, node in properties.items() if _refs(node) & set(TEXT_KINDS)]
        if names:
            found[collection] = names
    return found


def _translation_questions(root: Path, words: Words) -> list[Question]:
    fields = text_fields(root)
    every_field = sorted({f for names in fields.values() for f in names})
    names = words.labels["language_names"]
    return [
        Question("collection", "choice", words.field("collection"), words.word("collection_help"),
                 required=True, options=tuple((c, f"data/{c}.yml") for c in fields)),
        Question("entry", "input", words.field("entry"), words.word("entry_help"), "tallinn-2008", True),
        Question("field", "choice", words.field("field"), words.word("field_help"), required=True,
                 options=tuple((f, f) for f in every_field)),
        Question("item", "number", words.field("item"), words.word("item_help"), "2"),
        Question("language", "choice", words.field("language"), required=True,
                 options=tuple((code, f"{code} — {words.both(names[code])}") for code in CODES)),
        Question("text", "markdown", words.field("text"), words.word("text_help"), required=True),
    ]


# --- the forms, as GitHub reads them ----------------------------------------------------------

# A question's kind -> the element GitHub shows for it (any other kind: a one-line box, "input").
ELEMENTS = {"choice": "dropdown", "choices": "dropdown", "check": "checkboxes",
            "markdown": "textarea", "texts": "textarea"}


def _element(question: Question, words: Words) -> dict:
    attributes = {"label": question.label}
    if question.description:
        attributes["description"] = question.description
    if question.kind in ("choice", "choices"):
        attributes["multiple"] = question.kind == "choices"
        attributes["options"] = [line for _, line in question.options]
    elif question.kind == "check":
        attributes["options"] = [{"label": words.word("yes"), "required": question.required}]
    elif question.placeholder:
        attributes["placeholder"] = question.placeholder
    element = {"type": ELEMENTS.get(question.kind, "input"), "id": question.id, "attributes": attributes}
    if question.kind != "check":  # a tick box is required through its option
        element["validations"] = {"required": question.required}
    return element


def form(name: str, root: Path = ROOT) -> dict:
    words = Words(root)
    labels = words.labels
    intro = labels["form_intro"]
    return {
        "name": words.both(labels["form_names"][name]),
        "description": words.both(labels["form_descriptions"][name]),
        "title": f"[{name}] ",
        "labels": [LABEL_PREFIX + name],
        "body": [{"type": "markdown", "attributes": {"value": "\n\n".join(intro[lang] for lang in CODES)}}]
                + [_element(q, words) for q in form_questions(name, root)],
    }


def form_file(name: str) -> str:
    return "translation.yml" if name == TRANSLATION else f"add-{name}.yml"


def form_files(root: Path = ROOT) -> dict[Path, str]:
    """Every form's file name (in FORMS_DIR) and text."""
    texts = {}
    for name in (*FORMS, TRANSLATION):
        text = yaml.safe_dump(form(name, root), allow_unicode=True, sort_keys=False, width=1000)
        texts[FORMS_DIR / form_file(name)] = HEADER + text
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a form is out of date")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this one)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    stale = []
    for rel, text in form_files(root).items():
        path = root / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        if args.check:
            stale.append(rel.as_posix())
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"Wrote {rel.as_posix()}.")
    if stale:
        print(f"These issue forms are not what the schemas and data/labels.yml make: {', '.join(stale)}.\n"
              f"To fix it, run: {FIX}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
