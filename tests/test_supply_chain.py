"""The build runs only code we chose (issue 16): actions pinned to commits,
Python packages to hashes, zizmor's verdict on .github/, and the software
bill of materials in dist/."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT

sys.path.insert(0, str(PROJECT / "scripts"))
import bundle  # noqa: E402

WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
COMPILED = ("requirements.txt", "requirements-test.txt", "requirements-linkcheck.txt")
SBOM_NAME = f"{bundle.NAME}.cdx.json"
PIP_REFUSES = "THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE"


def jobs(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]


# --- GitHub Actions -----------------------------------------------------------

def test_every_action_is_pinned_to_a_commit_with_its_release_named():
    seen: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        lines = re.findall(r"^\s*(?:-\s+)?uses:\s*(\S+)[ \t]*(#.*)?$", text, re.MULTILINE)
        # Read as YAML too, so that no `uses:` escapes the line pattern above.
        parsed = [step["uses"] for job in jobs(path).values()
                  for step in [job, *job.get("steps", [])] if "uses" in step]
        assert [ref for ref, _ in lines] == parsed, path.name
        for ref, comment in lines:
            if ref.startswith("$/"):  # a workflow of this repository, at the run's own commit
                assert (PROJECT / ref[2:]).is_file(), f"{path.name}: {ref} does not exist"
                continue
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), \
                f"{path.name}: {ref} is not pinned to a full commit SHA"
            assert re.fullmatch(r"#\s*v\d+\.\d+\.\d+", comment), \
                f"{path.name}: {ref} has no '# vX.Y.Z' comment naming its release"
            action, sha = ref.split("@")
            seen.setdefault(action, set()).add(f"{sha} {comment}")
    assert len(seen) >= 3, seen  # checkout, upload-artifact, download-artifact: git does the rest
    assert {action: shas for action, shas in seen.items() if len(shas) > 1} == {}, \
        "an action is pinned to different commits in different places"


GIT_PUSH = re.compile(r"^\s*git\b.*\spush\b.*$", re.M)


def pushes_with_checkout_token(job: dict) -> bool:
    """Does a step push with the token actions/checkout left on disk? A push given its own
    token (http.extraheader, for that one command) needs none on disk."""
    return any("extraheader" not in line for step in job.get("steps", [])
               for line in GIT_PUSH.findall(step.get("run", "")))


def test_push_detection_tells_a_checkout_token_from_a_per_command_one():
    assert pushes_with_checkout_token({"steps": [{"run": 'git push --force origin "refs/tags/$TAG"'}]})
    assert not pushes_with_checkout_token({"steps": [{"run": 'git -c http.extraheader="$auth" push origin x'}]})
    assert not pushes_with_checkout_token({"steps": [{"run": "echo no push here"}]})


def test_only_a_checkout_that_pushes_keeps_its_credentials():
    checkouts = 0
    for path in WORKFLOWS:
        for name, job in jobs(path).items():
            pushes = pushes_with_checkout_token(job)
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    checkouts += 1
                    assert step.get("with", {}).get("persist-credentials") is pushes, \
                        f"{path.name}, job {name}: persist-credentials must be {str(pushes).lower()}"
    assert checkouts >= 5


def zizmor(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "zizmor"), "--offline", str(folder)],
                          capture_output=True, text=True, timeout=120)


def test_zizmor_finds_nothing_in_the_workflows_and_dependabot_config():
    result = zizmor(PROJECT / ".github")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr
    # zizmor passes over a file it cannot read as a workflow: each must have been audited.
    audited = re.findall(r"completed (\S+)", result.stderr)
    assert sorted(Path(p).name for p in audited) == sorted([p.name for p in WORKFLOWS] + ["dependabot.yml"])


def test_zizmor_catches_a_moving_tag_and_a_checkout_that_keeps_its_token(tmp_path):
    """The check above is live: the weaknesses of issue 16, put back in a copy, are reported."""
    github = shutil.copytree(PROJECT / ".github", tmp_path / ".github")
    pr = github / "workflows" / "pr.yml"
    text = pr.read_text(encoding="utf-8")
    text = re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v7", text, count=1)
    # (Another setting in its place, so that `with:` stays a mapping.)
    text = text.replace("persist-credentials: false", "fetch-tags: false")
    pr.write_text(text, encoding="utf-8")
    result = zizmor(github)
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout and "artipacked" in result.stdout, result.stdout + result.stderr
    assert "pr.yml" in result.stdout


def test_dependabot_watches_the_actions_and_the_python_packages_weekly_grouped():
    config = yaml.safe_load((PROJECT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert sorted(updates) == ["github-actions", "pip"]
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly"
        assert [group["patterns"] for group in update["groups"].values()] == [["*"]]


# --- Python packages --------------------------------------------------------------

def pins(path: Path) -> dict[str, tuple[str, frozenset[str]]]:
    """name -> (version, hashes) of a requirements file; fails on an entry without both."""
    entries = path.read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    found = {}
    for entry in (e.split(" #")[0].strip() for e in entries):
        if not entry or entry.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})+)", entry)
        assert match, f"{path.name}: not pinned with hashes: {entry}"
        found[match[1].lower()] = (match[2], frozenset(re.findall(r"[0-9a-f]{64}", match[3])))
    return found


def test_every_package_is_pinned_with_its_hashes_and_each_file_is_complete():
    build = pins(PROJECT / "requirements.txt")
    assert {"mkdocs", "mkdocs-material", "pycdlib", "cyclonedx-bom"} <= set(build)
    assert "jsonschema-rs" not in build
    for name in COMPILED[1:]:
        other = pins(PROJECT / name)
        # The build's packages again, at the same versions and hashes: pip's hash
        # checking installs each file alone, with no include.
        assert {n: other.get(n) for n in build} == build, name


def test_the_pinned_files_are_compiled_from_their_in_files():
    """Editing a .in file without running pip-compile shows here."""
    for name in COMPILED:
        source = (PROJECT / name).with_suffix(".in")
        compiled = (PROJECT / name).read_text(encoding="utf-8")
        assert "pip-compile --generate-hashes" in compiled and source.name in compiled, name
        wanted = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", source.read_text(encoding="utf-8"), re.MULTILINE)
        have = pins(PROJECT / name)
        for package, version in wanted:
            normal = re.sub(r"[._]", "-", package.lower())
            assert have.get(normal, (None,))[0] == version, f"{source.name} wants {package}=={version}"


def test_make_installs_every_file_with_hash_checking():
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"^\t.*pip install .*$", makefile, re.MULTILINE)
    assert sorted(re.search(r"-r (\S+)", line)[1] for line in installs) == sorted(COMPILED)
    assert all("--require-hashes" in line for line in installs), installs


def entry_of(requirements: str, package: str) -> str:
    """The lines of one package's entry in a pip-compile output, as they stand."""
    match = re.search(rf"^{re.escape(package)}==.*?(?=^\S)", requirements, re.MULTILINE | re.DOTALL)
    assert match, package
    return match[0]


