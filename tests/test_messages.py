"""Messages in the editor's language: the catalogue, the choice of language, and GitHub's annotations.

Real runs of scripts/build.py and scripts/normalize.py on copies of the project, as an editor (or a
pull request's workflow) runs them; the catalogue and the YAML reader's hints by unit tests.
"""
from __future__ import annotations

import ast
import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, copy_project, run_build
from test_editing import MISTAKES, At, Mistake

sys.path.insert(0, str(PROJECT / "scripts"))
from sitedata import github  # noqa: E402
from sitedata.languages import CODES  # noqa: E402
from sitedata.messages import catalogue, languages, msg  # noqa: E402
from sitedata.plurals import plural  # noqa: E402
from sitedata.problems import DataError, Problem  # noqa: E402
from sitedata.schema import check, validator  # noqa: E402
from sitedata.yaml_reader import load_yaml  # noqa: E402

CODE = sorted((PROJECT / "scripts").rglob("*.py"))
# What editors run and read: the checks, the build, the canonical form, the translation report. (The bundle's
# and the printed packs' own errors speak to whoever keeps the build machine, in English.)
EDITORS_CODE = sorted((PROJECT / "scripts" / "sitedata").glob("*.py")) + [
    PROJECT / "scripts" / name for name in ("build.py", "normalize.py", "translations.py")]
