"""The internal edition for the National Contact Points (`make internal`, build.py --internal):
it holds the restricted records of the private data folder (PRIVATE_DATA), marks every page
as internal in both languages, has its own name and checksums, and leaves the public outputs
alone. Restricted records are checked like public ones, and refused inside the public data/.
(tests/test_privacy.py: the public build holds nothing of the private folder.)"""
from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import PROJECT, checked_build, copy_project, data, run_build, write_private_data
from test_privacy import _outputs

MARKER = "Jm8InternalMarker"  # every restricted record and file carries it; nothing public does
NAME = "cbss-children-internal"


@pytest.fixture(scope="module")
def internal(tmp_path_factory):
    """One internal build of a copy of the project, with a private folder beside it."""
    scratch = tmp_path_factory.mktemp("internal")
    project = copy_project(scratch / "project")
    private = write_private_data(scratch / "private-data", MARKER)
    result = checked_build(project, "--internal", env={"PRIVATE_DATA": str(private)})
    outputs = dict(_outputs(project, scratch, folders=("dist-internal",)))
    return SimpleNamespace(project=project, private=private, out=project / "dist-internal",
                           outputs=outputs, printed=result.stdout + result.stderr)


def test_it_holds_the_restricted_records_and_their_files(internal):
    for package in (f"{NAME}.zip", f"{NAME}.iso"):
        for page in ("contact.html", "ru/contact.html", "events/restricted-ncp-2009.html",
                     "ru/events/restricted-ncp-2009.html", "resources/restricted-experts.html",
                     "ru/meetings/index.html", "search/search_index.json", "contacts/restricted-expert.vcf"):
            assert MARKER.encode() in internal.outputs[f"{package}:{page}"], (package, page)
        document = f"{package}:documents/experts/{MARKER.lower()}.en.txt"
        assert internal.outputs[document].startswith(MARKER.encode()), document
    # The restricted resource names a public meeting, and its page links it.
    assert b'href="../events/tallinn-2008.html"' in internal.outputs[f"{NAME}.zip:resources/restricted-experts.html"]


def test_every_page_is_marked_internal_in_both_languages(internal):
    notice = data("labels")["internal_edition"]
    pages = {name: html.decode("utf-8") for name, html in internal.outputs.items()
             if name.startswith(f"{NAME}.zip:") and name.endswith(".html")}
    assert len(pages) > 50
    for name, html in pages.items():
        assert notice["en"] in html and notice["ru"] in html, name
        assert re.search(r'<meta name="robots" content="noindex, nofollow">', html), name
    readme = internal.outputs[f"{NAME}.zip:README.txt"].decode("utf-8-sig")
    assert readme.startswith(f"{notice['en']}\r\n{notice['ru']}\r\n")



def test_the_notice_is_on_a_printout_too(internal, browser, tmp_path):
    """Material hides its banner in print: a printed page of the internal edition still says what
    it is, in black (a printer may leave out the red background), above the content."""
    with zipfile.ZipFile(internal.out / f"{NAME}.zip") as archive:
        archive.extractall(tmp_path)
    tab = browser.new_page(viewport={"width": 320, "height": 800})
    tab.goto((tmp_path / "ru" / "contact.html").as_uri())
    tab.emulate_media(media="print")
    notice = tab.locator(".md-banner .internal-notice")
    assert notice.is_visible() and "не для публикации" in notice.inner_text()
    assert notice.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    assert notice.bounding_box()["y"] < tab.locator("article h1").bounding_box()["y"]
    tab.close()

