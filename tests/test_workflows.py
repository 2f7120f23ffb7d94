"""The workflows stay safe for forks and clear for editors (issue 17), read from their YAML:

- no trigger that runs a fork's code with the repository's rights; read-only
  rights at the top; a job that may write checks out nothing and runs no script,
  only for a branch of this repository;
- no `${{ }}` inside a script (untrusted text goes through env:);
- the editor's check ("Content") apart from the developers' ("Project code
  tests"), the order of fields a warning that cannot fail;
- the preview at pr-preview/pr-<N>/, written and removed by pages-branch.yml,
  whose script is run here against a local repository.
(Pins of actions and zizmor's verdict: tests/test_supply_chain.py.)
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT

import changed_pages  # noqa: E402  (scripts/, on the path through conftest)

WORKFLOWS = PROJECT / ".github" / "workflows"
SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository"
UNTRUSTED = ("head_ref", "github.event.pull_request", "github.event.issue", "github.event.comment",
             "github.event.review", "github.event.head_commit", "github.event.commits", "github.event.pages")
CONTENT_NAME = "Content (your changes to data/ and docs/)"
CODE_NAME = "Project code tests (for developers)"
WRITER = "pages-branch.yml"


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def all_workflows() -> dict[str, dict]:
    return {path.name: workflow(path.name) for path in sorted(WORKFLOWS.glob("*.yml"))}


def triggers(flow: dict) -> set[str]:
    on = flow["on"]
    return {on} if isinstance(on, str) else set(on)


def called(job: dict) -> str | None:
    """The file of this repository's reusable workflow that the job calls, if it calls one."""
    uses = job.get("uses")
    return uses.removeprefix("$/.github/workflows/") if uses else None


def writes(permissions) -> bool:
    return permissions == "write-all" or isinstance(permissions, dict) and "write" in permissions.values()


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job.get("steps", []) if "run" in step]


