"""Reading YAML safely, keeping the line and column of every value.

The positions let each problem name the line an editor has to open.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import re
from pathlib import Path

import yaml

from .messages import Message, msg
from .problems import DataError, Problem

Position = tuple[int, int]  # line, column; both start at 1
Path_ = tuple  # keys and list indexes from the top of the document


# libyaml's parser (in PyYAML's wheels), else PyYAML's own.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SafeLoader(_BASE_LOADER):
    """SafeLoader that reads dates and yes/no words as text (as YAML 1.2 does).

    Editors write "2005-04" (a month) as well as "2007-10-24" (a day); keeping
    both as strings lets one schema pattern and one parser handle them alike.
    And Norway's code NO must stay "NO", not become false.
    """


_SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SafeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@dataclass
class Document:
    file: str  # relative path used in messages
    data: object
    positions: dict[Path_, Position] = field(default_factory=dict)
    # Each value as written in the file: 09.2005 is read as the number 9.2005, but
    # a message must quote what the editor typed.
    sources: dict[Path_, str] = field(default_factory=dict)

    def entry_and_field(self, path: Path_) -> tuple[str | None, str | None]:
        """Who a path is about, in editors' words: the entry's id (or "#3" when it has none) and
        the dotted field inside it. In a file of named values (data/labels.yml) the field is the name."""
        if path and isinstance(path[0], int) and isinstance(self.data, list):
            item = self.data[path[0]] if path[0] < len(self.data) else None
            entry = str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"#{path[0] + 1}"
            return entry, ".".join(str(p) for p in path[1:]) or None
        return None, ".".join(str(p) for p in path) or None

    def position(self, path: Path_) -> Position:
        """The position of path, or of the nearest parent that has one."""
        path = tuple(path)
        while path and path not in self.positions:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


def _mark(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(node: yaml.Node, path: Path_, doc: Document, problems: list[Problem], text: str) -> None:
    """Record positions; mapping keys stand for their values (that is where editors look)."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                line, col = _mark(key_node)
                problems.append(Problem(doc.file, msg("yaml_duplicate_field", key=key, line=seen[key][0]), line, col))
            seen[key] = _mark(key_node)
            doc.positions[path + (key,)] = _mark(key_node)
            _walk(value_node, path + (key,), doc, problems, text)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            doc.positions[path + (index,)] = _mark(item)
            _walk(item, path + (index,), doc, problems, text)
    elif isinstance(node, yaml.ScalarNode):
        doc.sources[path] = text[node.start_mark.index:node.end_mark.index]


def _quote_value(row: str) -> str:
    """The line with its value in double quotes: `en: Note: see` -> `en: "Note: see"`."""
    key, colon, value = row.partition(": ")
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{key}{colon}"{escaped}"' if colon else row


# Characters that have a meaning in YAML at the start of a value: a text starting with one needs quotes.
SPECIAL_START = "*&!@`[]{}>|%-?,'\""
# A line that is a field's name and its value with the colon left out: "  title  Some text".
NO_COLON = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*)( +)(\S.*)$")


def _hint(what: str, row: str, column: int) -> tuple[Message, str | None]:
    """What to do about the YAML mistakes editors make most, and the line made right (if it can be)."""
    key, colon, value = row.partition(": ")
    in_value = bool(colon) and column > len(key) + 2  # the parser stumbled inside the text, not before it
    if in_value and ": " in value:
        return msg("yaml_hint_colon_in_text"), _quote_value(row)
    if in_value and value[:1] in SPECIAL_START:
        return msg("yaml_hint_special_start", char=value[0]), _quote_value(row)
    if "\t" in row or "found character '\\t'" in what or "tab character" in what:
        return msg("yaml_hint_tabs"), row.replace("\t", "  ")
    return msg("yaml_hint_indentation"), None


