"""Checking each collection against its JSON Schema, in editors' words.

The schemas in data/schemas/ are the single description of every field: the
build checks them here, and editors' tools (VS Code's YAML extension) read the
same files to complete and underline while typing.
"""
from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

# jsonschema imports every optional checker of string formats it finds installed. One of them,
# rfc3987-syntax (there only because cyclonedx-bom asks for jsonschema[format-nongpl]; the SBOM
# is written by its own process), compiles 38 grammars when imported: 2.0 s CPU of a 10 s web
# build at 10x (make bench, 30 November 2026). Our schemas check no "format", so it is not loaded.
sys.modules.setdefault("rfc3987_syntax", None)
import jsonschema  # noqa: E402
import yaml

from .languages import CODES
from .messages import Count, Localized, Message, msg, quoted_list, say
from .yaml_reader import Document
from .problems import Problem

# JSON's types, by the catalogue's key of their names for editors.
JSON_TYPES = {"string": "type_string", "integer": "type_integer", "number": "type_number",
              "boolean": "type_boolean", "array": "type_array", "object": "type_object", "null": "type_null"}


def schemas(schema_dir: Path) -> dict[str, dict]:
    """Every schema of the folder, by its $id (its file name, which is what a $ref names)."""
    found = {}
    for path in sorted(schema_dir.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        found[contents["$id"]] = contents
    return found


def resolve(node: dict, document: str, all_schemas: dict[str, dict]) -> tuple[dict, str]:
    """node, found in the schema named document, with its $ref followed (draft-07 ignores what
    stands beside a $ref); and the name of the schema it was found in."""
    while "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        document = file or document
        node = all_schemas[document]
        for part in filter(None, pointer.split("/")):
            node = node[part]
    return node, document


def inlined(node, document: str, all_schemas: dict[str, dict], within: tuple = ()):
    """node with each $ref replaced by what it names, so that jsonschema follows no reference while
    checking (following them was most of its time; README, "Performance benchmark"). within: the
    references being written out around node; a schema that names itself inside itself could not
    be written out, and is refused."""
    if isinstance(node, list):
        return [inlined(item, document, all_schemas, within) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        reference = (document, node["$ref"])
        if reference in within:
            raise ValueError(f"data/schemas/{document}: $ref {node['$ref']} names a schema inside itself; "
                             "the build writes every $ref out, so a schema may not contain itself")
        within += (reference,)
    node, document = resolve(node, document, all_schemas)
    return {key: inlined(value, document, all_schemas, within) for key, value in node.items()}


def validator(schema_dir: Path, name: str) -> jsonschema.Draft7Validator:
    """jsonschema's validator, which tells what is wrong and where, for the messages to editors."""
    file, all_schemas = f"{name}.schema.json", schemas(schema_dir)
    return jsonschema.Draft7Validator(inlined(all_schemas[file], file, all_schemas))


def _entry_fields(schema_dir: Path, name: str) -> dict:
    """The fields of a collection's entries, as its schema describes them."""
    return schemas(schema_dir)[f"{name}.schema.json"].get("items", {}).get("properties", {})


def markdown_fields(schema_dir: Path, name: str) -> list[str]:
    """The fields of a collection's entries that the schema declares Markdown."""
    fields = _entry_fields(schema_dir, name)
    return [field for field, spec in fields.items() if spec.get("$ref", "").endswith("/definitions/markdown")]


def _describe(value, written: str | None = None):
    """The value as the editor wrote it: 09.2005 rather than the number 9.2005 it was read as."""
    if written is not None and not isinstance(value, (str, dict, list)):
        return written
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (dict, list)):
        return msg("type_object" if isinstance(value, dict) else "type_array")
    if value is None:
        return msg("type_null")
    return Localized.of(lambda lang: say("quoted", lang, name=value)) if isinstance(value, str) else str(value)


def _examples(schema: dict, document: str, all_schemas: dict[str, dict]) -> list:
    """Examples of a schema (found in the schema named document), following $ref and allOf."""
    schema, document = resolve(schema, document, all_schemas)
    if schema.get("examples"):
        return schema["examples"]
    for part in schema.get("allOf", []):
        if found := _examples(part, document, all_schemas):
            return found
    return []


# The schema a part of a schema is read in when the part does not say which file it is from: the
# parts jsonschema reports hold no $ref (the build writes them out), and only the shared file refers
# to its own definitions without naming itself (issue_forms.py reads the schemas as they are written).
SHARED = "common.schema.json"


def _example(path: tuple, schema: dict, schema_dir: Path) -> str | None:
    """The schema's first example, written as the editor would type it."""
    examples = _examples(schema, SHARED, schemas(schema_dir))
    return _as_yaml(path, examples[0]) if examples else None


def _as_yaml(path: tuple, value) -> str:
    names = [p for p in path if isinstance(p, str)]
    value = {names[-1]: value} if names else value
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False,
                          default_flow_style=False, width=100).rstrip()


