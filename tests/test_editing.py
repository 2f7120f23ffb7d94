"""What editors do: add a meeting, make mistakes. Real builds of changed copies of the project."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from conftest import (HIDDEN_DOCUMENTS, PROJECT, build_ok, copy_content, copy_project, fingerprint, page, run_build,
                      text_of)

sys.path.insert(0, str(PROJECT / "scripts"))
from sitedata.load import load_site_data  # noqa: E402
from sitedata.model import COLLECTIONS, DOCUMENTS  # noqa: E402
from sitedata.problems import DataError  # noqa: E402
from sitedata.schema import schemas, validator  # noqa: E402  (the build's: the schemas' $refs written out)
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
    return build_ok(project, "--no-bundle")


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


# --- mistakes, reported in-process ---------------------------------------------------------------
# Each mistake is applied to a copy of data/ and docs/ and loaded as the build loads it; its report
# must name the file and line, the entry, the field, what was found, and show the expected form.

@dataclass(frozen=True)
class At:
    """The line of the n-th line holding needle in a file, after the mistake (plus offset), as fmt."""

    file: str
    needle: str
    n: int = 1
    offset: int = 0
    fmt: str = "{file}:{line}:"

    def text(self, root: Path) -> str:
        rows = (root / self.file).read_text(encoding="utf-8").splitlines()
        lines = [i + 1 for i, row in enumerate(rows) if self.needle in row]
        return self.fmt.format(file=self.file, line=lines[self.n - 1] + self.offset)


@dataclass(frozen=True)
class Mistake:
    name: str
    # (file, old, new): old replaced by new once; old None: the file written with new; new None: deleted
    edits: tuple
    expected: tuple  # texts (or At) the report holds
    problems: int = 1  # how many the report lists: a mistake is reported once, with nothing else
    schema: bool = False  # the schema alone refuses it: editors' tools show it while they type

    def apply(self, root: Path) -> Path:
        for file, old, new in self.edits:
            path = root / file
            if new is None:
                path.unlink()
            elif old is None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(new, encoding="utf-8")
            else:
                text = path.read_text(encoding="utf-8")
                assert old in text, f"the text to change is not in {file}: {old!r}"
                path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return root


EV, PR, RS, MS = "data/events.yml", "data/priorities.yml", "data/resources.yml", "data/messages.yml"
COLON = Mistake("colon_in_text", ((PR, "en: Children living in the street",
                                   "en: Street children: those living in the street"),),
                (At(PR, "Street children:"), "not valid YAML",
                 "a text that contains a colon and a space (': ') must be put in double quotes",
                 'en: "Street children: those living in the street"'))
WRONG_TYPE = Mistake("wrong_type", ((PR, "number: 3", "number: three"),),
                     (At(PR, "number: three"), "entry 'street-children'", "field 'number'",
                      "found 'three', expected a whole number", "number: 1"), schema=True)
MISSING_TRANSLATION = Mistake("missing_translation", ((EV, "    ru: Ярославль\n", ""),),
                              (At(EV, "en: Yaroslavl", offset=-1), "entry 'yaroslavl-2005'", "field 'city.ru'",
                               "Russian text (ru:) is missing", "en: Yaroslavl"), schema=True)
END_BEFORE_START = Mistake("end_before_start", ((EV, "  date: 2006-05\n", "  date: 2006-05\n  end: 2006-04\n"),),
                           (At(EV, "end: 2006-04"), "entry 'reykjavik-2006'", "field 'end'",
                            "the event ends (2006-04) before it starts (2006-05)", "end: 2007-10-26"))
ENGLISH_PAGE_ONLY = Mistake("page_in_one_language", (("docs/en/news.md", None, "# News\n"),),
                            ("docs/en/news.md: ", "no Russian version", "docs/ru/news.md is missing"))
RUSSIAN_PAGE_ONLY = Mistake("page_only_in_russian", (("docs/ru/news.md", None, "# Новости\n"),),
                            ("docs/ru/news.md: ", "no English version", "docs/en/news.md is missing"))
SUMMARY = "    en: The two groups jointly assessed"
# The colon after a field's name left out: reported on that line (the parser stumbles only on the next one).
MISSING_COLON = Mistake("missing_colon", ((EV, "  date: 2006-09\n", "  date 2006-09\n"),),
                        (At(EV, "date 2006-09", fmt="{file}:{line}:7:"),
                         "the colon after the field's name 'date' is missing",
                         "The line reads: 'date 2006-09'", "put a colon and a space after the field's name 'date'",
                         "indented as it must be in the file", "\n  date: 2006-09\n"))
LOWERCASE_CODE = Mistake("lowercase_code", ((EV, "  country: EE\n", "  country: ee\n"),),
                         (At(EV, "country: ee"), "entry 'tallinn-2008'", "field 'country'",
                          "found 'ee' (did you mean 'EE'?)", "country: EE"), schema=True)

MISTAKES = [
    Mistake("syntax_error", ((EV, "  date: 2006-09\n", "  date: 2006-09\n   bad: [unclosed\n"),),
            (At(EV, "bad: [unclosed"), "not valid YAML", "The line reads: 'bad: [unclosed'", "check the indentation")),
    COLON,
    Mistake("special_first_character",
            ((PR, "en: Children living in the street", "en: *Children* living in the street"),),
            (At(PR, "*Children*"), "not valid YAML", "a text that starts with * must be put in double quotes",
             'en: "*Children* living in the street"')),
    Mistake("tab_indentation", ((PR, "  number: 3\n", "\tnumber: 3\n"),),
            (At(PR, "number: 3"), "not valid YAML", "indent with spaces, not tabs", "  number: 3")),
    WRONG_TYPE,
    Mistake("missing_field", ((EV, "  date: 2006-09\n", ""),),
            (At(EV, "id: oslo-2006"), "entry 'oslo-2006'", "field 'date'", "the required field 'date' is missing",
             "date: 2005-04"), schema=True),
    MISSING_TRANSLATION,
    Mistake("translation_typo", ((EV, "    ru: Таллин\n", "    ry: Таллин\n"),),
            (At(EV, "ry: Таллин"), "entry 'tallinn-2008'", "field 'city.ry'",
             "unknown field 'ry' (did you mean 'ru'?)", "ru: Таллин  # not ry", "field 'city.ru'",
             "the Russian text (ru:) is missing"), problems=2, schema=True),
    MISSING_COLON,
    LOWERCASE_CODE,
    Mistake("language_in_capitals", ((EV, "    ru: Таллин\n", "    RU: Таллин\n"),),
            (At(EV, "RU: Таллин"), "entry 'tallinn-2008'", "unknown field 'RU' (did you mean 'ru'?)",
             "ru: Таллин  # not RU", "the Russian text (ru:) is missing"), problems=2, schema=True),
    Mistake("end_without_date", ((EV, "  planned: true\n  announced: 2007-10\n",
                                  "  planned: true\n  announced: 2007-10\n  end: 2008-01\n"),),
            (At(EV, "end: 2008-01"), "entry 'un-study-roundtable'", "field 'end'",
             "the field 'end' needs 'date' as well; add it"), schema=True),
    Mistake("message_placeholder_translated", ((MS, "«{name}».", "«{имя}»."),),
            (At(MS, "«{имя}»"), "field 'schema_required.ru'",
             "the Russian text must fill in the same names in braces as the English one: {name}.")),
    Mistake("message_brace_alone", ((MS, "«{name}».", "«{name}»{."),),
            (At(MS, "«{name}»{"), "field 'schema_required.ru'", "the braces do not pair up")),
    Mistake("message_untranslated", ((MS, "  ru: \"нет обязательного поля «{name}».\"\n", ""),),
            (At(MS, "schema_required:"), "field 'schema_required.ru'", "the Russian text (ru:) is missing"),
            schema=True),
    Mistake("duplicate_id", ((EV, "id: oslo-2006", "id: reykjavik-2006"),),
            (At(EV, "id: reykjavik-2006", n=2), "entry 'reykjavik-2006'", "field 'id'",
             At(EV, "id: reykjavik-2006", fmt="already used on line {line};"), "id: reykjavik-2006-2")),
    Mistake("unknown_field", ((EV, "  country: EE\n", "  contry: EE\n"),),
            (At(EV, "contry: EE"), "entry 'tallinn-2008'", "unknown field 'contry' (did you mean 'country'?)",
             "country: EE  # not contry", "field 'country': the required field 'country' is missing"),
            problems=2, schema=True),
    Mistake("value_not_in_the_list", ((EV, "  type: conference\n", "  type: conferense\n"),),
            (At(EV, "type: conferense"), "entry 'vilnius-conference'", "field 'type'",
             "found 'conferense' (did you mean 'conference'?), expected one of: expert-meeting, conference",
             "type: expert-meeting"), schema=True),
    Mistake("date_in_another_form", ((EV, "date: 2007-10-24", "date: 24.10.2007"),),
            (At(EV, "24.10.2007"), "entry 'wgcc-tfthb-2007'", "field 'date'",
             "found '24.10.2007', expected a date as year-month (2005-04)", "date: 2005-04"), schema=True),
    Mistake("date_read_as_a_number", ((EV, "date: 2005-09", "date: 09.2005"),),
            (At(EV, "09.2005"), "entry 'yaroslavl-2005'", "field 'date'", "found 09.2005, expected a date",
             "date: 2005-04"), schema=True),
    END_BEFORE_START,
    Mistake("impossible_date", ((EV, "date: 2007-10-24", "date: 2007-02-30"),),
            (At(EV, "2007-02-30"), "entry 'wgcc-tfthb-2007'", "field 'date'",
             "found '2007-02-30', which is not a date of the calendar", "date: 2007-10-24")),
    Mistake("yaml_tag", ((EV, "date: 2007-10-24", "date: !!timestamp 2007-10-24"),),
            (At(EV, "!!timestamp"), "entry 'wgcc-tfthb-2007'", "field 'date'",
             "found !!timestamp 2007-10-24, expected a date")),
    Mistake("unknown_reference", ((EV, "  country: EE\n", "  country: XX\n"),),
            (At(EV, "country: XX"), "entry 'tallinn-2008'", "field 'country'",
             "'XX' is not an id in data/countries.yml")),
    Mistake("unknown_reference_in_a_list", ((EV, "priorities: [children-in-institutions]",
                                             "priorities: [children-in-institution]"),),
            (At(EV, "[children-in-institution]"), "entry 'yaroslavl-2005'", "field 'priorities.0'",
             "'children-in-institution' is not an id in data/priorities.yml "
             "(did you mean 'children-in-institutions'?)")),
    Mistake("missing_file", ((RS, "file: resources/cacvt-training.en.md", "file: resources/cacvt-trainig.en.md"),),
            (At(RS, "cacvt-trainig.en.md"), "entry 'cacvt-training-materials'", "field 'files.0.file'",
             "the file 'data/documents/resources/cacvt-trainig.en.md' does not exist"), problems=2),
    Mistake("named_file_deleted", (("data/documents/resources/mapping-study.en.md", "", None),),
            (At(RS, "file: resources/mapping-study.en.md"), "entry 'mapping-study'", "field 'files.0.file'",
             "the file 'data/documents/resources/mapping-study.en.md' does not exist")),
    Mistake("file_no_resource_names", (("data/documents/resources/forgotten.txt", None, "forgotten\n"),),
            ("data/documents/resources/forgotten.txt: ", "no entry in data/resources.yml names this file",
             "file: resources/forgotten.txt")),
    Mistake("file_and_url", ((RS, "      file: resources/mapping-study.en.md\n",
                              "      file: resources/mapping-study.en.md\n      url: https://example.org/\n"),),
            (At(RS, "file: resources/mapping-study.en.md", offset=-1), "entry 'mapping-study'", "field 'files.0'",
             "give exactly one of 'file' or 'url'"), schema=True),
    ENGLISH_PAGE_ONLY,
    RUSSIAN_PAGE_ONLY,
    Mistake("html_in_markdown", ((EV, SUMMARY, "    en: <iframe src=x></iframe> The two groups jointly assessed"),),
            (At(EV, "<iframe"), "entry 'wgcc-tfthb-2007'", "field 'summary.en'", "HTML is not allowed here",
             "en: See the [report](https://example.org/report).")),
    Mistake("unsafe_link", ((EV, SUMMARY, "    en: The two groups [click](JavaScript:alert(1)) jointly assessed"),),
            (At(EV, "JavaScript:alert"), "entry 'wgcc-tfthb-2007'", "field 'summary.en'",
             "the link target 'JavaScript:alert(1' is not allowed")),
    Mistake("private_referenced", ((EV, "- id: cacvt-training\n", "- id: cacvt-training\n  public: false\n"),),
            (At("data/projects.yml", "events: [cacvt-training,"), "entry 'bsr-cacvt'", "field 'events.0'",
             "marked public: false", At(RS, "events: [cacvt-training"), "entry 'cacvt-training-materials'"),
            problems=2),
    Mistake("two_files", WRONG_TYPE.edits + MISSING_TRANSLATION.edits,
            WRONG_TYPE.expected + MISSING_TRANSLATION.expected + ("2 problems",), problems=2),
    # A file that cannot be read at all does not hide a mistake elsewhere.
    Mistake("broken_file_and_page", COLON.edits + ENGLISH_PAGE_ONLY.edits,
            COLON.expected + ENGLISH_PAGE_ONLY.expected + ("2 problems",), problems=2),
]


@pytest.fixture(scope="session")
def content(tmp_path_factory) -> Path:
    """data/ and docs/ of the project: all that loading the data reads."""
    return copy_content(tmp_path_factory.mktemp("content"))


@pytest.fixture
def content_copy(content, tmp_path) -> Path:
    return Path(shutil.copytree(content, tmp_path / "content"))


def _expected(mistake: Mistake, root: Path) -> list[str]:
    return [e.text(root) if isinstance(e, At) else e for e in mistake.expected]


def test_the_content_as_it_is_loads_without_a_problem(content):
    assert load_site_data(content)["events"]


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_each_mistake_is_reported_with_file_line_entry_field_and_expected_form(content_copy, mistake):
    root = mistake.apply(content_copy)
    with pytest.raises(DataError) as raised:
        load_site_data(root)
    report = raised.value.report(("en",))
    assert [e for e in _expected(mistake, root) if e not in report] == [], report
    assert len(raised.value.problems) == mistake.problems, report
    assert report.endswith("Nothing was published; the last good site is unchanged.")


def test_hidden_files_in_documents_are_no_mistake(content_copy):
    """Not named by any resource, yet not reported: tests/test_offline.py shows they are not published."""
    for name in HIDDEN_DOCUMENTS:
        (content_copy / DOCUMENTS / name).parent.mkdir(parents=True, exist_ok=True)
        (content_copy / DOCUMENTS / name).write_bytes(b"\0\1")
    assert load_site_data(content_copy)["resources"]


@pytest.fixture
def project_with_good_site(tmp_path, site):
    """A copy of the project that already has a good site/ (the one built for this session)."""
    project = copy_project(tmp_path / "project")
    shutil.copytree(site, project / "site")
    return project


def _named(name: str) -> Mistake:
    return next(m for m in MISTAKES if m.name == name)


def failed_build_keeping_the_site(project: Path) -> str:
    """Run the build, which must fail and leave site/ as it was, saying so; what it printed."""
    before = fingerprint(project / "site")
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "the last good" in output and "unchanged" in output, output
    assert fingerprint(project / "site") == before
    assert not (project / "site.new").exists()
    return output


def test_a_mistake_stops_the_build_with_its_report_and_keeps_the_last_good_site(project_with_good_site,
                                                                              content_copy):
    """End to end, through scripts/build.py: the report reaches the editor and site/ stays as it was."""
    mistake = _named("two_files")
    with pytest.raises(DataError) as raised:
        load_site_data(mistake.apply(content_copy))
    output = failed_build_keeping_the_site(mistake.apply(project_with_good_site))
    assert [line for line in raised.value.report().splitlines() if line not in output] == [], output
    assert "Traceback" not in output


def test_a_failure_inside_mkdocs_also_keeps_the_last_good_site(project_with_good_site):
    for lang in ("en", "ru"):
        (project_with_good_site / "docs" / lang / "contact.md").write_text("# Contact\n\n{{ no_such_macro() }}\n",
                                                                          encoding="utf-8")
    output = failed_build_keeping_the_site(project_with_good_site)
    assert "docs/en/contact.md" in output and "no_such_macro" in output
    assert "Traceback" not in output


def test_a_crash_in_a_template_also_keeps_the_last_good_site(project_with_good_site):
    partial = project_with_good_site / "overrides" / "partials" / "copyright.html"
    partial.write_text(partial.read_text(encoding="utf-8") + "{{ 1 // 0 }}\n", encoding="utf-8")
    output = failed_build_keeping_the_site(project_with_good_site)
    assert "ZeroDivisionError" in output and "copyright.html" in output, output


def test_a_broken_link_in_a_page_stops_the_build(project_with_good_site):
    """MkDocs only warns of a link to a missing page; the build is strict, so it stops."""
    page = project_with_good_site / "docs" / "ru" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Подробнее](no-such-page.md)\n", encoding="utf-8")
    output = failed_build_keeping_the_site(project_with_good_site)
    assert "ru/privacy.md" in output and "no-such-page.md" in output, output


def _plain_mkdocs_build(project, out):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=project,
                          capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_mkdocs_build_alone_checks_the_data(tmp_path):
    """`mkdocs build` runs the hooks without scripts/build.py: they check the data themselves.
    (That they then write the pages made from it: the `mkdocs serve` test below.)"""
    project = copy_project(tmp_path / "project")
    events = project / "data" / "events.yml"
    events.write_text(events.read_text(encoding="utf-8").replace("type: expert-meeting", "type: expert-meting", 1),
                      encoding="utf-8")
    result = _plain_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "data/events.yml" in result.stderr and "did you mean 'expert-meeting'" in result.stderr, result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""
    except OSError:
        return 0, b""


def _wait_for(url: str, text: str, log, seconds: float = 90) -> bytes:
    """The page at url once it holds text (mkdocs serve rebuilds after a change)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, body = _get(url)
        if status == 200 and text.encode() in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never held {text!r}:\n{log.read_text(encoding='utf-8')}")


