"""`make serve` with a mistake: the browser shows the problems, and reloads by itself once they
are fixed (scripts/sitedata/preview.py). Real `mkdocs serve` processes on copies of the project,
and a real browser; the pure parts alone, fast."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import jinja2
import pytest
from playwright.sync_api import Error as PlaywrightError
from mkdocs.exceptions import Abort, PluginError

from conftest import PROJECT, copy_project

sys.path.insert(0, str(PROJECT / "scripts"))
from sitedata.languages import editor_language  # noqa: E402
from sitedata.preview import Failure, error_page, failure_of  # noqa: E402
from sitedata.messages import msg  # noqa: E402
from sitedata.problems import DataError, Problem  # noqa: E402

MISTAKE = ("type: expert-meeting", "type: expert-meting")  # the first event's
LINE = next(n for n, text in enumerate((PROJECT / "data" / "events.yml").read_text(encoding="utf-8").splitlines(), 1)
            if text.strip() == MISTAKE[0])
WHERE = f"data/events.yml:{LINE}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def mkdocs_serve(project: Path, log: Path, lang: str):
    """`make serve`'s command in project, in an editor's locale; yields its address."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LANG": lang, "LANGUAGE": ""}
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        yield f"http://127.0.0.1:{port}"
        assert server.poll() is None, log.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str) -> tuple[int, str]:
    """Status and text; a request that waits longer than 20 s fails the test (the hang of issue 17)."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")
    except urllib.error.URLError as err:
        if isinstance(err.reason, ConnectionRefusedError):  # not listening yet
            return 0, ""
        raise


def _until(url: str, text: str, log: Path, seconds: float = 120) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, body = _get(url)
        if text in body:
            return status, body
        time.sleep(0.5)
    raise AssertionError(f"{url} never held {text!r}:\n{log.read_text(encoding='utf-8')}")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_data_mistake_from_the_start_is_a_page_in_russian_and_the_fix_brings_the_site(tmp_path):
    """The first build already fails: the server still starts, every address answers at once with
    the problems (file and line, the fix), in the editor's language; once mended, the pages."""
    project = copy_project(tmp_path / "project")
    events, log = project / "data" / "events.yml", tmp_path / "serve.log"
    _edit(events, *MISTAKE)
    with mkdocs_serve(project, log, "ru_RU.UTF-8") as base:
        status, body = _until(f"{base}/ru/events/kiev-2005.html", WHERE, log)
        assert status == 404  # mkdocs serve's answer for every address while the build fails
        assert "имелось в виду «expert-meeting»" in body and "type: expert-meeting" in body  # the editor's language
        assert "страница обновится сама" in body and '<html lang="ru">' in body
        assert "livereload(" in body
        for other in ("/", "/calendar.html", "/ru/no-such-page.html"):
            assert WHERE in _get(base + other)[1]
        assert WHERE in log.read_text(encoding="utf-8")  # and in the terminal, as before

        _edit(events, MISTAKE[1], MISTAKE[0])
        status, body = _until(f"{base}/ru/events/kiev-2005.html", "Киев", log)
        assert status == 200 and WHERE not in body


def test_the_page_open_in_the_browser_shows_the_mistake_and_the_fix_by_itself(tmp_path, browser):
    """An editor's tab on a page: a mistake saved turns it into the problems, the fix back into
    the page, with no click (mkdocs serve's live reload, which the page's policy must let run)."""
    project = copy_project(tmp_path / "project")
    events, log = project / "data" / "events.yml", tmp_path / "serve.log"
    with mkdocs_serve(project, log, "en_GB.UTF-8") as base:
        _until(f"{base}/events/kiev-2005.html", "Kyiv", log)
        tab = browser.new_page()
        blocked = []
        tab.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
        tab.goto(f"{base}/events/kiev-2005.html")
        assert "Kyiv" in tab.inner_text("article")

        _edit(events, *MISTAKE)
        assert "this page then reloads by itself" in _text_once(tab, lambda text: WHERE in text, log)

        _edit(events, MISTAKE[1], MISTAKE[0])
        assert "Kyiv" in _text_once(tab, lambda text: WHERE not in text and "Kyiv" in text, log)
        assert blocked == []
        tab.close()


