"""What editors and reviewers get around the data: schema support in their editor, the
pre-commit hooks, the pull-request template and the workflows. Each must name things
that exist: schemas, data files, make targets."""
from __future__ import annotations

import json
import re
import subprocess

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


def _calls(steps: list[dict]) -> list[str]:
    """The make targets that a job's steps call."""
    return make_calls("\n".join(step.get("run", "") for step in steps))


def _content_files() -> list[str]:
    """What `make validate` reads: the data, its schemas and documents, and the pages, as git lists them."""
    listed = subprocess.run(["git", "ls-files", "data", "docs"], cwd=PROJECT, capture_output=True, text=True,
                            check=True).stdout.split()
    return [name for name in listed if name.endswith((".yml", ".json", ".md"))]


def test_pre_commit_runs_the_pull_requests_content_checks_on_every_file_they_read():
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    content_job = _calls(_workflow("pr.yml")["jobs"]["content"]["steps"])
    files = _content_files()
    assert files and hooks
    for hook in hooks:
        called = make_calls(hook["entry"])
        assert len(called) == 1 and called[0] in content_job, hook["entry"]  # a check a pull request runs too
        assert hook["pass_filenames"] is False  # make targets take no file names
        reads = [f for f in files if f.startswith("data/")] if called[0] == "check-normalized" else files
        assert [f for f in reads if not re.search(hook["files"], f)] == [], hook["id"]


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


def test_pull_requests_run_both_commands_and_attach_what_they_make(built_project):
    workflow = _workflow("pr.yml")
    calls = make_calls(_runs(workflow))
    assert {"site", "test", "screenshots"} <= set(calls)  # the README's two commands, and the pictures
    uploads = [step["with"]["path"] for step in _steps(workflow)
               if step.get("uses", "").startswith("actions/upload-artifact@")]
    # The build's two folders; the pictures, the changed pages and their pictures, which the run makes itself.
    assert sorted(uploads) == ["changed/", "dist/", "pictures/", "screenshots/", "site/"]
    assert all((built_project / path).is_dir() for path in ("dist/", "site/")), uploads
    # The translation report compares the history of both languages: its job checks out all of it.
    job = next(job for job in workflow["jobs"].values() if "translations" in _calls(job["steps"]))
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout.get("with", {}).get("fetch-depth") == 0


def test_publishing_sets_only_what_the_build_reads_and_releases_what_it_made(built_project):
    workflow = _workflow("publish.yml")
    steps = _steps(workflow)
    site_step = next(s for s in steps if "make site" in s.get("run", ""))
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    assert site_step["env"] and all(f"!ENV [{name}," in config for name in site_step["env"]), site_step["env"]
    paths = [s["with"]["path"] for s in steps if s.get("uses", "").startswith(("actions/upload-pages-artifact@",
                                                                               "actions/upload-artifact@"))]
    assert paths and all((built_project / path).is_dir() for path in paths), paths
    uploaded = {s["with"]["name"] for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")}
    downloaded = {s["with"]["name"] for s in steps if s.get("uses", "").startswith("actions/download-artifact@")}
    assert downloaded and downloaded <= uploaded


def test_the_link_check_builds_the_site_it_checks():
    calls = make_calls(_runs(_workflow("linkcheck.yml")))
    assert "linkcheck" in calls and "site" in calls[:calls.index("linkcheck")]
    assert re.search(r"^linkcheck:.*\n\t.*\bsite\b", (PROJECT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)


def test_the_pull_request_template_names_files_commands_and_sections_that_exist():
    text = (PROJECT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert any("both languages" in item for item in items)
    paths = {p.rstrip("/") for p in re.findall(r"`((?:data|docs)/[^`]*)`", text)}
    paths |= set(re.findall(r"\bCONTRIBUTING[.\w]*\.md", text))
    assert paths and [p for p in paths if not (PROJECT / p).exists()] == []
    assert make_calls(text) and set(make_calls(text)) <= make_targets()
    guide = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    sections = re.findall(r'CONTRIBUTING\.md, "([^"]+)"', text)
    assert sections and [s for s in sections if not re.search(rf"^#+ {re.escape(s)}\s*$", guide, re.MULTILINE)] == []


# --- the dev container (GitHub Codespaces, or VS Code with Docker) ------------------------

def _devcontainer() -> dict:
    return json.loads((PROJECT / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))


def test_the_dev_container_is_the_image_the_checks_run_in_and_sets_the_project_up():
    config = _devcontainer()
    images = {job["container"] for name in ("pr.yml", "publish.yml", "linkcheck.yml")
              for job in _workflow(name)["jobs"].values() if "container" in job}
    assert images == {config["image"]} == {"python:3.11-bookworm"}
    assert config["postCreateCommand"] == "make .venv/.installed"
    assert ".venv/.installed:" in (PROJECT / "Makefile").read_text(encoding="utf-8").replace("$(VENV)", ".venv")
    recommended = json.loads((PROJECT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"]
    assert config["customizations"]["vscode"]["extensions"] == recommended


def test_the_dev_container_forwards_the_port_make_serve_listens_on_from_outside():
    config = _devcontainer()
    host, port = config["containerEnv"]["SERVE_ADDR"].rsplit(":", 1)
    assert host == "0.0.0.0"  # a forwarded port reaches no server that listens on 127.0.0.1 only
    assert config["forwardPorts"] == [int(port)] and port in config["portsAttributes"]
    # make serve listens where SERVE_ADDR says, and on this machine alone without it.
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^SERVE_ADDR \?= 127\.0\.0\.1:{port}$", makefile, re.MULTILINE)
    dry = subprocess.run(["make", "-n", "serve", f"SERVE_ADDR=0.0.0.0:{port}"], cwd=PROJECT, capture_output=True,
                         text=True, timeout=60).stdout
    assert re.search(rf"mkdocs serve .*--dev-addr 0\.0\.0\.0:{port}$", dry, re.MULTILINE), dry
