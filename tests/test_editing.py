"""What editors do: add a meeting, make mistakes. Real builds of changed copies of the project."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

import jsonschema
import pytest
from referencing import Registry, Resource

from conftest import PROJECT, build_ok, copy_project, page, run_build, text_of

sys.path.insert(0, str(PROJECT / "scripts"))
from sitedata.model import COLLECTIONS  # noqa: E402
from sitedata.yaml_reader import load_yaml  # noqa: E402  (YAML 1.2 reading, as editors' tools read it)

NEW_MEETING = """
- id: gdansk-2009
  type: expert-meeting
  title:
    en: Expert meeting on safe return of children
    ru: Экспертное совещание о безопасном возвращении детей
  topic:
    en: Safe return of children
    ru: Безопасное возвращение детей
  date: 2009-03-12
  end: 2009-03-13
  city:
    en: Gdańsk
    ru: Гданьск
  country: PL
"""

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"
HOSTILE_MEETING = f"""
- id: hostile-2010
  type: expert-meeting
  title:
    en: "{PAYLOAD} meeting"
    ru: "{PAYLOAD} совещание"
  topic:
    en: "{PAYLOAD} *topic* [link](javascript:alert(3))"
    ru: "{PAYLOAD} тема"
  date: 2010-01
  city:
    en: "{PAYLOAD}"
    ru: "{PAYLOAD}"
  country: PL
