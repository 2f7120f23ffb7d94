"""`make normalize` and `make check-normalized`: the real command on copies of the project's data."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import copy_project, run_build

ENTRY = """- id: tallinn-2008
  type: expert-meeting
  title:
    en: Expert meeting giving input to the monitoring training
    ru: Экспертное совещание по вопросам подготовки предложений для обучения мониторингу
  topic:
    en: Input to the monitoring training
    ru: Предложения для обучения мониторингу
  date: 2008-01
  city:
    en: Tallinn
    ru: Таллин
  country: EE
  source: wgcc-presentation-2007
"""
# The same entry as an editor in a hurry might write it: fields in another order,
# ru before en, four spaces, a list's dash at the left.
SHUFFLED = """- country: EE
  source: wgcc-presentation-2007
  city:
      ru: Таллин
      en: Tallinn
  date: 2008-01
  id: tallinn-2008
  topic:
      ru: Предложения для обучения мониторингу
      en: Input to the monitoring training
  type: expert-meeting
  title:
      ru: Экспертное совещание по вопросам подготовки предложений для обучения мониторингу
      en: Expert meeting giving input to the monitoring training
"""
COMMENTED = """- country: EE  # Estonia
  source: wgcc-presentation-2007
  # The city in both languages.
  city:
    ru: Таллин
    en: Tallinn
  date: 2008-01
  id: tallinn-2008
  topic:
    ru: Предложения для обучения мониторингу
    en: Input to the monitoring training
  type: expert-meeting
  title:
    ru: Экспертное совещание по вопросам подготовки предложений для обучения мониторингу
    en: Expert meeting giving input to the monitoring training

# The next one is a meeting of the National Contact Points.
"""
COMMENTED_NORMAL = """- id: tallinn-2008
  type: expert-meeting
  title:
    en: Expert meeting giving input to the monitoring training
    ru: Экспертное совещание по вопросам подготовки предложений для обучения мониторингу
  topic:
    en: Input to the monitoring training
    ru: Предложения для обучения мониторингу
  date: 2008-01
  # The city in both languages.
  city:
    en: Tallinn
    ru: Таллин
  country: EE  # Estonia
  source: wgcc-presentation-2007

# The next one is a meeting of the National Contact Points.
"""


def normalize(project, *args):
    return subprocess.run([sys.executable, "scripts/normalize.py", *args], cwd=project,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def _events(project):
    return project / "data" / "events.yml"


def _edit(project, new_entry):
    path = _events(project)
    original = path.read_text(encoding="utf-8")
    assert ENTRY in original, "the sample entry changed in data/events.yml: update ENTRY"
    path.write_text(original.replace(ENTRY, new_entry), encoding="utf-8")
    return original


def _comments(text):
    return sorted(line.split("#", 1)[1].strip() for line in text.splitlines() if "#" in line)


def test_the_real_data_is_in_canonical_form(project):
    result = normalize(project, "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in canonical form" in result.stdout


def test_check_fails_on_a_shuffled_entry_naming_file_line_and_command(project):
    _edit(project, SHUFFLED)
    before = _events(project).read_bytes()
    result = normalize(project, "--check")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    line = _events(project).read_text(encoding="utf-8").splitlines().index("- country: EE") + 1
    assert f"data/events.yml:{line}: the file is not in canonical form" in output
    assert "found '- country: EE', expected '- id: tallinn-2008'" in output
    assert "To fix it, run: make normalize" in output
    assert "1 of " in output
    assert _events(project).read_bytes() == before  # --check changes nothing


def test_normalize_puts_a_shuffled_entry_back_as_it_was(project):
    original = _edit(project, SHUFFLED)
    result = normalize(project)
    assert result.returncode == 0, result.stderr
    assert "Rewrote data/events.yml" in result.stdout
    assert _events(project).read_text(encoding="utf-8") == original
    assert normalize(project, "--check").returncode == 0


def test_normalize_keeps_comments_and_blank_lines(project):
    _edit(project, COMMENTED)
    written = _events(project).read_text(encoding="utf-8")
    assert normalize(project).returncode == 0
    normal = _events(project).read_text(encoding="utf-8")
    assert _comments(normal) == _comments(written)
    assert normal.count("\n\n") == written.count("\n\n")
    # A comment stays with the field below it, and the lines before the next entry stay there.
    before = "  priorities: [young-offenders]\n  source: wgcc-presentation-2007\n\n"  # the entry above it
    assert normal == written.replace(COMMENTED, "").replace(before, before + COMMENTED_NORMAL)
    # The header of the file (and its line for editors' schema support) is untouched.
    assert normal.splitlines()[:20] == written.splitlines()[:20]


def test_normalize_is_idempotent(project):
    _edit(project, COMMENTED)
    normalize(project)
    once = {p.name: p.read_bytes() for p in (project / "data").glob("*.yml")}
    result = normalize(project)
    assert result.returncode == 0
    assert "Rewrote" not in result.stdout
    assert {p.name: p.read_bytes() for p in (project / "data").glob("*.yml")} == once


def test_normalized_data_still_validates(project):
    _edit(project, SHUFFLED)
    normalize(project)
    result = run_build(project, "--validate")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_file_that_is_not_yaml_is_reported_not_rewritten(project):
    path = project / "data" / "priorities.yml"
    broken = path.read_text(encoding="utf-8").replace("  number: 3\n", "  number: 3\n bad: [\n")
    path.write_text(broken, encoding="utf-8")
    result = normalize(project)
    assert result.returncode == 1
    assert "data/priorities.yml: this is not valid YAML" in result.stderr
    assert "make validate" in result.stderr
    assert path.read_text(encoding="utf-8") == broken