def test_mkdocs_serve_shows_the_data_and_follows_edits_through_a_mistake(tmp_path):
    """`make serve`: pages made from the data, each language's search index and the published
    documents are served; a mistake in data/ is reported and the server keeps running; once it is
    mended, the rebuild shows the edit."""
    project = copy_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        kiev = load_yaml(project / "data" / "events.yml", project).data[0]
        assert kiev["id"] == "kiev-2005"
        for prefix, lang in (("", "en"), ("ru/", "ru")):
            _wait_for(f"{base}/{prefix}events/kiev-2005.html", kiev["city"][lang], log)
            assert _get(f"{base}/{prefix}events/kiev-2005.ics")[0] == 200
            index = json.loads(_get(f"{base}/{prefix}search/search_index.json")[1])
            titles = {doc["location"]: doc["title"] for doc in index["docs"]}
            assert titles["events/kiev-2005.html"] == kiev["title"][lang]  # each language's own index
        named = (project / "data" / "documents" / "resources" / "mapping-study.en.md").read_bytes()
        assert _get(f"{base}/documents/resources/mapping-study.en.md") == (200, named)
        assert _get(f"{base}/documents/README.md")[0] == 404

        events = project / "data" / "events.yml"
        original = events.read_text(encoding="utf-8")
        events.write_text(original.replace("type: expert-meeting", "type: expert-meting", 1), encoding="utf-8")
        deadline = time.monotonic() + 90
        while "did you mean 'expert-meeting'" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.3)
        assert server.poll() is None  # the server goes on (the browser shows the problems: test_preview.py)

        assert "    en: Kyiv\n" in original
        events.write_text(original.replace("    en: Kyiv\n", "    en: Kyiv (Kiev)\n", 1), encoding="utf-8")
        _wait_for(f"{base}/events/kiev-2005.html", "Kyiv (Kiev)", log)
        _wait_for(f"{base}/ru/events/kiev-2005.html", "Киев", log)
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_validate_reports_success(built_project):
    result = run_build(built_project, "--validate")
    assert result.returncode == 0
    assert "valid" in result.stdout