def _missing_colon(rows: list[str], err: yaml.MarkedYAMLError) -> int | None:
    """The line whose field name lacks its colon, if that is the mistake. The parser notices it only
    on a later line: the next line ("could not find expected ':'", which marks where the key began),
    or the next field's colon, which makes the two lines one text ("mapping values are not allowed")."""
    if err.problem == "could not find expected ':'" and err.context_mark:
        line = err.context_mark.line + 1
    elif (err.problem or "").startswith("mapping values are not allowed") and err.problem_mark:
        line = err.problem_mark.line  # the line before the one the parser stopped on (1-based)
        here = rows[line] if line < len(rows) else ""
        if not line or err.problem_mark.column + 1 > len(here.partition(": ")[0]) + 2:
            return None  # the colon is inside a text: a quoting mistake
    else:
        return None
    row = rows[line - 1] if 0 < line <= len(rows) else ""
    if ":" in row or not NO_COLON.match(row) or _continues_a_text(rows, line):
        return None
    return line


def _indent(row: str) -> int:
    """Where a line's content starts, a list's "- " counted as indentation (as the fields after it are)."""
    return re.match(r"\s*(?:- )?", row).end()


def _continues_a_text(rows: list[str], line: int) -> bool:
    """Line is the second line of a long text (indented deeper than the field before it, which
    holds a value), not a field of its own."""
    before = next((r for r in reversed(rows[:line - 1]) if r.strip() and not r.lstrip().startswith("#")), "")
    return _indent(rows[line - 1]) > _indent(before) and not before.rstrip().endswith(":")


def _colon_problem(rel: str, rows: list[str], line: int) -> Problem:
    indent, key, _, value = NO_COLON.match(rows[line - 1]).groups()
    found = msg("yaml_line_reads", row=rows[line - 1].strip())
    return Problem(rel, msg("yaml_missing_colon", key=key, found=found, hint=msg("yaml_hint_missing_colon", key=key)),
                   line, len(indent) + len(key) + 1, example=f"{indent}{key}: {value}", example_line=line)


def _syntax_problem(rel: str, text: str, err: yaml.MarkedYAMLError) -> Problem:
    rows = text.splitlines()
    if (colon_line := _missing_colon(rows, err)) is not None:
        return _colon_problem(rel, rows, colon_line)
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    what = " ".join(x for x in (err.context, err.problem) if x)
    row = rows[line - 1] if line and line <= len(rows) else ""
    hint, fixed = _hint(what, row, col or 0)
    found = msg("yaml_line_reads", row=row.strip()) if row.strip() else ""
    return Problem(rel, msg("yaml_invalid", what=what, found=found, hint=hint), line, col,
                   example=fixed, example_line=line if fixed else None)


def parse(text: str):
    """YAML text read as load_yaml reads a file (dates and NO stay text), without positions:
    for what needs no message to an editor (a data file at another commit, the messages' catalogue)."""
    return yaml.load(text, Loader=_SafeLoader)


def load_yaml(path: Path, root: Path, shown: str | None = None) -> Document:
    """Load one YAML file; raise DataError naming the line of a syntax error.
    Messages name it by its path from root, or as shown (a file outside the project)."""
    rel = shown or path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(rel, msg("file_missing"))]) from None
    except UnicodeDecodeError as err:
        raise DataError([Problem(rel, msg("file_not_utf8", reason=err.reason, byte=err.start))]) from None
    doc = Document(rel, None)
    problems: list[Problem] = []
    try:
        # One parse: the node tree gives the positions, and the data is built from it.
        loader = _SafeLoader(text)
        try:
            node = loader.get_single_node()
            doc.data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.constructor.ConstructorError as err:
        mark = err.problem_mark
        raise DataError([Problem(rel, msg("yaml_tag", what=err.problem), mark.line + 1 if mark else None,
                                 mark.column + 1 if mark else None)]) from None
    except yaml.MarkedYAMLError as err:
        raise DataError([_syntax_problem(rel, text, err)]) from None
    if node is not None:
        doc.positions[()] = _mark(node)
        _walk(node, (), doc, problems, text)
    if problems:
        raise DataError(problems)
    return doc