def described(schema: dict) -> Localized | Message:
    """The schema's description in each language: `description` is the English (what jsonschema
    and other tools show); `markdownDescription` (what VS Code shows) the English, a blank line,
    then the Russian."""
    if not schema.get("description"):
        return msg("schema_form")
    english = schema["description"]
    parts = schema.get("markdownDescription", english).split("\n\n")
    return Localized(tuple(zip(CODES, [english] + parts[1:] + [english] * (len(CODES) - len(parts)))))


def _closest(name: str, known: list[str]) -> str | None:
    """The known name meant by name: the same in other letter case (RU, pl), or one that differs little."""
    same_case = [k for k in known if k.lower() == name.lower()]
    close = same_case or difflib.get_close_matches(name, known, n=1, cutoff=0.5)  # 0.5: "ry" is close to "ru"
    return close[0] if close else None


def _hint(close: str | None):
    return msg("did_you_mean", name=close) if close else ""


def _case_fits(found, schema: dict) -> str | None:
    """A code or id in the wrong letter case ('pl', 'Kiev-2005') as the pattern accepts it ('PL', 'kiev-2005')."""
    pattern = schema.get("pattern")
    if not isinstance(found, str) or not pattern:
        return None
    return next((other for other in (found.upper(), found.lower()) if re.search(pattern, other)), None)


def _renamed(error: jsonschema.ValidationError, name: str) -> Localized | None:
    """The stray field under the name it was probably meant to have: 'country: EE  # not contry'."""
    close = _closest(name, list(error.schema.get("properties", {})))
    if close is None:
        return None
    value = error.instance[name]
    line = f"{close}:" if isinstance(value, (dict, list)) else _as_yaml((close,), value).splitlines()[0]
    return Localized.of(lambda lang: say("schema_renamed", lang, line=line, name=name))


def _required(error, path: tuple) -> tuple[Message, tuple]:
    missing = next(iter(name for name in error.validator_value if name not in error.instance), "?")
    if missing in CODES:
        return msg("schema_text_missing", language=msg(f"language_in_{missing}"), code=missing), path + (missing,)
    return msg("schema_required", name=missing), path + (missing,)


def _unknown(error, path: tuple) -> tuple[Message, tuple]:
    known = list(error.schema.get("properties", {}))
    extra = [name for name in error.instance if name not in known]
    hints = {name: _hint(_closest(name, known)) for name in extra}
    fields = Localized.of(lambda lang: ", ".join(
        say("quoted", lang, name=name) + (hints[name].text(lang) if hints[name] else "") for name in extra))
    return msg("schema_unknown_field", fields=fields, allowed=", ".join(known)), path + (extra[0],)


def _wrong_type(error, found) -> Message:
    if "pattern" in error.schema:  # a date, a code: the description says it all
        return msg("schema_found_expected", found=found, hint="", expected=described(error.schema))
    wanted = error.validator_value
    wanted = [JSON_TYPES.get(t, t) for t in ([wanted] if isinstance(wanted, str) else wanted)]
    wanted = Localized.of(lambda lang: say("or", lang).join(say(t, lang) for t in wanted))
    return msg("schema_found_expected_type", found=found, wanted=wanted, expected=described(error.schema))


