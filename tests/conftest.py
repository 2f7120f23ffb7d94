"""Shared fixtures: real builds of copies of the project, made once per session.

Tests never build in the working tree: each copies the project (without the
pages generated from data) into a temporary folder and runs the real build
script there, as an editor's `make site` would.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))

from local_server import CHROMIUM_ARGS, QuietHandler, serve  # noqa: E402
from sitedata.yaml_reader import load_yaml  # noqa: E402  (the project's one YAML reader: "NO" stays "NO")
COPIED = ("data", "docs", "overrides", "scripts", "mkdocs.yml", "requirements.txt")


# What the build makes from data inside docs/<lang>/ (scripts/sitedata/pages.py): not copied,
# so that every test build makes it afresh.
GENERATED = {"events", "resources", "countries", "contacts", "calendar", "calendar.ics"}


def _ignore_generated(folder: str, names: list[str]) -> list[str]:
    ignored = [n for n in names if n in ("__pycache__", ".pytest_cache")]
    here = Path(folder)
    if here.parent.name == "docs":  # a language folder
        ignored += [n for n in names if n in GENERATED]
    if here.name in ("tools", "meetings") and here.parent.parent.name == "docs":
        ignored += [n for n in names if n != "index.md"]
    return ignored


def data(name: str, project: Path = PROJECT):
    """A data file's content, read as the build reads it."""
    return load_yaml(project / "data" / f"{name}.yml", project).data


def copy_project(dest: Path, origin: Path = PROJECT) -> Path:
    """The project's sources, from the working tree or from another copy (origin)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = origin / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=_ignore_generated)
        else:
            shutil.copy2(source, dest / name)
    return dest


def copy_content(dest: Path) -> Path:
    """Only data/ and docs/: all that loading the data in-process (sitedata.load) reads."""
    for name in ("data", "docs"):
        shutil.copytree(PROJECT / name, dest / name, ignore=_ignore_generated)
    return dest


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file below folder with the SHA-256 of its content: equal only if nothing changed."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# The environment of the build scripts the tests run: messages in English whatever the machine's locale
# (tests that want Russian say so), and no job summary of the real GitHub job: a test's deliberate
# mistakes must not appear in the summary of the pull request running the tests.
TEST_ENV = {"LANGUAGE": "en"}


def run_build(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real build script, as `make site` runs it (env: extra environment variables)."""
    inherited = {name: value for name, value in os.environ.items() if name != "GITHUB_STEP_SUMMARY"}
    return subprocess.run([sys.executable, "scripts/build.py", *args], cwd=project,
                          capture_output=True, text=True, timeout=900, env={**inherited, **TEST_ENV, **(env or {})})


