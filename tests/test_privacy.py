"""Privacy: entries marked public: false, and files only they name, never reach any output;
nor does anything of the private data folder (PRIVATE_DATA), even when it is set for the
public build; addresses are not harvestable. (tests/test_internal.py: the internal edition.)"""
from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
from libzim.reader import Archive
from pypdf import PdfReader

from conftest import checked_build, copy_project, run_build, write_private_data

SECRET = "Zq7PrivateMarker"  # a string that appears nowhere else
RESTRICTED = "Wk3RestrictedMarker"  # the records of the private data folder carry this one

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


# A restricted resource, such as the list of trained experts' contacts shared only with the NCPs,
# with files of its own: one in a folder of its own, one beside the public documents.
PRIVATE_RESOURCE = f"""
- id: private-experts
  title:
    en: {SECRET} experts list
    ru: {SECRET} список экспертов
  summary:
    en: {SECRET} shared with the NCPs only.
    ru: {SECRET} только для НКТ.
  type: report
  publisher:
    en: {SECRET} WGCC
    ru: {SECRET} WGCC
  topics: [street-children]
  events: [cacvt-training]  # the training's page lists its public resources only
  files:
    - lang: en
      file: {SECRET.lower()}/experts.en.txt
    - lang: ru
      file: resources/{SECRET.lower()}-experts.ru.txt
  public: false
"""
PRIVATE_FILES = {f"{SECRET.lower()}/experts.en.txt": f"{SECRET} expert, +46 000 000\n",
                 f"resources/{SECRET.lower()}-experts.ru.txt": f"{SECRET} эксперт\n"}


@pytest.fixture(scope="module")
def private_build(tmp_path_factory):
    """A full public build (site/ and dist/) of a project with entries marked public: false,
    run with PRIVATE_DATA naming a private folder of restricted records: (project, its output)."""
    scratch = tmp_path_factory.mktemp("private")
    project = copy_project(scratch / "project")
    private = write_private_data(scratch / "private-data", RESTRICTED)
    for name, entry in (("contacts.yml", PRIVATE_CONTACT), ("events.yml", PRIVATE_MEETING),
                        ("resources.yml", PRIVATE_RESOURCE)):
        path = project / "data" / name
        path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")
    for rel, text in PRIVATE_FILES.items():
        path = project / "data" / "documents" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = checked_build(project, env={"PRIVATE_DATA": str(private)})
    return project, result.stdout + result.stderr


@pytest.fixture(scope="module")
def private_project(private_build):
    return private_build[0]


def _iso_tree(iso, target):
    """The ISO image's files as an independent reader (xorriso, not pycdlib that wrote it) extracts them."""
    subprocess.run(["xorriso", "-osirrox", "on", "-indev", str(iso), "-extract", "/", str(target)],
                   check=True, capture_output=True)
    return target


def _outputs(project, scratch, folders=("site", "dist")):
    """(name, bytes) of every output file, with the zip's members and the ISO's files read back."""
    for folder in folders:
        for path in sorted((project / folder).rglob("*")):
            if not path.is_file():
                continue
            yield path.relative_to(project).as_posix(), path.read_bytes()
            if path.suffix == ".zip":
                with zipfile.ZipFile(path) as archive:
                    for member in archive.namelist():
                        yield f"{path.name}:{member}", archive.read(member)
            if path.suffix == ".pdf":  # its text is compressed: what a reader sees, as text
                text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
                yield f"{path.name}:text", text.encode("utf-8")
            if path.suffix == ".zim":  # its entries are compressed clusters: read them back with libzim
                archive = Archive(path)
                for index in range(archive.all_entry_count):
                    entry = archive._get_entry_by_id(index)
                    yield f"{path.name}:{entry.path}", bytes(entry.get_item().content) if not entry.is_redirect else b""
            if path.suffix == ".iso":
                tree = _iso_tree(path, scratch / "iso")
                for inner in sorted(tree.rglob("*")):
                    if inner.is_file():
                        yield f"{path.name}:{inner.relative_to(tree).as_posix()}", inner.read_bytes()


def test_restricted_entries_and_files_reach_no_output(private_project, tmp_path):
    outputs = list(_outputs(private_project, tmp_path))
    names = {name for name, _ in outputs}
    # Every kind of output is searched: pages, search indexes, sitemaps, calendars, vCards, zip, ISO.
    for expected in ("site/index.html", "site/search/search_index.json", "site/ru/search/search_index.json",
                     "site/sitemap.xml", "site/calendar.ics", "site/ru/calendar.ics",
                     "site/contacts/childrens-unit.vcf", "cbss-children-offline.zip:index.html",
                     "cbss-children-offline.iso:index.html", "cbss-children-offline.iso:documents/resources/"
                     "cacvt-training.en.md"):
        assert expected in names, expected
    # The printed documents and the ZIM files are searched as read back, where a public entry is found.
    read_back = dict(outputs)
    for lang in ("en", "ru"):
        assert "WGCC" in read_back[f"cbss-children-resource-pack-{lang}.pdf:text"].decode()
        zim = next((private_project / "dist").glob(f"cbss-children_{lang}_all_*.zim")).name
        assert b"<html" in read_back[f"{zim}:{'index.html' if lang == 'en' else 'ru/index.html'}"].lower()
    # The restricted records' ids too: they would name a page or a vCard.
    markers = (SECRET.lower(), RESTRICTED.lower(), "restricted-expert", "restricted-ncp-2009")
    leaks = [name for name, content in outputs for marker in markers
             if marker in name.lower() or marker.encode() in content.lower()]
    assert leaks == []
    assert list((private_project / "docs").rglob("private-*.md")) == []
    assert list((private_project / "docs").rglob("restricted-*")) == []


def test_the_public_build_ignores_private_data_and_says_so(private_build):
    project, output = private_build
    assert "PRIVATE_DATA is set, but this public build never reads it" in output
    assert "make internal" in output
    assert not (project / "dist-internal").exists()
    # Nor does it carry the internal edition's banner (an empty one included) or noindex.
    for page in (project / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'class="md-banner' not in html and 'name="robots"' not in html, page


def test_only_files_named_by_public_resources_are_published(private_project):
    published = sorted(p.relative_to(private_project / "site" / "documents").as_posix()
                       for p in (private_project / "site" / "documents").rglob("*") if p.is_file())
    packs = [f"cbss-children-{kind}-{lang}.pdf" for kind in ("resource-pack", "self-assessment") for lang in ("en", "ru")]
    # Beside them, the printed resource packs (scripts/print_pack.py), made from the public data only.
    assert published == sorted(packs) + ["resources/cacvt-training.en.md", "resources/cacvt-training.ru.md",
                         "resources/mapping-study.en.md", "resources/mapping-study.ru.md",
                         "resources/ncp-outcomes-2007.en.md", "resources/ncp-outcomes-2007.ru.md"]


def test_templates_cannot_reach_restricted_entries(tmp_path):
    """The renderer's data holds public entries only: a page that asks for a restricted one by id fails."""
    project = copy_project(tmp_path / "project")
    path = project / "data" / "events.yml"
    path.write_text(path.read_text(encoding="utf-8") + PRIVATE_MEETING, encoding="utf-8")
    page = project / "docs" / "en" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ event_summary("private-2009") }}\n', encoding="utf-8")
    result = run_build(project, "--no-bundle")
    assert result.returncode != 0
    assert SECRET not in result.stdout + result.stderr
    assert "private-2009" in result.stderr and "does not exist" in result.stderr


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