def _text_once(tab, wanted, log: Path, seconds: float = 120) -> str:
    """The tab's text once wanted(text) holds, the tab left alone meanwhile (no reload from here;
    the page's own policy forbids Playwright's eval, so the text is read from outside)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            text = tab.inner_text("body", timeout=2000)
        except PlaywrightError:  # the page is being reloaded
            text = ""
        if wanted(text):
            return text
        time.sleep(0.5)
    raise AssertionError(f"{tab.url} never changed as expected:\n{log.read_text(encoding='utf-8')}")


# The pure parts.

PROBLEM = Problem("data/events.yml", msg("schema_found_expected", found="x", hint="", expected="expert-meeting"), line=3, entry="a", field="type", example="type: expert-meeting")


def test_a_data_problem_is_found_behind_mkdocs_own_errors():
    """The hooks raise PluginError from a DataError; MkDocs turns it into Abort: both as context."""
    try:
        try:
            try:
                raise DataError([PROBLEM])
            except DataError as err:
                raise PluginError(err.report()) from None
        except PluginError:
            raise Abort("Aborted with a BuildError!")
    except Abort as err:
        failure = failure_of(err, ["The site was not built: …"], PROJECT)
    assert failure.problems == [PROBLEM.format()]
    assert failure.heading == DataError([PROBLEM]).report().splitlines()[0]


def test_other_failures_list_what_mkdocs_logged_one_message_per_problem():
    logged = ["Error reading page 'ru/x.md':", "docs/ru/x.md: 'nope' is undefined", "Doc file 'a.md' contains a link"]
    failure = failure_of(Abort("Aborted with 2 warnings in strict mode!"), logged, PROJECT)
    assert failure.problems == ["Error reading page 'ru/x.md': docs/ru/x.md: 'nope' is undefined",
                                "Doc file 'a.md' contains a link"]


def test_an_error_in_a_template_names_its_file_and_line(tmp_path):
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text("one\n{{ page.nope.title }}\n", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / "overrides"), undefined=jinja2.StrictUndefined)
    with pytest.raises(jinja2.UndefinedError) as caught:
        env.get_template("main.html").render(page={})
    assert failure_of(caught.value, [], tmp_path).problems[0].startswith("overrides/main.html:2: UndefinedError")
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        env.from_string("{% if %}")  # no file: the message alone
    assert failure_of(caught.value, [], tmp_path).problems == ["TemplateSyntaxError: Expected an expression, "
                                                               "got 'end of statement block'"]


def test_the_page_shows_even_when_the_labels_cannot_be_read(tmp_path):
    """A broken data/labels.yml is itself a problem to show: the page then has no words of its own."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "labels.yml").write_text("title: [\n", encoding="utf-8")
    page = error_page(Failure([PROBLEM.format()], "2 problems"), tmp_path, "ru")
    assert "<h1>2 problems</h1>" in page and "data/events.yml:3" in page
    assert error_page(Failure(["x"]), PROJECT, "ru").count("Не удалось собрать предпросмотр") == 2  # title, h1


@pytest.mark.parametrize("environ, lang", [
    ({"LANG": "ru_RU.UTF-8"}, "ru"), ({"LANGUAGE": "ru:en", "LANG": "en_US.UTF-8"}, "ru"),
    ({"LANGUAGE": "en_GB:ru", "LANG": "ru_RU.UTF-8"}, "en"), ({"LANG": "C.UTF-8"}, "en"), ({}, "en"),
    ({"LANGUAGE": "", "LANG": "ru_UA.UTF-8"}, "ru"),
    ({"LC_ALL": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"}, "ru"), ({"LC_MESSAGES": "ru_RU.UTF-8", "LANG": "C"}, "ru"),
    ({"LANGUAGE": "ru", "LC_ALL": "C"}, "en"),  # gettext ignores LANGUAGE under the C locale
])
def test_the_editor_language_comes_from_the_locale(environ, lang):
    assert editor_language(environ) == lang