def checked_build(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """A build that must succeed, strict and with no warning."""
    result = run_build(project, *args, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return result


def build_ok(project: Path, *args: str, env: dict | None = None) -> Path:
    checked_build(project, *args, env=env)
    return project / "site"


# Downloadable documents added to the session's build, with the resource that
# names them (a file no resource names stops the build): a nested folder tests
# the ISO's and the zip's names.
SAMPLE_DOCUMENTS = {
    "sample-report.pdf": b"%PDF-1.4\n% a stand-in for a report\n%%EOF\n",
    "ru/sample-report.ru.txt": "Пробный документ.\n".encode("utf-8"),
}
# Hidden files editors' tools leave behind (Finder, Explorer): neither a mistake nor published.
HIDDEN_DOCUMENTS = (".DS_Store", "ru/.DS_Store", "resources/._mapping-study.en.md")
SAMPLE_RESOURCE = """
- id: sample-report
  title:
    en: Sample report
    ru: Пробный отчёт
  summary:
    en: A report added by the tests.
    ru: Отчёт, добавленный тестами.
  type: report
  year: 2009
  publisher:
    en: Tests
    ru: Тесты
  topics: [street-children]
  countries: [EE]
  files:
    - lang: en
      file: sample-report.pdf
    - lang: ru
      file: ru/sample-report.ru.txt
"""


# A private data folder (PRIVATE_DATA), outside the project, as the National Contact Points'
# private repository would hold it: a restricted contact, a restricted meeting, and a restricted
# resource that names it and a public meeting, with a file of its own. Every text carries a marker.
PRIVATE_RECORDS = {
    "contacts.yml": """
- id: restricted-expert
  name:
    en: {marker} Expert
    ru: {marker} Эксперт
  role:
    en: Trained expert
    ru: Обученный эксперт
  organisation:
    en: {marker} Shelter
    ru: Приют {marker}
  country: SE
  email: {lower}@example.org
  public: true
  restricted: true
""",
    "events.yml": """
- id: restricted-ncp-2009
  type: expert-meeting
  title:
    en: Closed meeting of the National Contact Points {marker}
    ru: Закрытое совещание национальных контактных пунктов {marker}
  topic:
    en: {marker} topic
    ru: Тема {marker}
  date: 2009-05
  city:
    en: Stockholm
    ru: Стокгольм
  country: SE
  restricted: true
""",
    "resources.yml": """
- id: restricted-experts
  title:
    en: Trained experts {marker}
    ru: Обученные эксперты {marker}
  summary:
    en: The trained experts' contacts, {marker}, for the National Contact Points only.
    ru: Контакты обученных экспертов, {marker}, только для национальных контактных пунктов.
  type: report
  publisher:
    en: WGCC
    ru: WGCC
  topics: [street-children]
  events: [restricted-ncp-2009, tallinn-2008]
  files:
    - lang: en
      file: experts/{lower}.en.txt
  restricted: true
""",
}


def write_private_data(folder: Path, marker: str) -> Path:
    """A private data folder holding PRIVATE_RECORDS and the resource's file, each with marker."""
    lower = marker.lower()
    for name, text in PRIVATE_RECORDS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text.format(marker=marker, lower=lower), encoding="utf-8")
    document = folder / "documents" / "experts" / f"{lower}.en.txt"
    document.parent.mkdir(parents=True)
    document.write_text(f"{marker} expert, +46 000 000\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def session_build(tmp_path_factory) -> tuple[Path, str]:
    """The one real build of the project shared by most tests: (project, what it printed)."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    for name, content in [*SAMPLE_DOCUMENTS.items(), *((name, b"\0\1") for name in HIDDEN_DOCUMENTS)]:
        (project / "data" / "documents" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "data" / "documents" / name).write_bytes(content)
    resources = project / "data" / "resources.yml"
    resources.write_text(resources.read_text(encoding="utf-8") + SAMPLE_RESOURCE, encoding="utf-8")
    result = checked_build(project)
    return project, result.stdout + result.stderr


# 1 June 2007, noon UTC: the NCP meeting (May 2007) is over, the joint meeting of 24 October 2007 is ahead.
JUNE_2007 = str(int(dt.datetime(2007, 6, 1, 12, tzinfo=dt.timezone.utc).timestamp()))
SITE_URL = "https://example.org/children/"


@pytest.fixture(scope="session")
def site_in_june_2007(tmp_path_factory) -> Path:
    """The web site as published at SITE_URL, built as on 1 June 2007 (SOURCE_DATE_EPOCH)."""
    return build_ok(copy_project(tmp_path_factory.mktemp("june2007") / "project"), "--no-bundle",
                    env={"SOURCE_DATE_EPOCH": JUNE_2007, "SITE_URL": SITE_URL})


@pytest.fixture(scope="session")
def built_project(session_build) -> Path:
    return session_build[0]


@pytest.fixture(scope="session")
def site(built_project) -> Path:
    return built_project / "site"


@pytest.fixture(scope="session")
def bundle(built_project, tmp_path_factory) -> Path:
    """The offline bundle of the session's build, unpacked from its zip."""
    archives = sorted((built_project / "dist").glob("*.zip"))
    assert len(archives) == 1, archives
    target = tmp_path_factory.mktemp("bundle")
    with zipfile.ZipFile(archives[0]) as archive:
        archive.extractall(target)
    return target


@pytest.fixture(scope="session")
def served_site(site):
    """The web site over HTTP, as a visitor online gets it."""
    url, server = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def visible_count(tab, selector: str) -> int:
    """How many elements that selector finds are not hidden (by the filters' scripts), in a browser tab."""
    return tab.eval_on_selector_all(selector, "els => els.filter(e => !e.hidden).length")


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


# The address the session's publishing build is made for: a sub-path, as on GitHub Pages.
SITE_URL = "https://example.org/children/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The web site built for publishing at SITE_URL (no bundle): what publish.yml deploys."""
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    return build_ok(project, "--no-bundle", env={"SITE_URL": SITE_URL})


def serve_under(folder: Path, prefix: str):
    """Serve folder at prefix (such as /children/) on 127.0.0.1, as a site published at a
    sub-path; anything outside the prefix is 404. Returns (the site's URL, server to shut down)."""
    class Handler(QuietHandler):
        def translate_path(self, path):
            if not path.startswith(prefix):
                return str(folder / "__outside_the_site__")
            return super().translate_path("/" + path[len(prefix):])
    base, server = serve(folder, Handler)
    return base + prefix, server
