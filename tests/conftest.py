"""Shared fixtures: real builds of copies of the project, made once per session.

Tests never build in the working tree: each copies the project (without the
pages generated from data) into a temporary folder and runs the real build
script there, as an editor's `make site` would.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parent.parent
COPIED = ("data", "docs", "overrides", "scripts", "mkdocs.yml")


def _ignore_generated(folder: str, names: list[str]) -> list[str]:
    ignored = [n for n in names if n in ("__pycache__", ".pytest_cache")]
    if Path(folder).name == "meetings" and Path(folder).parent.parent.name == "docs":
        ignored += [n for n in names if n != "index.md"]
    return ignored


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=_ignore_generated)
        else:
            shutil.copy2(source, dest / name)
    return dest


def run_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The real build script, as `make site` runs it."""
    return subprocess.run([sys.executable, "scripts/build.py", *args], cwd=project,
                          capture_output=True, text=True, timeout=900)


def build_ok(project: Path) -> Path:
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    build_ok(project)
    return project


@pytest.fixture(scope="session")
def site(built_project) -> Path:
    return built_project / "site"


@lru_cache(maxsize=None)
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, rel: str) -> BeautifulSoup:
    return _parse(site / rel)


def text_of(site: Path, rel: str) -> str:
    """The visible text of a page's content, with white space folded."""
    article = page(site, rel).select_one("article") or page(site, rel)
    return " ".join(article.get_text(" ").split())


def html_pages(site: Path) -> list[str]:
    """Every content page (not the 404 page), as paths relative to the site."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
