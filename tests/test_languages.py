"""The languages have one home (scripts/sitedata/languages.py) that mkdocs.yml and docs/ agree with,
and data/labels.yml has the words for every value the schemas allow, in every language."""
from __future__ import annotations

import json
import sys

import pytest
from mkdocs.config import load_config

from conftest import PROJECT, data

sys.path.insert(0, str(PROJECT / "scripts"))
from sitedata.languages import CODES, DEFAULT  # noqa: E402

# Each value a schema lists (an enum), by the collection and fields that hold it -> its words in labels.yml.
LABEL_GROUPS = {
    ("events", "type"): "event_types",
    ("resources", "type"): "resource_types",
    ("countries", "ncp"): "ncp_states",
    ("resources", "files", "lang"): "language_names",
}


def _enums(node, fields: tuple = ()):
    """(fields, values) of every enum in a schema: fields are the property names leading to it."""
    if isinstance(node, dict):
        if "enum" in node:
            yield fields, node["enum"]
        for key, value in node.items():
            if key != "enum":
                yield from _enums(value, fields if key in ("items", "properties", "definitions") else fields + (key,))
    elif isinstance(node, list):
        for item in node:
            yield from _enums(item, fields)


def schema_enums() -> dict[tuple, list]:
    found = {}
    for path in sorted((PROJECT / "data" / "schemas").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        for fields, values in _enums(schema):
            found[(path.name.removesuffix(".schema.json"), *fields)] = values
    return found


def test_every_enum_of_the_schemas_has_a_group_of_labels():
    assert set(schema_enums()) == set(LABEL_GROUPS), "a new list of values needs its words in data/labels.yml"


@pytest.mark.parametrize("place, group", LABEL_GROUPS.items(), ids=LABEL_GROUPS.values())
def test_labels_name_each_value_in_every_language(place, group):
    labels = data("labels")[group]
    assert set(labels) == set(schema_enums()[place]), group
    assert [value for value, text in labels.items() if set(text) != set(CODES) or not all(text.values())] == []


def test_the_languages_module_mkdocs_yml_and_docs_agree():
    config = load_config(str(PROJECT / "mkdocs.yml"))
    i18n = config.plugins["i18n"].config.languages
    assert tuple(lang.locale for lang in i18n) == CODES
    assert [lang.locale for lang in i18n if lang.default] == [DEFAULT] and config.theme["language"] == DEFAULT
    assert list(config.plugins["material/search"].config.lang) == list(CODES)
    assert sorted(p.name for p in (PROJECT / "docs").iterdir() if p.is_dir()) == sorted(CODES)
