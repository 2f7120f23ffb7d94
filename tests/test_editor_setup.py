"""What editors and reviewers get around the data: schema support in their editor, the
pre-commit hooks, the pull-request template and the workflows. Each must name things
that exist: schemas, data files, make targets."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import PROJECT

WORKFLOWS = PROJECT / ".github" / "workflows"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)


def collections() -> list[str]:
    return sorted(p.name.removesuffix(".schema.json") for p in (PROJECT / "data" / "schemas").glob("*.schema.json")
                  if p.name != "common.schema.json")


def make_targets() -> set[str]:
    text = (PROJECT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", text, re.MULTILINE))


def make_calls(command: str) -> list[str]:
    return re.findall(r"\bmake\s+(?:--?[\w-]+\s+)*([a-z][\w-]*)", command)


def test_every_collection_has_a_data_file_and_a_schema():
    names = collections()
    assert "events" in names and len(names) >= 9
    assert sorted(p.stem for p in (PROJECT / "data").glob("*.yml")) == names


@pytest.mark.parametrize("name", collections())
def test_each_data_file_names_its_schema_for_editors(name):
    text = (PROJECT / "data" / f"{name}.yml").read_text(encoding="utf-8")
    assert text.startswith("#"), "each data file starts with a comment for editors"
    found = MODELINE.findall(text)
    assert found == [f"schemas/{name}.schema.json"]
    assert (PROJECT / "data" / found[0]).is_file()


@pytest.mark.parametrize("name", collections() + ["common"])
def test_each_schema_is_a_draft_07_schema_with_an_id_title_and_description(name):
    schema = json.loads((PROJECT / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"] == f"{name}.schema.json"
    assert schema["title"]
    for ref in re.findall(r'"\$ref":\s*"([^"#]+)#', json.dumps(schema)):
        assert (PROJECT / "data" / "schemas" / ref).is_file(), ref


def test_vscode_maps_every_schema_to_its_data_file_and_recommends_the_yaml_extension():
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {f"./data/schemas/{n}.schema.json": f"data/{n}.yml" for n in collections()}
    assert settings["[yaml]"]["editor.tabSize"] == 2 and settings["[yaml]"]["editor.insertSpaces"] is True
    extensions = json.loads((PROJECT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_editorconfig_asks_for_two_spaces_in_data_files():
    text = (PROJECT / ".editorconfig").read_text(encoding="utf-8")
    section = text.split("[*.{yml,yaml,json}]")[1]
    assert "indent_style = space" in section and "indent_size = 2" in section


def test_pre_commit_runs_the_same_checks_on_data_and_pages():
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    targets = make_targets()
    called = [target for hook in hooks for target in make_calls(hook["entry"])]
    assert called == ["validate", "check-normalized"]
    assert set(called) <= targets
    for hook in hooks:
        assert hook["language"] == "system" and hook["pass_filenames"] is False
        assert re.search(hook["files"], "data/events.yml")
    assert re.search(hooks[0]["files"], "docs/ru/index.md")


def test_the_makefile_offers_the_editors_commands_with_help():
    text = (PROJECT / "Makefile").read_text(encoding="utf-8")
    for target in ("site", "validate", "test", "serve", "normalize", "check-normalized", "translations",
                   "linkcheck"):
        assert target in make_targets()
        assert re.search(rf"^## {target}: \S", text, re.MULTILINE), target


def _workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in _steps(workflow))


@pytest.mark.parametrize("name", ["pr.yml", "publish.yml", "linkcheck.yml"])
def test_workflows_call_only_make_targets_that_exist(name):
    # (Their actions' pins: tests/test_supply_chain.py.)
    calls = make_calls(_runs(_workflow(name)))
    assert calls and set(calls) <= make_targets(), calls


def test_pull_requests_are_validated_built_tested_and_attach_site_bundle_and_screenshots():
    workflow = _workflow("pr.yml")
    assert "pull_request" in workflow["on"]
    assert {"validate", "check-normalized", "translations", "site", "test", "screenshots"} <= \
        set(make_calls(_runs(workflow)))
    uploads = [step["with"]["path"] for step in _steps(workflow)
               if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert sorted(uploads) == ["dist/", "screenshots/", "site/"]
    checkouts = [s for s in _steps(_workflow("pr.yml")) if s.get("uses", "").startswith("actions/checkout@")]
    assert any(s.get("with", {}).get("fetch-depth") == 0 for s in checkouts)  # history for the translation report


def test_main_is_published_to_pages_with_its_address_and_the_bundle_goes_to_a_release():
    workflow = _workflow("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    steps = _steps(workflow)
    site_step = next(s for s in steps if "make site" in s.get("run", ""))
    assert "steps.pages.outputs.base_url" in site_step["env"]["SITE_URL"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "gh release upload" in _runs(workflow) and "dist/*" in _runs(workflow)


def test_external_links_are_checked_weekly():
    workflow = _workflow("linkcheck.yml")
    cron = workflow["on"]["schedule"][0]["cron"].split()
    assert len(cron) == 5 and cron[2] == "*" and cron[3] == "*" and cron[4] != "*"  # one day a week
    assert make_calls(_runs(workflow)) == ["site", "linkcheck"]


def test_the_pull_request_template_has_a_checklist():
    text = (PROJECT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(items) >= 5
    assert any("both languages" in item for item in items)
    assert "CONTRIBUTING.md" in text
