"""Checking each collection against its JSON Schema, in editors' words.

The schemas in data/schemas/ are the single description of every field: the
build checks them here, and editors' tools (VS Code's YAML extension) read the
same files to complete and underline while typing.
"""
from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

# jsonschema imports every optional checker of string formats it finds installed. One of them,
# rfc3987-syntax (there only because cyclonedx-bom asks for jsonschema[format-nongpl]; the SBOM
# is written by its own process), compiles 38 grammars when imported: 2.0 s CPU of a 10 s web
# build at 10x (make bench, 30 November 2026). Our schemas check no "format", so it is not loaded.
sys.modules.setdefault("rfc3987_syntax", None)
import jsonschema  # noqa: E402
import yaml
from referencing import Registry, Resource

from .languages import CODES, english_name
from .yaml_reader import Document
from .problems import Problem

JSON_TYPES = {"string": "a text", "integer": "a whole number", "number": "a number",
              "boolean": "true or false", "array": "a list", "object": "a group of fields",
              "null": "nothing"}


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


def validator(schema_dir: Path, name: str) -> jsonschema.Draft7Validator:
    """jsonschema's validator, which tells what is wrong and where, for the messages to editors."""
    all_schemas = schemas(schema_dir)
    registry = Registry().with_resources((uri, Resource.from_contents(contents))
                                         for uri, contents in all_schemas.items())
    return jsonschema.Draft7Validator(all_schemas[f"{name}.schema.json"], registry=registry)


def _entry_fields(schema_dir: Path, name: str) -> dict:
    """The fields of a collection's entries, as its schema describes them."""
    return schemas(schema_dir)[f"{name}.schema.json"].get("items", {}).get("properties", {})


def markdown_fields(schema_dir: Path, name: str) -> list[str]:
    """The fields of a collection's entries that the schema declares Markdown."""
    fields = _entry_fields(schema_dir, name)
    return [field for field, spec in fields.items() if spec.get("$ref", "").endswith("/definitions/markdown")]


def _describe(value, written: str | None = None) -> str:
    """The value as the editor wrote it: 09.2005 rather than the number 9.2005 it was read as."""
    if written is not None and not isinstance(value, (str, dict, list)):
        return written
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (dict, list)):
        return JSON_TYPES["object" if isinstance(value, dict) else "array"]
    if value is None:
        return "nothing"
    return repr(value) if isinstance(value, str) else str(value)


def _examples(schema: dict, document: str, all_schemas: dict[str, dict]) -> list:
    """Examples of a schema (found in the schema named document), following $ref and allOf."""
    schema, document = resolve(schema, document, all_schemas)
    if schema.get("examples"):
        return schema["examples"]
    for part in schema.get("allOf", []):
        if found := _examples(part, document, all_schemas):
            return found
    return []


# What a local $ref ("#/definitions/text") in a part of a schema that jsonschema reports means:
# the error does not say which file the part is from, and only the shared file has such references.
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


def _expected(schema: dict) -> str:
    return schema.get("description") or "the form described in the schema"


def _closest(name: str, known: list[str]) -> str | None:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)  # 0.5: "ry" is close to "ru"
    return close[0] if close else None


def _renamed(error: jsonschema.ValidationError, name: str) -> str | None:
    """The stray field under the name it was probably meant to have: 'country: EE  # not contry'."""
    close = _closest(name, list(error.schema.get("properties", {})))
    if close is None:
        return None
    value = error.instance[name]
    line = f"{close}:" if isinstance(value, (dict, list)) else _as_yaml((close,), value).splitlines()[0]
    return f"{line}  # not {name}"


def _message(error: jsonschema.ValidationError, doc: Document) -> tuple[str, tuple]:
    """What was found and what is expected; and the path the message is about."""
    path = tuple(error.absolute_path)
    kind, schema, found = error.validator, error.schema, error.instance
    written = doc.sources.get(path)
    if kind == "required":
        missing = next(iter(name for name in error.validator_value if name not in found), "?")
        if missing in CODES:
            return (f"the {english_name(missing)} text ({missing}:) is missing; "
                    "every text needs both languages side by side."), path + (missing,)
        return f"the required field '{missing}' is missing.", path + (missing,)
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        extra = [name for name in found if name not in known]
        hints = []
        for name in extra:
            close = _closest(name, known)
            hints.append(f"'{name}'" + (f" (did you mean '{close}'?)" if close else ""))
        return (f"unknown field {', '.join(hints)}; the fields allowed here are: "
                f"{', '.join(known)}."), path + (extra[0],)
    if kind == "type" and "pattern" in schema:  # a date, a code: the description says it all
        return f"found {_describe(found, written)}, expected {_expected(schema)}.", path
    if kind == "type":
        wanted = error.validator_value
        wanted = " or ".join(JSON_TYPES.get(t, t) for t in ([wanted] if isinstance(wanted, str) else wanted))
        return f"found {_describe(found, written)}, expected {wanted}: {_expected(schema)}.", path
    if kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        close = _closest(str(found), allowed)
        hint = f" (did you mean '{close}'?)" if close else ""
        return f"found {_describe(found, written)}{hint}, expected one of: {', '.join(allowed)}.", path
    if kind == "const":
        return f"found {_describe(found)}, expected {_describe(error.validator_value)}.", path
    if kind == "pattern":
        return f"found {_describe(found)}, expected {_expected(schema)}.", path
    if kind == "minLength":
        return "the text is empty; write it, or leave the field out if it is optional.", path
    if kind in ("minItems", "maxItems"):
        return (f"the list has {len(found)} items; {_expected(schema)} "
                f"({kind[:3]}imum {error.validator_value}).", path)
    if kind == "maxLength":
        return f"found {_describe(found)}, longer than {error.validator_value} characters.", path
    if kind == "uniqueItems":
        return "the list names the same item twice.", path
    if kind in ("oneOf", "anyOf") and all(set(sub) == {"required"} for sub in error.validator_value):
        choices = " or ".join(f"'{sub['required'][0]}'" for sub in error.validator_value)
        exactly = "exactly one" if kind == "oneOf" else "at least one"
        return f"give {exactly} of {choices} here.", path
    if kind == "dependencies":
        needs = next(iter(n for n in error.validator_value.get(error.message.split("'")[1], [])), "")
        return f"{error.message}; add '{needs}' as well." if needs else error.message, path
    return f"{error.message}.", path


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
            texts = {**error.instance, path[-1]: f"(the {english_name(path[-1])} text)"}
            example = _as_yaml(path[:-1], {lang: texts[lang] for lang in CODES if lang in texts})
        elif error.validator == "additionalProperties":
            # The field under its right name, or the group of fields (not the stray one).
            example = _renamed(error, path[-1]) or _example(path[:-1], schema, schema_dir)
        else:
            example = _example(path, schema, schema_dir)
        problems.append(problem_at(doc, path, message, example))
    return problems


def problem_at(doc: Document, path: tuple, message: str, example: str | None = None) -> Problem:
    """A problem at a path inside a data file."""
    line, column = doc.position(path)
    return Problem(doc.file, message, line, column, *doc.entry_and_field(path), example)