# The functions that take a key of the catalogue, and the position of the key among their arguments.
CALLS = {"msg": 0, "say": 0, "tell": 0, "Count": 1, "message": 0}  # message: Words.message of the issue forms
NOT_GITHUB = {"GITHUB_ACTIONS": "", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


# --- the catalogue ------------------------------------------------------------------------------

def test_every_message_is_written_in_every_language_with_the_same_placeholders():
    for key, texts in catalogue().items():
        assert set(texts) == set(CODES), key
        assert all(isinstance(t, str) and t.strip() for t in texts.values()), key
        assert len({frozenset(_placeholders(t)) for t in texts.values()}) == 1, (key, texts)
        if key.endswith("_word"):  # plural forms: as many as each language has
            assert all(plural(2, texts[lang], lang) for lang in CODES), key


def test_the_catalogue_matches_its_schema():
    data = load_yaml(PROJECT / "data" / "messages.yml", PROJECT).data
    assert list(validator(PROJECT / "data" / "schemas", "messages").iter_errors(data)) == []


def _calls(path: Path):
    """The first argument naming a message in each call of msg, say, tell, words.message (the key) and
    Count (the word)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)  # say(...), words.message(...)
        if name in CALLS:
            position = CALLS[name]
            if len(node.args) > position:
                yield node.args[position]


def _keys_in_code() -> tuple[set[str], set[str]]:
    """(the keys the code names, the fixed starts of the keys it makes with an f-string: msg(f"language_in_{code}"))."""
    keys, starts = set(), set()
    for path in CODE:
        for arg in _calls(path):
            if isinstance(arg, ast.Constant):
                keys.add(arg.value)
            elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                starts.add(arg.values[0].value)
    return keys, starts


def test_every_key_the_code_names_is_in_the_catalogue_and_every_message_is_used():
    keys, starts = _keys_in_code()
    known = set(catalogue())
    assert keys - known == set()
    assert all(any(k.startswith(s) for k in known) for s in starts), starts
    # Used: named in a call, made by an f-string, or a literal the code passes on (tables, defaults).
    literals = {text for path in CODE for text in _literals(path)}
    used = keys | {k for k in known for s in starts if k.startswith(s)} | (literals & known)
    assert known - used == set()
    assert {f"language_in_{code}" for code in CODES} <= known


def _literals(path: Path) -> list[str]:
    """The string literals of a module, docstrings left out (they speak to programmers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs]


@pytest.mark.parametrize("phrase", ["Expected form", "To fix it", "did you mean", "not valid YAML", "was not built",
                                    "is missing", "is not allowed", "already used", "canonical form", "ожидается"])
def test_no_message_is_written_in_the_code(phrase):
    """The words of messages live in the catalogue only."""
    assert [p.name for p in EDITORS_CODE if any(phrase in text for text in _literals(p))] == []


# --- which language -----------------------------------------------------------------------------

@pytest.mark.parametrize("env, expected", [
    ({}, ("en",)),
    ({"LANG": "ru_RU.UTF-8"}, ("ru",)),
    ({"LANG": "en_GB.UTF-8", "LANGUAGE": "ru:en"}, ("ru",)),
    ({"LANG": "ru_RU.UTF-8", "LANGUAGE": "en_GB"}, ("en",)),  # LANGUAGE first, as gettext
    ({"LANG": "ru_RU.UTF-8", "LANGUAGE": ""}, ("ru",)),  # an empty LANGUAGE does not count
    ({"LANG": "de_DE.UTF-8"}, ("en",)),
    ({"LANG": "ru_RU.UTF-8", "GITHUB_ACTIONS": "true"}, ("en", "ru")),
])
def test_the_language_follows_the_locale_and_is_both_on_github(env, expected):
    assert languages(env) == expected


# --- a Russian-speaking editor's typical mistakes, through scripts/build.py --validate --------------

def _named(name: str) -> Mistake:
    return next(m for m in MISTAKES if m.name == name)


# The mistakes CONTRIBUTING.ru.md walks through, and what the Russian report says of each.
RUSSIAN = {
    "colon_in_text": ("ошибка синтаксиса YAML", "нужно заключить в двойные кавычки",
                      "с тем отступом, какой нужен в файле", '    en: "Street children: those living in the street"'),
    "missing_colon": ("после имени поля «date» нет двоеточия", "поставьте двоеточие и пробел", "\n  date: 2006-09\n"),
    "tab_indentation": ("делайте отступы пробелами, а не табуляцией", "\n  number: 3\n"),
    "wrong_type": ("запись «street-children», поле «number»", "найдено «three», а ожидается целое число",
                   "Ожидается, например:\n      number: 1"),
    "missing_translation": ("запись «yaroslavl-2005», поле «city.ru»", "нет текста на русском языке (ru:)",
                            "ru: (текст на русском языке)"),
    "translation_typo": ("неизвестное поле «ry» (может быть, имелось в виду «ru»?)", "ru: Таллин  # не ry"),
    "lowercase_code": ("найдено «ee» (может быть, имелось в виду «EE»?)", "двухбуквенный код", "country: EE"),
    "duplicate_id": ("идентификатор «reykjavik-2006» уже занят в строке", "id: reykjavik-2006-2"),
    "value_not_in_the_list": ("найдено «conferense» (может быть, имелось в виду «conference»?)",
                              "а ожидается одно из значений", "type: expert-meeting"),
    "end_before_start": ("мероприятие заканчивается (2006-04) раньше, чем начинается (2006-05)", "end: 2007-10-26"),
    "page_in_one_language": ("у этой страницы нет версии на русском языке", "нет файла docs/ru/news.md"),
}


@pytest.mark.parametrize("name", RUSSIAN)
def test_a_russian_locale_gets_the_report_in_russian_with_file_line_and_fix(tmp_path, name):
    mistake = _named(name)
    project = mistake.apply(copy_project(tmp_path / "project"))
    result = run_build(project, "--validate", env={**NOT_GITHUB, "LANG": "ru_RU.UTF-8"})
    assert result.returncode == 1
    report = result.stderr
    places = [e.text(project) for e in mistake.expected if isinstance(e, At) and e.fmt.startswith("{file}")]
    places = places or [mistake.expected[0]]  # a page: its path
    wanted = [*places, "Сайт не собран: в содержимом", "Ничего не опубликовано", *RUSSIAN[name]]
    assert [w for w in wanted if w not in report] == [], report
    assert "Expected form" not in report and "The site was not built" not in report, report


def test_validate_says_all_is_well_in_russian(tmp_path):
    result = run_build(copy_project(tmp_path / "project"), "--validate", env={**NOT_GITHUB, "LANG": "ru_RU.UTF-8"})
    assert result.returncode == 0 and "Ошибок нет" in result.stdout, result.stdout + result.stderr


# --- on GitHub: annotations and the job summary ------------------------------------------------------

GITHUB_ENV = {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "cbss/site",
              "GITHUB_SHA": "0123abc"}


def _annotations(output: str, level: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"::{level} ")]


