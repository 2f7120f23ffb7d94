"""`make translations`: the real report on a copy of the project with a git history of its own."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import PROJECT, copy_project


def git(project, *args, when="2030-01-01T00:00:00"):
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    result = subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit(project, message, when):
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message, when=when)
    return git(project, "rev-parse", "HEAD").strip()


def report(project):
    result = subprocess.run([sys.executable, "scripts/translations.py"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr  # a report, never a failure
    return result.stdout


def edit(project, rel, old, new):
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def row(output, *cells):
    """The report's line that holds all these cells, or None."""
    return next((line for line in output.splitlines() if all(c in line for c in cells)), None)


def line_of(project, rel, needle):
    return (project / rel).read_text(encoding="utf-8").splitlines().index(needle) + 1


@pytest.fixture
def history(tmp_path):
    """A copy of the project committed once, in 2030."""
    project = copy_project(tmp_path / "project")
    shutil.copy2(PROJECT / ".gitignore", project / ".gitignore")
    git(project, "init", "-q")
    commit(project, "First version", "2030-01-01T00:00:00")
    return project


def test_all_current_after_one_commit(history):
    output = report(history)
    assert "0 missing, 0 outdated" in output
    assert "Every text and page is in both languages" in output


def test_an_english_text_changed_later_is_reported_outdated(history):
    edit(history, "data/events.yml", "    en: Kyiv\n", "    en: Kyiv (Kiev)\n")
    edit(history, "docs/en/privacy.md", "\n", "\n\nA sentence added in English.\n")
    commit(history, "English changed", "2030-02-01T00:00:00")
    output = report(history)
    ru_line = line_of(history, "data/events.yml", "    ru: Киев")
    found = row(output, "outdated", f"data/events.yml:{ru_line}", "kiev-2005", "city")
    assert found and "English changed 2030-02-01" in found and "Russian 2030-01-01" in found, output
    assert 'check the ru: against "Kyiv (Kiev)"' in found
    page = row(output, "outdated", "docs/ru/privacy.md")
    assert page and "English page changed 2030-02-01" in page, output
    assert row(output, "kiev-2005", "title") is None  # its title did not change
    assert "0 missing, 2 outdated" in output

    # The translator updates the Russian: both are current again.
    edit(history, "data/events.yml", "    ru: Киев\n", "    ru: Киев (Київ)\n")
    edit(history, "docs/ru/privacy.md", "\n", "\n\nПредложение, добавленное по-русски.\n")
    commit(history, "Russian updated", "2030-03-01T00:00:00")
    assert "0 missing, 0 outdated" in report(history)


def test_changes_not_committed_yet_count_as_the_newest(history):
    edit(history, "data/priorities.yml", "    en: Children living in the street\n",
         "    en: Children who live in the street\n")
    found = row(report(history), "outdated", "street-children", "title")
    assert found and "English changed now (not committed yet), Russian 2030-01-01" in found


def test_a_commit_listed_in_git_blame_ignore_revs_does_not_outdate(history):
    edit(history, "data/events.yml", "    en: Kyiv\n", "    en: Kyiv (Kiev)\n")  # a change that needs no new translation
    edit(history, "docs/en/privacy.md", "\n", "\n\n")
    typo = commit(history, "Typo", "2030-02-01T00:00:00")
    assert "2 outdated" in report(history)
    (history / ".git-blame-ignore-revs").write_text(f"# English typo fixes\n{typo}\n", encoding="utf-8")
    commit(history, "Ignore the typo fix", "2030-02-02T00:00:00")
    assert "0 outdated" in report(history)


def test_missing_texts_and_pages_in_either_language(history):
    edit(history, "data/events.yml", "    ru: Ярославль\n", "")
    edit(history, "data/priorities.yml", "    en: Children living in the street\n", "")
    (history / "docs" / "en" / "news.md").write_text("# News\n", encoding="utf-8")
    (history / "docs" / "ru" / "archive.md").write_text("# Архив\n", encoding="utf-8")
    output = report(history)
    en_line = line_of(history, "data/events.yml", "    en: Yaroslavl")
    assert row(output, "missing", f"data/events.yml:{en_line}", "yaroslavl-2005", "city", "no Russian text (ru:)")
    assert row(output, "missing", "data/priorities.yml:", "street-children", "title", "no English text (en:)")
    assert row(output, "missing", "docs/ru/news.md", "no Russian page; docs/en/news.md exists")
    assert row(output, "missing", "docs/en/archive.md", "no English page; docs/ru/archive.md exists")
    assert "4 missing" in output


def test_pages_made_by_the_build_are_not_listed(history):
    # Event pages are written into docs/ by every build (git ignores them); they are data, not pages.
    (history / "docs" / "en" / "events").mkdir(exist_ok=True)
    (history / "docs" / "en" / "events" / "only-english.md").write_text("# Made\n", encoding="utf-8")
    assert "only-english" not in report(history)


def test_without_git_it_still_reports_what_is_missing(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project, "data/events.yml", "    ru: Ярославль\n", "")
    output = report(project)
    assert "Not a git repository" in output
    assert row(output, "missing", "yaroslavl-2005", "city")
