"""The canonical form of a data file: what `make normalize` writes and `make check-normalized` expects.

- the fields of every entry in the order of its schema (en before ru), so that
  entries read alike and a pull request's diff shows only what changed;
- two spaces per level, lists indented under their field, entries at the left edge,
  as the files have always been written;
- comments, blank lines, quotes and [a, b] lists as the editor wrote them.

ruamel.yaml reads and writes the file as a round trip, so nothing else changes.
"""
from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tokens import CommentToken

from .schema import resolve, schemas


class _Emitter(RoundTripEmitter):
    """Lists indented under their field ("  - en: ..."), but the entries of the
    file itself at the left edge ("- id: ..."), as every data file is written.
    ruamel.yaml indents the top-level list like the others; this undoes that."""

    def expect_block_sequence_item(self, first=False):
        if len(self.indents) != 1:  # not the file's own list
            return super().expect_block_sequence_item(first)
        offset, self.sequence_dash_offset = self.sequence_dash_offset, 0
        try:
            return super().expect_block_sequence_item(first)
        finally:
            self.sequence_dash_offset = offset

    def increase_indent(self, flow=False, sequence=None, indentless=False):
        super().increase_indent(flow, sequence, indentless)
        top = self.indents.values[0] if self.indents.values else None
        if len(self.indents) == 2 and top == (None, True) and not sequence:
            self.indent = 2  # the fields of an entry, after "- "


def round_trip() -> YAML:
    """ruamel's round trip in the canonical form: comments and quotes kept, YAML 1.2 as the
    site's reader reads it (NO stays "NO"); for normalize.py and the issue forms' converter."""
    yaml = YAML()
    yaml.Emitter = _Emitter
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100_000  # never fold a long text onto a second line
    return yaml


# --- the order of fields, from the schemas ------------------------------------------------------

def _fields(schema: dict, document: str, all_schemas: dict) -> tuple[dict, tuple | None]:
    """(properties, items) of a schema, with $ref followed and allOf merged.

    Each sub-schema comes with the name of the schema it is in, for the "#/..." references inside it."""
    schema, document = resolve(schema, document, all_schemas)
    properties = {key: (sub, document) for key, sub in schema.get("properties", {}).items()}
    items = (schema["items"], document) if "items" in schema else None
    for part in schema.get("allOf", []):
        more, inner_items = _fields(part, document, all_schemas)
        properties, items = {**properties, **more}, items or inner_items
    return properties, items


# --- comments between fields ----------------------------------------------------------------------
# ruamel.yaml keeps the lines after a value (blank lines, comments) with that value. An editor
# writes a comment above the field it is about, and the blank line after an entry belongs to the
# entry: so before fields are reordered, the lines between two fields are taken off and put
# back above the same field, and the lines after the last field stay last.

def _is_block(value) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0 and not value.fa.flow_style()


def _slot_after(node, key) -> tuple[list, int]:
    """(comments of the value, index) where ruamel.yaml keeps the lines after node[key]."""
    if _is_block(node[key]):
        inner = node[key]
        return _slot_after(inner, list(inner)[-1] if isinstance(inner, CommentedMap) else len(inner) - 1)
    if isinstance(node, CommentedMap):
        return node.ca.items.setdefault(key, [None] * 4), 2
    return node.ca.items.setdefault(key, [None] * 2), 0


def _take_lines_after(node, key) -> str:
    """Remove and return the whole lines after node[key]; a comment on the value's own line stays."""
    comments, index = _slot_after(node, key)
    if comments[index] is None:
        return ""
    own_line, _, after = comments[index].value.partition("\n")
    comments[index].value = own_line + "\n"
    return after


def _put_lines_after(node, key, lines: str) -> None:
    if not lines:
        return
    comments, index = _slot_after(node, key)
    if comments[index] is None:
        comments[index] = CommentToken("\n", CommentMark(0))  # just the end of the value's line
    comments[index].value += lines


def _move_fields(node: CommentedMap, order: list) -> None:
    keys = list(node)
    above = {key: _take_lines_after(node, before) for before, key in zip(keys, keys[1:])}
    after_all = _take_lines_after(node, keys[-1])
    for key in order:
        node.move_to_end(key)
    # Nothing can stand between "- " and the first field: lines above it go just below it.
    _put_lines_after(node, order[0], above.get(order[0], ""))
    for before, key in zip(order, order[1:]):
        _put_lines_after(node, before, above.get(key, ""))
    _put_lines_after(node, order[-1], after_all)


# --- reordering -------------------------------------------------------------------------------------

def _reorder(node, schema: dict, document: str, all_schemas: dict) -> None:
    """Put the fields of node, and of everything inside it, in the schema's order."""
    properties, items = _fields(schema, document, all_schemas)
    if isinstance(node, CommentedSeq) and items:
        for item in node:
            _reorder(item, *items, all_schemas)
    if not isinstance(node, CommentedMap) or not node:
        return
    for key, value in node.items():
        if key in properties:
            _reorder(value, *properties[key], all_schemas)
    order = [k for k in properties if k in node] + [k for k in node if k not in properties]  # unknown ones last
    if order != list(node):
        _move_fields(node, order)


def normal_text(text: str, schema_path: Path) -> str:
    """The file's text in canonical form. Raises ruamel.yaml's YAMLError if it is not valid YAML."""
    yaml = round_trip()
    data = yaml.load(text)
    if data is None:
        return text
    all_schemas = schemas(schema_path.parent)
    _reorder(data, all_schemas[schema_path.name], schema_path.name, all_schemas)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


# --- a new entry ------------------------------------------------------------------------------------

class _DatesAsWritten(VersionedResolver):
    """A date such as 2007-10-24 is written unquoted, as editors write it (the site reads it as text)."""

    def resolve(self, kind, value, implicit):
        tag = super().resolve(kind, value, implicit)
        return "tag:yaml.org,2002:str" if tag == "tag:yaml.org,2002:timestamp" else tag


def entry_text(entry: dict, schema_path: Path) -> str:
    """A new entry for the end of a data file, in canonical form: "- id: ..." and its fields in
    the schema's order; lists of ids on one line ([a, b]), as the files write them."""
    yaml = round_trip()
    yaml.Resolver = _DatesAsWritten
    node = CommentedMap()
    for key, value in entry.items():
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = CommentedSeq(value)
            value.fa.set_flow_style()
        node[key] = value
    out = io.StringIO()
    yaml.dump([node], out)
    return normal_text(out.getvalue(), schema_path)