def _one_of(error) -> Message:
    choices = quoted_list(sub["required"][0] for sub in error.validator_value)
    return msg("schema_one_of" if error.validator == "oneOf" else "schema_any_of", choices=choices)


def _dependency(error, path: tuple) -> tuple[Message, tuple]:
    """A field that needs another one beside it ("end" needs "date"): said on the field's line."""
    for field, needs in error.validator_value.items():
        missing = [n for n in needs if n not in error.instance] if isinstance(needs, list) else []
        if field in error.instance and missing:
            return msg("schema_dependency", field=field, needs=missing[0]), path + (field,)
    return msg("schema_other", detail=error.message), path


def _message(error: jsonschema.ValidationError, doc: Document) -> tuple[Message, tuple]:
    """What was found and what is expected; and the path the message is about."""
    path = tuple(error.absolute_path)
    kind, schema, found = error.validator, error.schema, error.instance
    shown = _describe(found, doc.sources.get(path))
    if kind == "required":
        return _required(error, path)
    if kind == "additionalProperties":
        return _unknown(error, path)
    if kind == "type":
        return _wrong_type(error, shown), path
    if kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        return msg("schema_enum", found=shown, hint=_hint(_closest(str(found), allowed)),
                   allowed=", ".join(allowed)), path
    if kind == "const":
        return msg("schema_found_expected", found=_describe(found), hint="",
                   expected=_describe(error.validator_value)), path
    if kind == "pattern":
        return msg("schema_found_expected", found=_describe(found), hint=_hint(_case_fits(found, schema)),
                   expected=described(schema)), path
    if kind == "minLength":
        return msg("schema_empty_text"), path
    if kind in ("minItems", "maxItems"):
        return msg(f"schema_{kind[:3]}_items", count=Count(len(found), "items_word"), expected=described(schema),
                   limit=error.validator_value), path
    if kind == "maxLength":
        return msg("schema_too_long", found=_describe(found),
                   limit=Count(error.validator_value, "characters_word")), path
    if kind == "uniqueItems":
        return msg("schema_unique"), path
    if kind in ("oneOf", "anyOf") and all(set(sub) == {"required"} for sub in error.validator_value):
        return _one_of(error), path
    if kind == "dependencies":
        return _dependency(error, path)
    return msg("schema_other", detail=error.message), path


def check(doc: Document, name: str, schema_dir: Path) -> list[Problem]:
    problems = []
    for error in validator(schema_dir, name).iter_errors(doc.data):
        if error.validator in ("allOf", "if"):  # their inner errors are reported on their own
            continue
        message, path = _message(error, doc)
        schema = error.schema
        if error.validator == "required" and path[-1] not in CODES:
            # A "then" branch names required fields without describing them: look in the entry's schema.
            schema = schema.get("properties", _entry_fields(schema_dir, name)).get(path[-1], {})
        if error.validator == "required" and path[-1] in CODES:
            # Show the editor's own text with the missing language added (and nothing else).
            example = _missing_text_example(error.instance, path)
        elif error.validator == "additionalProperties":
            # The field under its right name, or the group of fields (not the stray one).
            example = _renamed(error, path[-1]) or _example(path[:-1], schema, schema_dir)
        elif error.validator == "pattern" and _case_fits(error.instance, schema):
            example = _as_yaml(path, _case_fits(error.instance, schema))  # the editor's own code, in capitals
        else:
            example = _example(path, schema, schema_dir)
        problems.append(problem_at(doc, path, message, example))
    return problems


def _missing_text_example(text: dict, path: tuple) -> Localized:
    """The editor's own text with the missing language added (as a placeholder in the reader's language)."""
    def write(lang: str) -> str:
        placeholder = say("schema_text_placeholder", lang, language=msg(f"language_in_{path[-1]}"))
        texts = {**text, path[-1]: placeholder}
        return _as_yaml(path[:-1], {code: texts[code] for code in CODES if code in texts})
    return Localized.of(write)


def problem_at(doc: Document, path: tuple, message: Message, example=None) -> Problem:
    """A problem at a path inside a data file."""
    line, column = doc.position(path)
    return Problem(doc.file, message, line, column, *doc.entry_and_field(path), example)
