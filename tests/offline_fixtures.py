"""One real build of the project, shared by the offline-bundle tests.

The project is copied into a temporary folder (without the pages generated
from data, which the build writes again) and built there with
`python scripts/build.py`, exactly as `make site` does. Two documents are
added to documents/ first, to show that the bundle carries them.
A module-level cache makes it one build per test session, whichever test
module asks first (pytest would build once per module for a fixture that
several modules import).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
COPIED = ("data", "docs", "overrides", "scripts", "documents", "mkdocs.yml")
ISO_NAME = "cbss-children-offline.iso"
ZIP_NAME = "cbss-children-offline.zip"
# Added to documents/ in the copy: a nested folder and a Cyrillic name with
# spaces test the ISO's Joliet and Rock Ridge names and the zip's UTF-8 names.
SAMPLE_DOCUMENTS = {
    "sample-report.pdf": b"%PDF-1.4\n% a stand-in for a report\n%%EOF\n",
    "ru/Доклад о программе.txt": "Пробный документ.\n".encode("utf-8"),
}
_cache: dict[str, "Built"] = {}


@dataclass
class Built:
    project: Path   # the copied project, built
    dist: Path      # its dist/
    unpacked: Path  # the zip, unpacked
    output: str     # what the build printed (stdout and stderr)


def copy_project(target: Path) -> Path:
    """Copy what a build needs; leave out generated pages and caches."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = {n for n in names if n == "__pycache__"}
        if Path(folder).name == "meetings" and Path(folder).parent.parent.name == "docs":
            skipped |= {n for n in names if n.endswith(".md") and n != "index.md"}
        return skipped

    target.mkdir(parents=True)
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


def run_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/build.py"], cwd=project,
                          capture_output=True, text=True, timeout=600)


def built_bundle(tmp_root: Path) -> Built:
    if "built" not in _cache:
        project = copy_project(tmp_root / "project")
        for name, content in SAMPLE_DOCUMENTS.items():
            (project / "documents" / name).parent.mkdir(parents=True, exist_ok=True)
            (project / "documents" / name).write_bytes(content)
        result = run_build(project)
        assert result.returncode == 0, f"the build failed:\n{result.stdout}\n{result.stderr}"
        unpacked = tmp_root / "unpacked"
        with zipfile.ZipFile(project / "dist" / ZIP_NAME) as zf:
            zf.extractall(unpacked)
        _cache["built"] = Built(project, project / "dist", unpacked, result.stdout + result.stderr)
    return _cache["built"]
