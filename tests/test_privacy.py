"""Privacy: entries marked public: false never reach any output; addresses are not harvestable."""
from __future__ import annotations

import re
import zipfile

import pytest

from conftest import build_ok, copy_project, run_build

SECRET = "Zq7PrivateMarker"  # a string that appears nowhere else

PRIVATE_CONTACT = f"""
- id: private-person
  name:
    en: {SECRET} Person
    ru: {SECRET} Лицо
  role:
    en: {SECRET} role
    ru: {SECRET} роль
  organisation:
    en: {SECRET} Shelter
    ru: {SECRET} Приют
  email: {SECRET.lower()}@example.org
  public: false
"""

PRIVATE_MEETING = f"""
- id: private-2009
  type: expert-meeting
  public: false
  title:
    en: Expert meeting {SECRET}
    ru: Экспертное совещание {SECRET}
  topic:
    en: {SECRET} topic
    ru: {SECRET} тема
  date: 2009-05
  city:
    en: {SECRET} town
    ru: {SECRET} город
  country: SE
"""


@pytest.fixture(scope="module")
def private_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("private") / "project")
    for name, entry in (("contacts.yml", PRIVATE_CONTACT), ("events.yml", PRIVATE_MEETING)):
        path = project / "data" / name
        path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")
    build_ok(project)
    return project


def _outputs(project):
    """(name, bytes) of every output file, zip members unpacked."""
    for folder in ("site", "dist"):
        for path in sorted((project / folder).rglob("*")):
            if not path.is_file():
                continue
            yield path.relative_to(project).as_posix(), path.read_bytes()
            if path.suffix == ".zip":
                with zipfile.ZipFile(path) as archive:
                    for member in archive.namelist():
                        yield f"{path.name}:{member}", archive.read(member)


def test_private_entries_reach_no_output(private_project):
    outputs = list(_outputs(private_project))
    assert any(name.startswith("site/") for name, _ in outputs)
    assert any(name.startswith("dist/") for name, _ in outputs)  # the offline bundle is searched too
    leaks = [name for name, content in outputs if SECRET.lower().encode() in content.lower()]
    assert leaks == []
    generated = list((private_project / "docs").rglob("private-2009.md"))
    assert generated == []


def test_published_addresses_are_not_plain_mailto_text(site):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".js", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "mailto:lars" not in text and "lars.loof@cbss.org" not in text, path


def test_yaml_is_loaded_safely(tmp_path):
    project = copy_project(tmp_path / "project")
    marker = tmp_path / "pwned"
    path = project / "data" / "challenges.yml"
    path.write_text(path.read_text(encoding="utf-8") +
                    f"\n- id: x\n  question: !!python/object/apply:os.system ['touch {marker}']\n",
                    encoding="utf-8")
    result = run_build(project)
    assert result.returncode != 0
    assert not marker.exists()
    assert "data/challenges.yml:" in result.stderr and "tags like this are not allowed" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_page_has_a_form_that_sends_anything(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for form in re.findall(r"<form\b[^>]*>", html):
            assert "action=" not in form or re.search(r'action="(#|)"', form), (path, form)
