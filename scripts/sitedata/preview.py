"""The live preview (`make serve`): a build that fails shows its problems in the browser.

mkdocs serve holds every request for a page until a build has succeeded, and
a failed build never does: the editor's browser waited (ten minutes, in the
issue) while the problems were printed only in the terminal. In the preview
MkDocs' build is therefore wrapped (keep_serving): when it fails, the site
folder is emptied and holds one page, which lists the problems. mkdocs serve
gives that page for every address (it is the site's 404 page), and the page
carries mkdocs serve's own live-reload script, which waits for the next
build: once the editor saves a fix, it reloads itself into the mended page.
(`mkdocs serve --clean` tells the hooks it is a build, and is not wrapped.) `make site`
and `mkdocs build` are not wrapped: there a problem stops the build, and the
last good site stays.
"""
from __future__ import annotations

import logging
import shutil
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2
from mkdocs.exceptions import Abort

from .languages import editor_language
from .messages import in_languages, languages
from .problems import DataError
from .yaml_reader import load_yaml

ERROR_PAGE = "404.html"  # what mkdocs serve answers for an address with no file
TEMPLATE = Path(__file__).resolve().parents[2] / "overrides" / "preview"


@dataclass
class Failure:
    """What went wrong in one build: the data's problems, or MkDocs' own messages."""

    problems: list[str] = field(default_factory=list)  # each problem as the terminal shows it
    heading: str | None = None  # the report's first line, for a DataError


def failure_of(error: BaseException, logged: list[str], root: Path) -> Failure:
    """The problems behind error: a DataError's own (it may hide behind MkDocs' PluginError and
    Abort, as their context), else what MkDocs logged during the build and the error itself."""
    seen = error
    while seen is not None:
        if isinstance(seen, DataError):
            langs = languages()  # the editor's language (both on GitHub)
            return Failure([in_languages(p.format, langs) for p in seen.problems], seen.report(langs).splitlines()[0])
        seen = seen.__context__
    # Abort only says that the build stopped: the messages logged above it say why.
    own = [] if isinstance(error, Abort) and logged else [_described(error, root)]
    return Failure(_joined(logged) + own)


def _joined(messages: list[str]) -> list[str]:
    """MkDocs logs "Error reading page 'x.md':" and the error itself apart: one problem."""
    joined: list[str] = []
    for message in messages:
        if joined and joined[-1].endswith(":"):
            joined[-1] += " " + message
        else:
            joined.append(message)
    return joined


def _described(error: BaseException, root: Path) -> str:
    """The error, with the file and line of the project's template it happened in, if any."""
    text = f"{type(error).__name__}: {getattr(error, 'message', None) or error}"
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        return f"{_relative(error.filename, root)}:{error.lineno}: {text}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".html")]
    return f"{_relative(frames[-1].filename, root)}:{frames[-1].lineno}: {text}" if frames else text


def _relative(filename: str, root: Path) -> str:
    path = Path(filename).resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else filename


def words(root: Path, lang: str) -> dict[str, str]:
    """The page's interface words (data/labels.yml, group preview_error), or none at all when the
    labels themselves cannot be read: the page must show even a broken labels file's problem."""
    try:
        group = load_yaml(root / "data" / "labels.yml", root).data["preview_error"]
        return {name: text[lang] for name, text in group.items()}
    except (DataError, KeyError, TypeError):
        return {}


def reload_script() -> str:
    """mkdocs serve's own live-reload script, waiting for a build newer than now: the one that
    failed began before now (this page is written at its end), the next one begins after."""
    from mkdocs import livereload  # its script and clock, private to MkDocs 1.6 (pinned)

    now = livereload._timestamp()
    return livereload._SCRIPT_TEMPLATE.substitute(epoch=now, request_id=now)


def error_page(failure: Failure, root: Path, lang: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.get_template("error.html").render(failure=failure, lang=lang, w=words(root, lang),
                                                   livereload=reload_script())


class _Collect(logging.Handler):
    """MkDocs' warnings and errors during one build: in strict mode, why it stopped."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def forgiving(build: Callable, finish: Callable[[str], str]) -> Callable:
    """build, but a failure writes the error page into the site folder instead of raising.
    finish: what every page gets at the end (valid markup, the Content-Security-Policy)."""
    def run(config, **kwargs):
        collect = _Collect()
        logging.getLogger("mkdocs").addHandler(collect)
        try:
            build(config, **kwargs)
        except Exception as error:  # noqa: BLE001 (any failure: the editor sees it, the server goes on)
            root = Path(config.config_file_path).parent.resolve()
            failure = failure_of(error, collect.messages, root)
            for message in failure.problems:  # the terminal shows what MkDocs did not log itself
                if not any(message in logged for logged in collect.messages):
                    logging.getLogger("mkdocs").error(message)
            site_dir = Path(config.site_dir)
            _empty(site_dir)
            page = error_page(failure, root, editor_language())
            (site_dir / ERROR_PAGE).write_text(finish(page), encoding="utf-8")
        finally:
            logging.getLogger("mkdocs").removeHandler(collect)
    run.forgiving = True
    return run


def _empty(folder: Path) -> None:
    """The folder emptied (the last site's pages would hide the problems), kept itself."""
    folder.mkdir(parents=True, exist_ok=True)
    for child in folder.iterdir():
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()


def keep_serving(finish: Callable[[str], str]) -> None:
    """Wrap the build that mkdocs serve runs (at start and after each change), once per process."""
    from mkdocs.commands import serve

    if not getattr(serve.build, "forgiving", False):
        serve.build = forgiving(serve.build, finish)