"""


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("edited") / "project")
    events = project / "data" / "events.yml"
    events.write_text(events.read_text(encoding="utf-8") + NEW_MEETING + HOSTILE_MEETING, encoding="utf-8")
    return build_ok(project)


def test_a_meeting_added_to_the_data_appears_with_its_own_page_in_both_languages(edited_site):
    for prefix, facts in (("", ["Safe return of children", "Gdańsk, Poland", "12–13 March 2009"]),
                          ("ru/", ["Безопасное возвращение детей", "Гданьск, Польша", "12–13 марта 2009 г."])):
        # The text as shown: no space added between elements (the days are in <time> elements).
        own_page = " ".join(page(edited_site, f"{prefix}events/gdansk-2009.html").select_one("article").get_text().split())
        assert all(fact in own_page for fact in facts), own_page
        listing = page(edited_site, f"{prefix}meetings/index.html")
        assert listing.find("a", href="../events/gdansk-2009.html")


def test_text_from_data_is_shown_as_text_never_run(edited_site):
    for rel in ("events/hostile-2010.html", "ru/events/hostile-2010.html", "meetings/index.html"):
        soup = page(edited_site, rel)
        article = soup.select_one("article")
        assert not article.find("script") and not article.find("img")
        assert not soup.find(attrs={"onerror": True})
        assert not soup.find("a", href=re.compile("^javascript:", re.I))
        assert "<script>alert(1)</script>" in article.get_text()
    title = page(edited_site, "events/hostile-2010.html").title
    assert "<script>alert(1)</script>" in title.get_text()
    assert title.find("script") is None
    assert "*topic*" in text_of(edited_site, "events/hostile-2010.html")  # Markdown syntax stays text


# --- mistakes ---------------------------------------------------------------------------------

def _replace(project, name, old, new, count=1):
    path = project / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {name}: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def _line_of(path, needle, occurrence=1):
    lines = [i + 1 for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()) if needle in line]
    return lines[occurrence - 1]


def _syntax_error(project):
    path = _replace(project, "events.yml", "  date: 2006-09\n", "  date: 2006-09\n   bad: [unclosed\n")
    return ["data/events.yml:", "not valid YAML", "The line reads:", "check the indentation"]


def _colon_in_text(project):
    path = _replace(project, "priorities.yml", "en: Children living in the street",
                    "en: Street children: those living in the street")
    return [f"data/priorities.yml:{_line_of(path, 'Street children:')}:", "not valid YAML",
            "a text that contains a colon and a space (': ') must be put in double quotes",
            'en: "Street children: those living in the street"']


def _special_first_character(project):
    path = _replace(project, "priorities.yml", "en: Children living in the street",
                    "en: *Children* living in the street")
    return [f"data/priorities.yml:{_line_of(path, '*Children*')}:", "not valid YAML",
            "a text that starts with * must be put in double quotes", 'en: "*Children* living in the street"']


def _tab_indentation(project):
    path = _replace(project, "priorities.yml", "  number: 3\n", "\tnumber: 3\n")
    return [f"data/priorities.yml:{_line_of(path, 'number: 3')}:", "not valid YAML",
            "indent with spaces, not tabs", "  number: 3"]


def _wrong_type(project):
    path = _replace(project, "priorities.yml", "number: 3", "number: three")
    return [f"data/priorities.yml:{_line_of(path, 'number: three')}:", "entry 'street-children'",
            "field 'number'", "found 'three', expected a whole number", "number: 1"]


def _missing_field(project):
    path = _replace(project, "events.yml", "  date: 2006-09\n", "")
    return ["data/events.yml:", "entry 'oslo-2006'", "field 'date'", "the required field 'date' is missing",
            "date: 2005-04"]


def _missing_translation(project):
    path = _replace(project, "events.yml", "    ru: Ярославль\n", "")
    return [f"data/events.yml:{_line_of(path, 'en: Yaroslavl') - 1}:", "entry 'yaroslavl-2005'",
            "field 'city.ru'", "Russian text (ru:) is missing", "en: Yaroslavl"]


def _duplicate_id(project):
    path = _replace(project, "events.yml", "id: oslo-2006", "id: reykjavik-2006")
    first = _line_of(path, "id: reykjavik-2006")
    second = _line_of(path, "id: reykjavik-2006", 2)
    return [f"data/events.yml:{second}:", "entry 'reykjavik-2006'", "field 'id'",
            f"already used on line {first}", "id: reykjavik-2006-2"]


def _unknown_field(project):
    path = _replace(project, "events.yml", "  country: EE\n", "  contry: EE\n")
    return [f"data/events.yml:{_line_of(path, 'contry: EE')}:", "entry 'tallinn-2008'",
            "unknown field 'contry' (did you mean 'country'?)", "country: EE  # not contry"]


def _translation_typo(project):
    path = _replace(project, "events.yml", "    ru: Таллин\n", "    ry: Таллин\n")
    return [f"data/events.yml:{_line_of(path, 'ry: Таллин')}:", "entry 'tallinn-2008'", "field 'city.ry'",
            "unknown field 'ry' (did you mean 'ru'?)", "ru: Таллин  # not ry",
            "field 'city.ru'", "the Russian text (ru:) is missing"]


def _value_not_in_the_list(project):
    path = _replace(project, "events.yml", "  type: conference\n", "  type: conferense\n")
    return [f"data/events.yml:{_line_of(path, 'type: conferense')}:", "entry 'vilnius-conference'", "field 'type'",
            "found 'conferense' (did you mean 'conference'?), expected one of: expert-meeting, conference",
            "type: expert-meeting"]


def _date_in_another_form(project):
    path = _replace(project, "events.yml", "date: 2007-10-24", "date: 24.10.2007")
    return [f"data/events.yml:{_line_of(path, '24.10.2007')}:", "entry 'wgcc-tfthb-2007'", "field 'date'",
            "found '24.10.2007', expected a date as year-month (2005-04)", "date: 2005-04"]


def _date_read_as_a_number(project):
    path = _replace(project, "events.yml", "date: 2005-09", "date: 09.2005")
    return [f"data/events.yml:{_line_of(path, '09.2005')}:", "entry 'yaroslavl-2005'",
            "found 09.2005, expected a date", "date: 2005-04"]


def _yaml_tag(project):
    path = _replace(project, "events.yml", "date: 2007-10-24", "date: !!timestamp 2007-10-24")
    return [f"data/events.yml:{_line_of(path, '!!timestamp')}:", "entry 'wgcc-tfthb-2007'", "field 'date'",
            "found !!timestamp 2007-10-24, expected a date"]


def _end_before_start(project):
    path = _replace(project, "events.yml", "  date: 2006-05\n", "  date: 2006-05\n  end: 2006-04\n")
    return [f"data/events.yml:{_line_of(path, 'end: 2006-04')}:", "entry 'reykjavik-2006'", "field 'end'",
            "the event ends (2006-04) before it starts (2006-05)", "end: 2007-10-26"]


def _impossible_date(project):
    path = _replace(project, "events.yml", "date: 2007-10-24", "date: 2007-02-30")
    return [f"data/events.yml:{_line_of(path, '2007-02-30')}:", "entry 'wgcc-tfthb-2007'",
            "not a date of the calendar"]


def _unknown_reference(project):
    path = _replace(project, "events.yml", "  country: EE\n", "  country: XX\n")
    return [f"data/events.yml:{_line_of(path, 'country: XX')}:", "entry 'tallinn-2008'",
            "'XX' is not an id in data/countries.yml"]


def _unknown_reference_in_a_list(project):
    path = _replace(project, "events.yml", "priorities: [children-in-institutions]",
                    "priorities: [children-in-institution]")
    return [f"data/events.yml:{_line_of(path, '[children-in-institution]')}:", "entry 'yaroslavl-2005'",
            "field 'priorities.0'", "'children-in-institution' is not an id in data/priorities.yml "
            "(did you mean 'children-in-institutions'?)"]


def _missing_file(project):
    if not (project / "data" / "resources.yml").exists():
        pytest.skip("no collection names files yet (data/resources.yml)")
    path = _replace(project, "resources.yml", "file: resources/cacvt-training.en.md",
                    "file: resources/cacvt-trainig.en.md")
    return [f"data/resources.yml:{_line_of(path, 'cacvt-trainig.en.md')}:", "entry 'cacvt-training-materials'",
            "field 'files.0.file'", "the file 'data/documents/resources/cacvt-trainig.en.md' does not exist"]


def _page_in_one_language(project):
    (project / "docs" / "en" / "news.md").write_text("# News\n", encoding="utf-8")
    return ["docs/en/news.md", "no Russian version", "docs/ru/news.md is missing"]


def _page_only_in_russian(project):
    (project / "docs" / "ru" / "news.md").write_text("# Новости\n", encoding="utf-8")
    return ["docs/ru/news.md", "no English version", "docs/en/news.md is missing"]


def _html_in_markdown(project):
    path = _replace(project, "events.yml", "    en: The two groups jointly assessed",
                    "    en: <iframe src=x></iframe> The two groups jointly assessed")
    return [f"data/events.yml:{_line_of(path, '<iframe')}:", "entry 'wgcc-tfthb-2007'", "field 'summary.en'",
            "HTML is not allowed here"]


def _unsafe_link(project):
    path = _replace(project, "events.yml", "    en: The two groups jointly assessed",
                    "    en: The two groups [click](JavaScript:alert(1)) jointly assessed")
    return ["entry 'wgcc-tfthb-2007'", "field 'summary.en'", "the link target 'JavaScript:alert(1' is not allowed"]


def _private_referenced(project):
    _replace(project, "events.yml", "- id: cacvt-training\n", "- id: cacvt-training\n  public: false\n")
    return ["data/projects.yml:", "entry 'bsr-cacvt'", "field 'events.0'", "marked public: false"]


def _two_files(project):
    first = _wrong_type(project)
    second = _missing_translation(project)
    return first + second + ["2 problems"]


def _broken_file_and_page(project):
    """A file that cannot be read at all does not hide a mistake elsewhere."""
    return _colon_in_text(project) + _page_in_one_language(project) + ["2 problems"]


MISTAKES = [_syntax_error, _colon_in_text, _special_first_character, _tab_indentation, _wrong_type,
            _missing_field, _missing_translation, _translation_typo, _duplicate_id, _unknown_field,
            _value_not_in_the_list, _date_in_another_form, _date_read_as_a_number, _end_before_start,
            _impossible_date, _yaml_tag, _unknown_reference, _unknown_reference_in_a_list, _missing_file,
            _page_in_one_language, _page_only_in_russian, _html_in_markdown, _unsafe_link, _private_referenced,
            _two_files, _broken_file_and_page]
# The mistakes an editor's tools see while typing: the schema alone refuses each of them.
SCHEMA_MISTAKES = [_wrong_type, _missing_field, _missing_translation, _translation_typo, _unknown_field,
                   _value_not_in_the_list, _date_in_another_form, _date_read_as_a_number]


def _fingerprint(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project_with_good_site(tmp_path, site):
    """A copy of the project that already has a good site/ (the one built for this session)."""
    project = copy_project(tmp_path / "project")
    shutil.copytree(site, project / "site")
    return project


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.__name__.strip("_") for m in MISTAKES])
def test_a_mistake_stops_the_build_with_a_clear_message_and_keeps_the_site(project_with_good_site, mistake):
    project = project_with_good_site
    before = _fingerprint(project / "site")
    expected = mistake(project)
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert [e for e in expected if e not in output] == [], output
    assert "Traceback" not in output
    assert "the last good site is unchanged" in output
    assert _fingerprint(project / "site") == before
    assert not (project / "site.new").exists()


def test_a_failure_inside_mkdocs_also_keeps_the_last_good_site(project_with_good_site):
    project = project_with_good_site
    before = _fingerprint(project / "site")
    for lang in ("en", "ru"):
        (project / "docs" / lang / "contact.md").write_text("# Contact\n\n{{ no_such_macro() }}\n", encoding="utf-8")
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/en/contact.md" in output and "no_such_macro" in output
    assert "Traceback" not in output
    assert "unchanged" in output
    assert _fingerprint(project / "site") == before


def test_a_crash_in_a_template_also_keeps_the_last_good_site(project_with_good_site):
    project = project_with_good_site
    before = _fingerprint(project / "site")
    partial = project / "overrides" / "partials" / "copyright.html"
    partial.write_text(partial.read_text(encoding="utf-8") + "{{ 1 // 0 }}\n", encoding="utf-8")
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "ZeroDivisionError" in output and "copyright.html" in output, output
    assert "unchanged" in output
    assert _fingerprint(project / "site") == before
    assert not (project / "site.new").exists()


def test_a_broken_link_in_a_page_stops_the_build(project_with_good_site):
    """MkDocs only warns of a link to a missing page; the build is strict, so it stops."""
    project = project_with_good_site
    before = _fingerprint(project / "site")
    page = project / "docs" / "ru" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Подробнее](no-such-page.md)\n", encoding="utf-8")
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "ru/privacy.md" in output and "no-such-page.md" in output, output
    assert "unchanged" in output
    assert _fingerprint(project / "site") == before


def _plain_mkdocs_build(project, out):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=project,
                          capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_mkdocs_alone_checks_the_data_and_writes_the_pages_made_from_it(tmp_path):
    """`mkdocs serve` and `mkdocs build` run the hooks without scripts/build.py: the hooks
    then check the data and write the pages made from it themselves."""
    project = copy_project(tmp_path / "project")
    result = _plain_mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for lang in ("", "ru/"):
        assert (tmp_path / "out" / f"{lang}events" / "kiev-2005.html").is_file()
        assert (tmp_path / "out" / f"{lang}events" / "kiev-2005.ics").is_file()
        # each language has its own search index, as with scripts/build.py
        index = json.loads((tmp_path / "out" / f"{lang}search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["docs"] and not [d for d in index["docs"] if d["location"].startswith("ru/")]
    events = project / "data" / "events.yml"
    events.write_text(events.read_text(encoding="utf-8").replace("type: expert-meeting", "type: expert-meting", 1),
                      encoding="utf-8")
    result = _plain_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "data/events.yml" in result.stderr and "did you mean 'expert-meeting'" in result.stderr, result.stderr


def test_validate_reports_success(built_project):
    result = run_build(built_project, "--validate")
    assert result.returncode == 0
    assert "valid" in result.stdout


def test_validate_alone_reports_every_problem_and_exits_1(tmp_path):
    project = copy_project(tmp_path / "project")
    expected = _wrong_type(project) + _missing_translation(project) + _end_before_start(project) \
        + _page_only_in_russian(project)
    result = run_build(project, "--validate")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert [e for e in expected if e not in output] == [], output
    assert "4 problems" in output
    assert not (project / "site").exists()


# --- the schemas alone, as an editor's tools use them ---------------------------------------------

def _schema_errors(project, name):
    """Errors of plain jsonschema (no messages of ours) for data/<name>.yml, read as YAML 1.2 reads it."""
    schemas = project / "data" / "schemas"
    registry = Registry().with_resources(
        (json.loads(p.read_text(encoding="utf-8"))["$id"], Resource.from_contents(json.loads(p.read_text(encoding="utf-8"))))
        for p in schemas.glob("*.schema.json"))
    schema = json.loads((schemas / f"{name}.schema.json").read_text(encoding="utf-8"))
    data = load_yaml(project / "data" / f"{name}.yml", project).data
    return list(jsonschema.Draft7Validator(schema, registry=registry).iter_errors(data))


def _collections(project):
    return sorted(p.name.removesuffix(".schema.json") for p in (project / "data" / "schemas").glob("*.schema.json")
                  if p.name != "common.schema.json")


def test_the_schemas_accept_all_real_data():
    names = _collections(PROJECT)
    assert set(COLLECTIONS) <= set(names)
    for name in names:
        assert _schema_errors(PROJECT, name) == [], name


@pytest.mark.parametrize("mistake", SCHEMA_MISTAKES, ids=[m.__name__.strip("_") for m in SCHEMA_MISTAKES])
def test_the_schemas_reject_each_broken_case(tmp_path, mistake):
    project = copy_project(tmp_path / "project")
    mistake(project)
    changed = [name for name in _collections(project)
               if (project / "data" / f"{name}.yml").read_bytes() != (PROJECT / "data" / f"{name}.yml").read_bytes()]
    assert changed
    assert all(_schema_errors(project, name) for name in changed), changed