def test_pip_refuses_a_package_whose_hash_was_changed(tmp_path):
    """A copy of requirements.txt's entry for six, a small package: pip installs
    the genuine wheel with it, and refuses the same wheel once one hash in the
    copy is changed. No network: --no-index, and the wheel fetched first (from
    the package index or pip's cache, checked against the same hashes)."""
    entry = entry_of((PROJECT / "requirements.txt").read_text(encoding="utf-8"), "six")
    (tmp_path / "genuine.txt").write_text(entry, encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    wheels = tmp_path / "wheels"
    fetched = subprocess.run([*pip, "download", "--quiet", "--no-deps", "--only-binary=:all:", "--require-hashes",
                              "-d", str(wheels), "-r", str(tmp_path / "genuine.txt")],
                             capture_output=True, text=True, timeout=300)
    assert fetched.returncode == 0, fetched.stderr
    [wheel] = wheels.glob("six-*.whl")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert digest in entry
    changed = digest[:-1] + ("0" if digest[-1] != "0" else "1")
    (tmp_path / "changed.txt").write_text(entry.replace(digest, changed), encoding="utf-8")

    def install(name: str) -> subprocess.CompletedProcess:
        return subprocess.run([*pip, "install", "--no-index", "--find-links", str(wheels), "--no-deps",
                               "--require-hashes", "--target", str(tmp_path / name), "-r", str(tmp_path / f"{name}.txt")],
                              capture_output=True, text=True, timeout=300)

    genuine = install("genuine")
    assert genuine.returncode == 0, genuine.stderr
    assert (tmp_path / "genuine" / "six.py").is_file()
    refused = install("changed")
    assert refused.returncode != 0
    assert PIP_REFUSES in refused.stderr, refused.stderr
    assert re.search(rf"six==1\.\S+.*\n\s+Expected sha256 {changed}\n(?:\s+Expected\s+or \w+\n)*\s+Got\s+{digest}\n", refused.stderr), refused.stderr
    assert not (tmp_path / "changed" / "six.py").exists()


# --- the software bill of materials -------------------------------------------------

def test_dist_holds_the_sbom_of_the_builds_packages_covered_by_the_checksums(built_project):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    dist = built_project / "dist"
    text = (dist / SBOM_NAME).read_text(encoding="utf-8")
    sums = dict(reversed(line.split("  ")) for line in (dist / "SHA256SUMS").read_text(encoding="ascii").splitlines())
    assert sums[SBOM_NAME] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    sbom = json.loads(text)
    assert sbom["bomFormat"] == "CycloneDX" and "serialNumber" not in sbom
    listed = {c["name"].lower(): (c["version"], frozenset(h["content"] for ref in c["externalReferences"]
                                                          for h in ref.get("hashes", [])))
              for c in sbom["components"]}
    assert listed == pins(built_project / "requirements.txt")
    assert {c["purl"] for c in sbom["components"]} >= {"pkg:pypi/mkdocs@1.6.1", "pkg:pypi/pycdlib@1.22.0"}


def test_a_missing_requirements_file_stops_the_bundle_with_a_message(tmp_path):
    with pytest.raises(bundle.BundleError, match=r"requirements\.txt is missing"):
        bundle.write_sbom(tmp_path / "requirements.txt", tmp_path / SBOM_NAME, 0)