def test_there_is_a_writer_and_the_three_workflows_that_call_it():
    names = set(all_workflows())
    assert {"pr.yml", "pr-closed.yml", "publish.yml", "linkcheck.yml", WRITER} <= names
    callers = {name for name, flow in all_workflows().items() for job in flow["jobs"].values() if called(job)}
    assert callers == {"pr.yml", "pr-closed.yml", "publish.yml"}


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_no_trigger_runs_a_forks_code_with_the_repositorys_rights(name):
    assert not triggers(workflow(name)) & {"pull_request_target", "workflow_run", "issue_comment"}, name
    assert "pull_request_target" not in (WORKFLOWS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_rights_at_the_top_are_read_only(name):
    permissions = workflow(name)["permissions"]
    assert isinstance(permissions, dict) and set(permissions.values()) <= {"read", "none"}, (name, permissions)


def _jobs_reached_by_pull_requests():
    """(workflow, job id, job) of every job that a pull_request event starts, called workflows' jobs included."""
    for name, flow in all_workflows().items():
        if "pull_request" not in triggers(flow):
            continue
        for job_id, job in flow["jobs"].items():
            yield name, job_id, job
            if called(job):
                yield from ((called(job), inner_id, inner) for inner_id, inner in workflow(called(job))["jobs"].items())


def test_a_job_that_may_write_runs_no_code_of_the_pull_request_and_only_for_this_repository():
    writers = 0
    for name, job_id, job in _jobs_reached_by_pull_requests():
        if not writes(job.get("permissions")):
            continue
        writers += 1
        where = f"{name}, job {job_id}"
        if called(job):  # the call: only for a branch of this repository
            assert SAME_REPOSITORY in job["if"], where
            continue
        uses = [step["uses"] for step in job["steps"] if "uses" in step]
        assert not [u for u in uses if not u.startswith("actions/download-artifact@")], where  # no checkout
        for script in runs(job):  # plain git and shell: nothing from the repository is run
            assert not re.search(r"\bmake\b|python|\bscripts/|\./|\bnpm\b|\bpip\b", script), where
    assert writers == 4  # the calls of pr.yml (the preview) and pr-closed.yml (its removal), and the job each calls


def test_jobs_of_a_forks_pull_request_have_no_right_to_write_and_no_secret():
    for name, job_id, job in _jobs_reached_by_pull_requests():
        text = yaml.safe_dump(job)
        assert "secrets." not in text and "secrets:" not in text, (name, job_id)
        if not writes(job.get("permissions")):
            assert job.get("permissions") in (None, {}, {"contents": "read"}), (name, job_id)


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_no_expression_inside_a_script(name):
    """Text from a pull request (its branch's name, title, body) is never pasted into a shell script:
    scripts read values from env:, where they stay text."""
    for job_id, job in workflow(name)["jobs"].items():
        for script in runs(job):
            assert "${{" not in script, (name, job_id, script[:80])
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    for line in text.splitlines():  # untrusted values only in env: or if:
        if any(value in line for value in UNTRUSTED) and "${{" in line:
            assert re.match(r"\s*([A-Z_]+:|if:|folder:|group:)", line), (name, line)


def test_the_editors_check_and_the_code_tests_are_separate_jobs_named_for_who_they_serve():
    jobs = workflow("pr.yml")["jobs"]
    content, code = jobs["content"], jobs["code"]
    assert content["name"] == CONTENT_NAME and code["name"] == CODE_NAME
    content_calls, code_calls = "\n".join(runs(content)), "\n".join(runs(code))
    assert "make validate" in content_calls and "make site" in content_calls
    assert "make test" not in content_calls and "zizmor" not in content_calls
    assert "make test" in code_calls and "make zizmor" in code_calls and "make validate" not in code_calls
    assert "needs" not in content and "needs" not in code  # neither waits for, nor hides, the other


def _order_of_fields_step() -> dict:
    [step] = [s for s in workflow("pr.yml")["jobs"]["content"]["steps"] if "check-normalized" in s.get("run", "")]
    return step


def _run_step(step: dict, tmp_path: Path, make_status: int) -> tuple[subprocess.CompletedProcess, str]:
    """The step's script under bash -e (GitHub's default shell), with a `make` that exits make_status."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "make").write_text(f"#!/bin/sh\necho 'data/events.yml: not in canonical form'\nexit {make_status}\n")
    (bin_dir / "make").chmod(0o755)
    summary = tmp_path / "summary.md"
    summary.write_text("")
    result = subprocess.run(["bash", "-e", "-c", step["run"]], capture_output=True, text=True, timeout=30,
                            env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
                                 "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_SERVER_URL": "https://github.com",
                                 "GITHUB_REPOSITORY": "cbss/children"})
    return result, summary.read_text(encoding="utf-8")


def test_the_order_of_fields_is_a_warning_with_its_fix_and_never_fails(tmp_path):
    step = _order_of_fields_step()
    assert "continue-on-error" not in step  # would still show the step as failed
    result, summary = _run_step(step, tmp_path, make_status=2)
    assert result.returncode == 0, result.stderr
    assert "::warning " in result.stdout and "make normalize" in result.stdout
    assert "`make normalize`" in summary and "Порядок полей" in summary
    # Each language's guide, at the section that explains it.
    for guide, heading in (("CONTRIBUTING.md", "What the checks say"),
                           ("CONTRIBUTING.ru.md", "Что означают сообщения проверок")):
        anchor = heading.lower().replace(" ", "-")
        assert f"https://github.com/cbss/children/blob/HEAD/{guide}#{anchor})" in summary
        assert f"\n## {heading}\n" in (PROJECT / guide).read_text(encoding="utf-8")
    result, summary = _run_step(step, tmp_path, make_status=0)
    assert result.returncode == 0 and "::warning" not in result.stdout and summary == ""


def test_the_other_content_checks_do_fail():
    for step in workflow("pr.yml")["jobs"]["content"]["steps"]:
        if re.search(r"make (validate|site)\b", step.get("run", "")):
            assert "continue-on-error" not in step and "|| true" not in step["run"], step["name"]


def test_previews_go_to_pr_preview_pr_n_and_are_removed_when_the_pull_request_closes():
    folder = "pr-preview/pr-${{ github.event.pull_request.number }}"
    preview = workflow("pr.yml")["jobs"]["preview"]
    assert preview["with"]["folder"] == folder and preview["with"]["site"] == "site"
    assert workflow("pr-closed.yml")["on"] == {"pull_request": {"types": ["closed"]}}
    [removal] = workflow("pr-closed.yml")["jobs"].values()
    assert removal["with"] == {"folder": folder}  # no site: the folder is removed
    assert set(workflow("publish.yml")["jobs"]["deploy"]["with"]) == {"site"}  # the root
    assert changed_pages.PREVIEW_FOLDER == "pr-preview"
    assert changed_pages.preview_url("cbss/children", 7) == "https://cbss.github.io/children/pr-preview/pr-7/"
    # A closing stops a run that is still building the preview.
    assert workflow("pr-closed.yml")["concurrency"]["group"] == "pr-${{ github.event.pull_request.number }}"
    assert workflow("pr.yml")["concurrency"]["group"].startswith("pr-${{ github.event.pull_request.number ||")


def test_what_the_preview_publishes_is_what_the_jobs_before_it_attached():
    jobs = workflow("pr.yml")["jobs"]
    uploaded = {step["with"]["name"]: job_id for job_id, job in jobs.items() for step in job.get("steps", [])
                if step.get("uses", "").startswith("actions/upload-artifact@")}
    preview = jobs["preview"]
    assert uploaded[preview["with"]["site"]] == "content"
    assert "changed-pages-pictures" in preview["with"]["pictures"] and uploaded["changed-pages-pictures"] == "pictures"
    assert set(preview["needs"]) == {"content", "pictures"}
    inputs = workflow(WRITER)["on"]["workflow_call"]["inputs"]
    assert set(preview["with"]) <= set(inputs)


# --- the writer of the Pages branch, run against a local repository ------------------------

def _writer_script() -> tuple[str, dict]:
    [job] = workflow(WRITER)["jobs"].values()
    [step] = [s for s in job["steps"] if "run" in s]
    return step["run"], step["env"]


def _write(tmp_path: Path, remote: Path, folder: str, site: dict[str, str] | None) -> subprocess.CompletedProcess:
    work = tmp_path / "runner"
    subprocess.run(["rm", "-rf", str(work)], check=True)
    work.mkdir()
    for rel, text in (site or {}).items():
        (work / "site" / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / "site" / rel).write_text(text)
    script, env = _writer_script()
    env = {**os.environ, **{k: v for k, v in env.items() if "${{" not in v},
           "FOLDER": folder, "REMOTE": str(remote), "TOKEN": "not-a-token", "GITHUB_SHA": "0" * 40,
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}
    return subprocess.run(["bash", "-e", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=60)


def _branch(remote: Path) -> dict[str, str]:
    listing = subprocess.run(["git", "-C", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"],
                             capture_output=True, text=True, check=True).stdout.split()
    return {name: subprocess.run(["git", "-C", str(remote), "show", f"gh-pages:{name}"], capture_output=True,
                                 text=True, check=True).stdout for name in listing}


def test_the_writer_keeps_the_site_and_the_previews_apart(tmp_path):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    ok = _write(tmp_path, remote, "", {"index.html": "main 1", "old.html": "gone soon"})
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert _branch(remote) == {".nojekyll": "", "index.html": "main 1", "old.html": "gone soon"}
    assert _write(tmp_path, remote, "pr-preview/pr-3", {"index.html": "preview 3", "ru/index.html": "ru 3"}).returncode == 0
    assert _write(tmp_path, remote, "pr-preview/pr-4", {"index.html": "preview 4"}).returncode == 0
    ok = _write(tmp_path, remote, "", {"index.html": "main 2", "pictures/a.png": "png"})
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert _branch(remote) == {".nojekyll": "", "index.html": "main 2", "pictures/a.png": "png",
                               "pr-preview/pr-3/index.html": "preview 3", "pr-preview/pr-3/ru/index.html": "ru 3",
                               "pr-preview/pr-4/index.html": "preview 4"}
    assert _write(tmp_path, remote, "pr-preview/pr-3", None).returncode == 0  # the pull request closed
    assert set(_branch(remote)) == {".nojekyll", "index.html", "pictures/a.png", "pr-preview/pr-4/index.html"}
    again = _write(tmp_path, remote, "pr-preview/pr-3", None)  # closed twice: nothing to do
    assert again.returncode == 0 and "already holds" in again.stdout
    # One commit without history: the branch stays the size of what it holds.
    count = subprocess.run(["git", "-C", str(remote), "rev-list", "--count", "gh-pages"],
                           capture_output=True, text=True, check=True).stdout
    assert count.strip() == "1"


@pytest.mark.parametrize("folder", ["pr-preview", "pr-preview/pr-0", "../x", "docs", "pr-preview/../../x",
                                    "pr-preview/pr-1/../../x", "pr-preview/pr-2/", "7"])
def test_the_writer_refuses_any_other_folder(tmp_path, folder):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    result = _write(tmp_path, remote, folder, {"index.html": "x"})
    assert result.returncode != 0 and "::error::" in result.stdout
    assert subprocess.run(["git", "-C", str(remote), "rev-parse", "--verify", "-q", "gh-pages"]).returncode != 0