@pytest.fixture
def github_run(tmp_path):
    project = copy_project(tmp_path / "project")
    mistakes = [_named("missing_translation"), _named("wrong_type")]  # in the report's order: by file
    for mistake in mistakes:
        mistake.apply(project)
    summary = tmp_path / "summary.md"
    summary.write_text("Earlier step\n", encoding="utf-8")
    result = run_build(project, "--validate", env={**GITHUB_ENV, "GITHUB_STEP_SUMMARY": str(summary)})
    return project, mistakes, result, summary.read_text(encoding="utf-8")


def test_on_github_each_problem_is_an_annotation_on_its_line_in_both_languages(github_run):
    project, mistakes, result, _ = github_run
    assert result.returncode == 1
    errors = _annotations(result.stdout, "error")
    assert len(errors) == 2, result.stdout
    for mistake, line in zip(mistakes, errors):
        place = next(e for e in mistake.expected if isinstance(e, At)).text(project)  # "data/x.yml:12:"
        file, number = place.rstrip(":").split(":")
        assert line.startswith(f"::error file={file},line={number},col="), line
        assert ",title=Content check / Проверка содержимого::" in line
        message = line.split("::", 2)[2]
        assert "\n" not in message and "%0A" in message
        english, russian = message.split("%0A%0A")
        assert "entry '" in english and "запись «" in russian
    assert "нет текста на русском языке (ru:)" in errors[0]
    assert "найдено «three», а ожидается целое число" in errors[1]
    # The report itself, in both languages, for the job's log.
    assert "The site was not built: 2 problems" in result.stderr and "Сайт не собран: в содержимом 2 ошибки" in result.stderr


def test_on_github_the_job_summary_tells_in_both_languages_and_links_the_guides(github_run):
    project, mistakes, _, summary = github_run
    assert summary.startswith("Earlier step\n")  # appended to, never overwritten
    assert "### Content checks: 2 problems" in summary and "### Проверка содержимого: 2 ошибки" in summary
    assert "| Where | Problem |" in summary and "| Где | Ошибка |" in summary
    for mistake in mistakes:
        place = next(e for e in mistake.expected if isinstance(e, At)).text(project).rstrip(":")
        file, line = place.split(":")
        assert summary.count(f"| [`{place}:") == 2, summary  # a row in each language, linked to the line
        assert summary.count(f"(https://github.com/cbss/site/blob/0123abc/{file}#L{line}) |") == 2, summary
    assert "found 'three', expected a whole number" in summary and "найдено «three»" in summary
    assert "(https://github.com/cbss/site/blob/0123abc/CONTRIBUTING.md#what-the-checks-say)" in summary
    assert ("(https://github.com/cbss/site/blob/0123abc/CONTRIBUTING.ru.md#"
            "%D1%87%D1%82%D0%BE-%D0%BE%D0%B7%D0%BD%D0%B0%D1%87%D0%B0%D1%8E%D1%82-") in summary