def test_it_has_its_own_name_and_checksums_and_leaves_the_public_outputs_alone(internal):
    files = sorted(p.name for p in internal.out.iterdir())
    assert files == sorted(["SHA256SUMS", f"{NAME}.iso", f"{NAME}.zip", f"{NAME}.cdx.json"])  # no ZIM, no PDF
    sums = (internal.out / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    assert sorted(line.split("  ")[1] for line in sums) == sorted(f for f in files if f != "SHA256SUMS")
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((internal.out / name).read_bytes()).hexdigest() == digest, name
    assert "Built the internal edition" in internal.printed
    # Built in a scratch copy: no public output, and no page made from a restricted record in docs/.
    assert not (internal.project / "site").exists() and not (internal.project / "dist").exists()
    leaks = [p for p in (internal.project / "docs").rglob("*") if p.is_file() and MARKER.encode() in p.read_bytes()]
    assert leaks == []


def test_it_is_never_deployed():
    """Only `make internal` builds it, into a git-ignored folder no workflow reads."""
    for workflow in sorted((PROJECT / ".github" / "workflows").glob("*.yml")):
        text = workflow.read_text(encoding="utf-8")
        assert "dist-internal" not in text and "internal" not in re.findall(r"make \w+", text), workflow
        assert "PRIVATE_DATA" not in text, workflow
    assert "/dist-internal/" in (PROJECT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert re.search(r"^## internal: .+\ninternal: .*\n\t.*build\.py --internal$",
                     (PROJECT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_a_restricted_record_in_the_public_data_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    contacts = project / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8") + """
- id: copied-expert
  name:
    en: Copied Expert
    ru: Скопированный эксперт
  organisation:
    en: Shelter
    ru: Приют
  public: false
  restricted: true
""", encoding="utf-8")
    result = run_build(project, "--validate")
    assert result.returncode == 1
    line = len(contacts.read_text(encoding="utf-8").splitlines())
    assert f"data/contacts.yml:{line}:3: entry 'copied-expert', field 'restricted': " in result.stderr
    assert "Move the whole entry to contacts.yml in the private data folder named by PRIVATE_DATA" in result.stderr
    assert "public: false does not hide it" in result.stderr and "Traceback" not in result.stderr


def test_mistakes_in_the_private_folder_are_reported_with_its_paths(tmp_path):
    project = copy_project(tmp_path / "project")
    private = write_private_data(tmp_path / "private-data", MARKER)
    events = private / "events.yml"
    events.write_text(events.read_text(encoding="utf-8").replace("date: 2009-05", "date: 2009-13")
                      .replace("  restricted: true\n", ""), encoding="utf-8")
    # A public resource may not name a restricted meeting; a restricted id may not repeat a public one.
    resources = project / "data" / "resources.yml"
    resources.write_text(resources.read_text(encoding="utf-8").replace(
        "events: [cacvt-training]", "events: [cacvt-training, restricted-ncp-2009]", 1), encoding="utf-8")
    contacts = private / "contacts.yml"
    public_contact = data("contacts")[0]["id"]
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("id: restricted-expert", f"id: {public_contact}"),
                        encoding="utf-8")
    result = run_build(project, "--internal", "--validate", env={"PRIVATE_DATA": str(private)})
    assert result.returncode == 1, result.stdout
    shown = private.resolve().as_posix()
    assert (f"{shown}/events.yml:{_line_of(events, '  date: 2009-13')}:3: entry 'restricted-ncp-2009', "
            "field 'date': found '2009-13'") in result.stderr
    assert (f"{shown}/events.yml:{_line_of(events, '- id: restricted-ncp-2009')}:3: entry 'restricted-ncp-2009': "
            "every record of the private data folder says restricted: true") in result.stderr
    assert (f"'restricted-ncp-2009' is a restricted record of the private data folder ({shown}/events.yml), "
            "so this public entry cannot name it") in result.stderr
    assert f"{shown}/contacts.yml:2:3: entry '{public_contact}', field 'id': the id '{public_contact}' is already used " \
           "by a public entry of data/contacts.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_internal_build_needs_private_data(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run_build(project, "--internal", env={"PRIVATE_DATA": ""})
    assert result.returncode == 1
    assert "PRIVATE_DATA is not set" in result.stderr and "make internal" in result.stderr
    assert not (project / "dist-internal").exists()


@pytest.mark.parametrize("inside", ["private", "docs/private"])
def test_a_private_folder_inside_the_project_is_refused(tmp_path, inside):
    """Inside the project, `git add -A` would commit it and, under docs/, the public build would copy
    its files into the site: the internal build stops before reading it, and says where it belongs."""
    project = copy_project(tmp_path / "project")
    private = write_private_data(project / inside, MARKER)
    result = run_build(project, "--internal", env={"PRIVATE_DATA": str(private)})
    assert result.returncode == 1
    assert "is inside this project" in result.stderr and "keep it outside" in result.stderr
    assert not (project / "dist-internal").exists()
    assert MARKER not in result.stdout + result.stderr
