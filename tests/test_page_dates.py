"""Every page says when its content last changed, from the git history of the page and of the
data it shows; reproducible under SOURCE_DATE_EPOCH, and the same in the offline bundle."""
from __future__ import annotations

import zipfile

import pytest

from conftest import copy_project, page, run_build
from test_translations import commit, edit, git

EPOCH = "1924992000"  # 1 January 2031, the build date: what uncommitted changes count as


def changed(site, rel):
    found = page(site, rel).select_one("p.bsr-changed time")
    return found["datetime"] if found else None


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("dated") / "project")
    git(project, "init", "-q")
    commit(project, "The site", "2030-01-01T12:00:00")
    edit(project, "data/events.yml", "    en: Oslo\n", "    en: Oslo (Norway)\n")
    commit(project, "Oslo changed", "2030-03-05T12:00:00")
    edit(project, "docs/en/privacy.md", "\n", "\n\nA sentence not committed yet.\n")
    result = run_build(project, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    return project


def test_a_record_page_changes_with_its_record_only(dated):
    site = dated / "site"
    assert changed(site, "events/oslo-2006.html") == "2030-03-05"
    assert changed(site, "ru/events/oslo-2006.html") == "2030-03-05"
    assert changed(site, "events/kiev-2005.html") == "2030-01-01"
    assert "5 March 2030" in page(site, "events/oslo-2006.html").select_one("p.bsr-changed").get_text()
    assert "5 марта 2030" in page(site, "ru/events/oslo-2006.html").select_one("p.bsr-changed").get_text()


def test_a_page_changes_with_the_data_it_shows(dated):
    site = dated / "site"
    assert changed(site, "calendar.html") == "2030-03-05"  # lists the events
    assert changed(site, "meetings/index.html") == "2030-03-05"
    assert changed(site, "priorities.html") == "2030-01-01"  # shows no event


def test_uncommitted_changes_count_as_made_on_the_build_date(dated):
    assert changed(dated / "site", "privacy.html") == "2031-01-01"
    assert changed(dated / "site", "ru/privacy.html") == "2030-01-01"


def test_the_dates_survive_into_the_offline_bundle(dated):
    with zipfile.ZipFile(next((dated / "dist").glob("*.zip"))) as archive:
        html = archive.read("events/oslo-2006.html").decode("utf-8")
    assert '<time datetime="2030-03-05">' in html
