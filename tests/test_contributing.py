"""The recipes of CONTRIBUTING.md and CONTRIBUTING.ru.md stay true: each example entry is
checked against its schema, and all of them together are added to a copy of the project
and built, as an editor following the guide would."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import PROJECT, build_ok, copy_project
from test_editing import editors_validator

sys.path.insert(0, str(PROJECT / "scripts"))
from sitedata.yaml_reader import load_yaml  # noqa: E402

GUIDES = ["CONTRIBUTING.md", "CONTRIBUTING.ru.md"]
BLOCK = re.compile(r"^```yaml\n(.*?)^```$", re.MULTILINE | re.DOTALL)
TARGET = re.compile(r"\A# (data/([a-z]+)\.yml)\b")
RECIPES = {"events", "resources", "contacts", "tools"}


def examples(guide: str) -> list[tuple[str, str]]:
    """(collection, YAML text) of every ```yaml block of the guide."""
    found = []
    for block in BLOCK.findall((PROJECT / guide).read_text(encoding="utf-8")):
        target = TARGET.match(block)
        assert target, f"{guide}: every yaml example starts with the file it goes in, e.g. '# data/events.yml'"
        found.append((target[2], block))
    return found


def parsed(tmp_path, text: str):
    path = tmp_path / "example.yml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path, tmp_path).data


@pytest.mark.parametrize("guide", GUIDES)
def test_each_guide_has_a_recipe_for_each_collection_editors_add_to(guide):
    assert RECIPES <= {name for name, _ in examples(guide)}


@pytest.mark.parametrize("guide", GUIDES)
def test_each_example_is_one_complete_entry_its_schema_accepts(guide, tmp_path):
    for name, text in examples(guide):
        data = parsed(tmp_path, text)
        assert isinstance(data, list) and len(data) == 1, (guide, name)
        errors = [f"{list(e.absolute_path)}: {e.message}"
                  for e in editors_validator(PROJECT / "data" / "schemas", name).iter_errors(data)]
        assert errors == [], (guide, name, errors)


def test_both_guides_show_the_same_entries(tmp_path):
    english, russian = ([(name, parsed(tmp_path, text)) for name, text in examples(g)] for g in GUIDES)
    assert english == russian


@pytest.fixture(scope="module")
def project_following_the_guide(tmp_path_factory):
    """A copy of the project with every example added where the guide says, and the files it names."""
    project = copy_project(tmp_path_factory.mktemp("guide") / "project")
    for name, text in examples("CONTRIBUTING.md"):
        path = project / "data" / f"{name}.yml"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
        for file in re.findall(r"^\s+file: (\S+)$", text, re.MULTILINE):  # the editor uploads them
            (project / "data" / "documents" / file).write_bytes(b"%PDF-1.4\n%%EOF\n")
    for lang in ("en", "ru"):  # the tool's page, as the recipe says
        page = project / "docs" / lang / "tools" / "leaving-care.md"
        page.write_text('---\ntitle: Leaving care\n---\n\n{{ self_assessment("leaving-care") }}\n', encoding="utf-8")
    return project


def test_the_examples_build_into_the_site(project_following_the_guide):
    site = build_ok(project_following_the_guide, "--no-bundle")
    assert "Gdańsk" in (site / "events" / "gdansk-2009.html").read_text(encoding="utf-8")
    assert "Гданьск" in (site / "ru" / "events" / "gdansk-2009.html").read_text(encoding="utf-8")
    assert (site / "documents" / "resources" / "return-checklist.en.pdf").is_file()


def test_the_examples_are_in_canonical_form(project_following_the_guide):
    result = subprocess.run([sys.executable, "scripts/normalize.py", "--check"], cwd=project_following_the_guide,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