def test_validate_alone_reports_every_problem_and_exits_1(tmp_path):
    project = copy_project(tmp_path / "project")
    mistakes = [WRONG_TYPE, MISSING_TRANSLATION, END_BEFORE_START, RUSSIAN_PAGE_ONLY]
    for mistake in mistakes:
        mistake.apply(project)
    expected = [text for mistake in mistakes for text in _expected(mistake, project)]
    result = run_build(project, "--validate")
    assert result.returncode == 1
    assert [e for e in expected if e not in result.stderr] == [], result.stderr
    assert "4 problems" in result.stderr
    assert not (project / "site").exists()


# --- the schemas alone, as an editor's tools use them ---------------------------------------------

def editors_validator(schema_dir, name):
    """jsonschema with the schemas' $refs followed by referencing, as editors' tools (VS Code's
    YAML extension) follow them; the build writes them out instead (sitedata.schema.inlined)."""
    all_schemas = schemas(schema_dir)
    registry = Registry().with_resources((uri, Resource.from_contents(contents))
                                         for uri, contents in all_schemas.items())
    return jsonschema.Draft7Validator(all_schemas[f"{name}.schema.json"], registry=registry)


def _schema_errors(project, name):
    """Errors of plain jsonschema (no messages of ours) for data/<name>.yml, read as YAML 1.2 reads it, the
    schemas' $refs followed as editors' tools follow them; the same as the build's (kind, place, message)."""
    data = load_yaml(project / "data" / f"{name}.yml", project).data
    errors = list(editors_validator(project / "data" / "schemas", name).iter_errors(data))
    ours = validator(project / "data" / "schemas", name).iter_errors(data)
    assert [(e.validator, list(e.absolute_path), e.message) for e in ours] == \
        [(e.validator, list(e.absolute_path), e.message) for e in errors], name
    return errors


def _collections(project):
    return sorted(p.name.removesuffix(".schema.json") for p in (project / "data" / "schemas").glob("*.schema.json")
                  if p.name != "common.schema.json")


def test_the_schemas_accept_all_real_data():
    names = _collections(PROJECT)
    assert set(COLLECTIONS) <= set(names)
    for name in names:
        assert _schema_errors(PROJECT, name) == [], name


@pytest.mark.parametrize("mistake", [m for m in MISTAKES if m.schema], ids=lambda m: m.name)
def test_the_schemas_reject_each_broken_case(content_copy, mistake):
    project = mistake.apply(content_copy)
    changed = [name for name in _collections(project)
               if (project / "data" / f"{name}.yml").read_bytes() != (PROJECT / "data" / f"{name}.yml").read_bytes()]
    assert changed
    assert all(_schema_errors(project, name) for name in changed), changed