def _github_anchor(heading: str) -> str:
    """GitHub's id for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_guides_have_the_sections_the_summary_links():
    for lang in CODES:
        guide, anchor = catalogue()["gh_guide_path"][lang].split("#")
        headings = [line.lstrip("#") for line in (PROJECT / guide).read_text(encoding="utf-8").splitlines()
                    if line.startswith("## ")]
        assert anchor in [_github_anchor(h) for h in headings], (guide, anchor)


def test_a_failing_build_on_github_annotates_too(tmp_path):
    project = _named("value_not_in_the_list").apply(copy_project(tmp_path / "project"))
    result = run_build(project, "--no-bundle", env={**GITHUB_ENV, "GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")})
    assert result.returncode == 1
    [line] = _annotations(result.stdout, "error")
    assert line.startswith("::error file=data/events.yml,line=") and "conferense" in line
    assert "Проверка содержимого: 1 ошибка" in (tmp_path / "s.md").read_text(encoding="utf-8")
    assert not (project / "site").exists()


def test_canonical_form_on_github_is_a_warning_with_the_fix(tmp_path):
    project = copy_project(tmp_path / "project")
    events = project / "data" / "events.yml"
    text = events.read_text(encoding="utf-8")
    assert "- id: kiev-2005\n  type: expert-meeting\n" in text
    events.write_text(text.replace("- id: kiev-2005\n  type: expert-meeting\n",
                                   "- type: expert-meeting\n  id: kiev-2005\n", 1), encoding="utf-8")
    line = events.read_text(encoding="utf-8").splitlines().index("- type: expert-meeting") + 1
    result = subprocess.run([sys.executable, "scripts/normalize.py", "--check"], cwd=project, capture_output=True,
                            text=True, timeout=120, env={**os.environ, **GITHUB_ENV})
    assert result.returncode == 1  # as without GitHub: whether it fails the check is the workflow's choice
    [warning] = _annotations(result.stdout, "warning")
    assert warning.startswith(f"::warning file=data/events.yml,line={line},title=Canonical form / Канонический вид::")
    assert "To fix it, run: make normalize" in warning and "Чтобы исправить, выполните: make normalize" in warning
    assert _annotations(result.stdout, "error") == []


def test_the_summary_shows_a_value_found_as_text_never_as_markup():
    problem = Problem("data/a.yml", msg("schema_other", detail="found '<img src=x>' | here"), 3)
    assert "| found '&lt;img src=x>' \\| here. |" in github.summary([problem], env={})


def test_annotations_escape_what_github_reads_as_syntax():
    problem = Problem("data/a,b:c.yml", msg("schema_other", detail="100% done\r\nnext"), 3, 5)
    line = github.annotation(problem)
    assert line.startswith("::error file=data/a%2Cb%3Ac.yml,line=3,col=5,title=Content check / Проверка содержимого::")
    assert "100%25 done%0D%0Anext." in line and "\n" not in line and "\r" not in line


# --- the YAML mistakes editors make most ------------------------------------------------------------

def _problem(tmp_path: Path, text: str) -> Problem:
    (tmp_path / "x.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_yaml(tmp_path / "x.yml", tmp_path)
    [problem] = raised.value.problems
    return problem


COLON_LEFT_OUT = [
    # (file, the line without its colon): the next line a field, the end of the file, or a text's language
    ("- id: a\n  title  Some text\n  date: 2005-04\n", 2),
    ("- id: a\n  title  Some text\n", 2),
    ("- id: a\n  title:\n    en  Some text\n    ru: Текст\n", 3),
    ("- id: a\n  date: 2005-04\n  city:\n    en: Riga\n    ru  Рига\n  country: LV\n", 5),
]


def test_the_second_line_of_a_long_text_is_not_taken_for_a_field_without_its_colon(tmp_path):
    problem = _problem(tmp_path, "- id: a\n  title:\n    en: A text that\n      runs on and: on\n")
    assert problem.message.key == "yaml_invalid" and problem.line == 4
    assert "the quotes on this line and the one before it" in problem.format("en")


@pytest.mark.parametrize("text, line", COLON_LEFT_OUT)
def test_a_missing_colon_is_reported_on_its_own_line_with_the_fix(tmp_path, text, line):
    problem = _problem(tmp_path, text)
    assert problem.line == line
    assert problem.message.key == "yaml_missing_colon"
    assert "the colon after the field's name" in problem.format("en")
    assert "нет двоеточия" in problem.format("ru")


SYNTAX_MISTAKES = COLON_LEFT_OUT + [
    ("- id: a\n  title:\n    en: Note: see the list\n    ru: Текст\n", 3),
    ("- id: a\n  title:\n    en: *Children* first\n    ru: Текст\n", 3),
    ("- id: a\n\tnumber: 3\n", 2),
    ("- id: a\n  items:\n    - name: x\n    \tvalue: 2\n", 4),
]


@pytest.mark.parametrize("text, line", SYNTAX_MISTAKES)
def test_the_example_of_a_syntax_message_pasted_in_place_as_shown_mends_the_file(tmp_path, text, line):
    """Copied from the report as it is printed, over the line it names: the file is then valid YAML."""
    problem = _problem(tmp_path, text)
    assert problem.example_line == line
    shown = problem.format("en").splitlines()
    heading = next(i for i, row in enumerate(shown) if "indented as it must be in the file" in row)
    rows = text.splitlines()
    rows[line - 1:line] = shown[heading + 1:]  # the lines after the heading, exactly as printed
    (tmp_path / "x.yml").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert load_yaml(tmp_path / "x.yml", tmp_path).data


@pytest.mark.parametrize("found, hint", [("pl", "did you mean 'PL'?"), ("Kiev-2005", "did you mean 'kiev-2005'?")])
def test_a_code_or_id_in_the_wrong_letter_case_gets_the_right_one(tmp_path, found, hint):
    field = "country" if found == "pl" else "id"
    entry = {"id": "kiev-2005", "type": "expert-meeting", "title": {"en": "A", "ru": "Б"}, "date": "2005-04",
             "city": {"en": "Kyiv", "ru": "Киев"}, "country": "UA", "source": "x", field: found}
    (tmp_path / "events.yml").write_text(yaml.safe_dump([entry], allow_unicode=True), encoding="utf-8")
    doc = load_yaml(tmp_path / "events.yml", tmp_path)
    problems = [p for p in check(doc, "events", PROJECT / "data" / "schemas") if p.field == field]
    assert [hint in p.format("en") for p in problems] == [True], [p.format("en") for p in problems]
    assert f"{field}: {found.upper() if field == 'country' else found.lower()}" in problems[0].format("en")
    assert "может быть, имелось в виду" in problems[0].format("ru")


# --- what editors' tools show -----------------------------------------------------------------------

def _described(node):
    """Every part of a schema that has a description."""
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):  # not a field named "description"
            yield node
        for value in node.values():
            yield from _described(value)
    elif isinstance(node, list):
        for value in node:
            yield from _described(value)


CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.mark.parametrize("path", sorted((PROJECT / "data" / "schemas").glob("*.schema.json")), ids=lambda p: p.name)
def test_each_description_in_the_schemas_is_in_both_languages(path):
    """VS Code shows markdownDescription: the English (the description messages quote), then the Russian."""
    for part in _described(json.loads(path.read_text(encoding="utf-8"))):
        english, russian = part["markdownDescription"].split("\n\n")
        assert english == part["description"]
        assert CYRILLIC.search(russian) and not CYRILLIC.search(english), part["description"]


@pytest.mark.parametrize("path", sorted((PROJECT / "data").glob("*.yml")), ids=lambda p: p.name)
def test_the_comment_at_the_top_of_each_data_file_is_in_both_languages(path):
    rows = path.read_text(encoding="utf-8").splitlines()
    header = "\n".join(row for row in rows[:next(i for i, row in enumerate(rows) if not row.startswith("#"))])
    assert re.search(r"# [A-Z][a-z]+ ", header) and CYRILLIC.search(header), path.name
