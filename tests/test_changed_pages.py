"""scripts/changed_pages.py: which pages a pull request changes, and the links the job summary shows."""
from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import PROJECT, copy_project, data

import changed_pages as cp  # noqa: E402  (scripts/, on the path through conftest)
from sitedata.yaml_reader import parse  # noqa: E402

PREVIEW = "https://cbss.github.io/children/pr-preview/pr-12/"


@pytest.mark.parametrize("repository, override, expected", [
    ("cbss/children", "", "https://cbss.github.io/children/"),
    ("CBSS/Children", "", "https://cbss.github.io/Children/"),  # the host in small letters, the path as named
    ("cbss/cbss.github.io", "", "https://cbss.github.io/"),  # the owner's own site, at the root
    ("cbss/children", "https://children.cbss.org", "https://children.cbss.org/"),
    ("cbss/children", "https://children.cbss.org/", "https://children.cbss.org/"),
])
def test_the_pages_address(repository, override, expected):
    assert cp.pages_url(repository, override) == expected


def test_the_preview_address_is_below_the_sites():
    assert cp.preview_url("cbss/children", 12) == PREVIEW
    assert cp.preview_url("cbss/children", 12, "https://x.org") == "https://x.org/pr-preview/pr-12/"


def test_a_page_of_docs_is_itself_whichever_language_changed():
    assert cp.changed_pages(["docs/ru/network.md", "docs/en/network.md", "docs/en/meetings/index.md"], {}) \
        == ["network.html", "meetings/index.html"]


def test_changed_entries_are_their_own_pages_and_the_lists_that_hold_them():
    pages = cp.changed_pages(["data/events.yml", "data/countries.yml"], {"events": {"riga-2009"}, "countries": {"EE"}})
    assert pages == ["events/riga-2009.html", "calendar.html", "meetings/index.html", "index.html",
                     "countries/ee.html", "network.html"]


def test_a_collection_without_pages_of_its_own_is_its_list():
    assert cp.changed_pages(["data/contacts.yml"], {"contacts": {"someone"}}) == ["contact.html"]
    assert cp.changed_pages(["data/challenges.yml", "data/accountability.yml"], {}) == ["other-work.html"]


def test_a_document_is_the_resources_page_and_anything_shown_everywhere_the_home_page():
    assert cp.changed_pages(["data/documents/resources/x.en.pdf"], {}) == ["resources.html"]
    assert cp.changed_pages(["data/labels.yml", "overrides/main.html", "mkdocs.yml"], {}) == ["index.html"]


def test_the_projects_code_shows_no_page():
    assert cp.changed_pages(["scripts/build.py", "tests/test_site.py", "README.md", ".github/workflows/pr.yml"], {}) == []


def test_every_list_page_and_record_folder_exists_in_the_built_site(site):
    for pages in cp.LISTS.values():
        assert all((site / here).is_file() for here in pages), pages
    for collection, folder in cp.record_folders().items():
        first = data(collection)[0]["id"].lower()
        assert (site / folder).is_dir() and (collection == "countries" or (site / folder / f"{first}.html").is_file())


def test_entries_added_or_changed_are_found_by_id():
    old = [{"id": "a", "x": 1}, {"id": "b", "x": 1}, {"id": "c", "x": 1}]
    new = [{"id": "a", "x": 1}, {"id": "b", "x": 2}, {"id": "d", "x": 1}, "not an entry"]
    assert cp.changed_records(old, new) == {"b", "d"}
    assert cp.changed_records(None, new) == {"a", "b", "d"}  # a new file
    assert cp.changed_records(old, None) == set()  # an emptied file: nothing to show


def test_pictures_are_named_by_the_pages_path():
    assert cp.picture_name("events/riga-2009.html") == "events-riga-2009"
    assert cp.picture_name("index.html") == "index"


def test_the_summary_links_each_page_in_both_languages_with_its_pictures():
    text = cp.summary(["network.html", "events/riga-2009.html"], PREVIEW, pictures=True)
    assert "Pages changed by this pull request" in text and "Страницы, изменённые этим запросом" in text
    assert f"[English]({PREVIEW}network.html)" in text and f"[Русский]({PREVIEW}ru/network.html)" in text
    assert f"[Русский]({PREVIEW}ru/events/riga-2009.html)" in text
    for lang in ("en", "ru"):
        for width in (320, 1280):
            assert f'<img src="{PREVIEW}pictures/web-{width}/{lang}-events-riga-2009.png"' in text
    assert "<img" not in cp.summary(["network.html"], PREVIEW, pictures=False)


def test_without_a_preview_the_summary_names_the_pages():
    text = cp.summary(["network.html"], "", pictures=False)
    assert "`network.html` · `ru/network.html`" in text and "](" not in text


def test_only_so_many_pages_are_pictured():
    pages = [f"events/e{n}.html" for n in range(cp.MOST_PICTURED + 3)]
    text = cp.summary(pages, PREVIEW, pictures=True)
    assert text.count("<img") == cp.MOST_PICTURED * 4
    assert f"{PREVIEW}events/e{cp.MOST_PICTURED + 2}.html" in text


def _git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def test_the_script_compares_with_the_base_and_names_only_built_pages(tmp_path):
    """A branch that changes a page, changes one event and adds one, and changes Norway's entry (id NO,
    which YAML 1.1 reads as false), against its base, as pr.yml runs it."""
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    base = _git(project, "rev-parse", "HEAD")
    events = project / "data" / "events.yml"
    entries = parse(events.read_text(encoding="utf-8"))
    first, second = entries[0]["id"], entries[1]["id"]
    entries[0]["title"]["en"] += " (changed)"
    entries.append({**entries[1], "id": "added-2026"})  # an added event, whose page was not built here
    events.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "docs" / "ru" / "network.md").write_text("changed\n", encoding="utf-8")
    countries = project / "data" / "countries.yml"  # Norway's entry, whose id NO is no "false"
    text = countries.read_text(encoding="utf-8")
    norway = text.index("- id: NO\n")
    countries.write_text(text[:norway] + text[norway:].replace("    en: Norway\n", "    en: Norway (changed)\n", 1),
                         encoding="utf-8")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "change")
    site = tmp_path / "site"  # the built site holds both languages of these pages only
    for here in ("network.html", f"events/{first}.html", f"events/{second}.html", "calendar.html", "index.html",
                 "countries/no.html"):
        for rel in (here, f"ru/{here}"):
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_text("<html></html>")
    out = tmp_path / "changed"
    result = subprocess.run([sys.executable, "scripts/changed_pages.py", "--base", base, "--url", PREVIEW,
                             "--site", str(site), "--out", str(out)], cwd=project, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    # The changed event and the lists (meetings/ was not built here); the other event did not change,
    # however the file was rewritten.
    assert (out / "pages.txt").read_text() == \
        f"countries/no.html\nnetwork.html\nevents/{first}.html\ncalendar.html\nindex.html\n"
    assert f"[Русский]({PREVIEW}ru/network.html)" in (out / "summary.md").read_text(encoding="utf-8")
    assert "<img" in (out / "summary-pictures.md").read_text(encoding="utf-8")


def test_the_addresses_need_only_pythons_own_modules():
    """publish.yml asks for the site's address before the build's packages are installed."""
    result = subprocess.run([sys.executable, "-S", "-I", str(PROJECT / "scripts" / "changed_pages.py"),
                             "--preview-url", "cbss/children", "12"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == PREVIEW
