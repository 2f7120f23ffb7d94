"""Rendering pages: each page's Markdown is a Jinja template that calls macros.

The macros live in overrides/macros/*.html and hold all markup; this module
only gives them the data, the page's language and a few filters.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import calendar
from .languages import CODES as LANGUAGES
from .model import SiteData
from .dates import PartialDate, format_partial, format_span
from .paths import relative

# The characters Python-Markdown lets a backslash escape (with the tables extension),
# escaped so that a title like "My life is *****" stays text.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def markdown_field(value) -> Markup:
    """A field declared Markdown: its syntax is kept, any HTML in it is shown as text.

    (checks.safe_markdown already refuses HTML and unsafe links in such fields.)
    """
    return Markup(str(escape(str(value))))


def to_markdown_text(value) -> Markup:
    """Text safe to place in Markdown: no HTML, no Markdown syntax."""
    return Markup(MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(str(value)))))


DEFAULT_LANGUAGE = LANGUAGES[0]
FORMATS = {".pdf": "PDF", ".md": "Markdown", ".txt": "TXT", ".doc": "Word", ".docx": "Word",
           ".odt": "OpenDocument", ".rtf": "RTF", ".html": "HTML", ".zip": "ZIP"}


def format_size(size: int, lang: str) -> str:
    """'12 KB', '1.4 MB' ('12 КБ', '1,4 МБ'): sizes as readers see them in their file manager."""
    units = {"en": ("bytes", "KB", "MB"), "ru": ("байт", "КБ", "МБ")}[lang]
    if size < 1024:
        return f"{size} {units[0]}"
    number, unit = (size / 1024, units[1]) if size < 1024 * 1024 else (size / 1024 / 1024, units[2])
    text = f"{number:.0f}" if number >= 10 else f"{number:.1f}"
    return f"{text.replace('.', ',') if lang == 'ru' else text} {unit}"


SYNTAX = {
    "autoescape": True,
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # "{#" starts Markdown attribute lists ("## Title {#id}"); keep it free.
    "comment_start_string": "{##",
    "comment_end_string": "##}",
    "extensions": ["jinja2.ext.do"],
}


def _compiled_macros(folder: Path) -> FileSystemBytecodeCache:
    """The macros compiled once and kept in .cache/jinja/: compiling them took a tenth of a
    second at every build. Jinja compiles a changed template anew; the file names hold the
    settings and Jinja's version, which change what a template compiles to."""
    folder.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(f"{jinja2.__version__} {sorted(SYNTAX.items(), key=str)}".encode()).hexdigest()[:16]
    return FileSystemBytecodeCache(str(folder), f"{key}-%s.cache")


# The templates whose macros pages may call (labels.html only holds words).
MACRO_FILES = ("site.html", "tools.html")


class Renderer:
    def __init__(self, site: SiteData, macros_dir: Path, today: dt.date):
        self.today = today  # the build date: decides which events are upcoming
        self.site = site
        self.env = Environment(loader=FileSystemLoader(str(macros_dir)), **SYNTAX,
                               bytecode_cache=_compiled_macros(site.root / ".cache" / "jinja"))
        self.env.filters["md"] = to_markdown_text
        self.env.filters["markdown"] = markdown_field
        self.env.globals["data"] = self.site
        # Made once per language, not once per page: see render_page.
        self._contexts: dict[str, dict] = {}
        self._macros: dict[str, dict] = {}
        # Compiled pages by their source: a record page's Markdown is the same in
        # both languages (one macro call), so each is compiled once, not twice.
        self._templates: dict[str, object] = {}
        self._page = ""  # the page being rendered, for link()
        self._event_lists = {
            "upcoming": self._once(lambda events: calendar.upcoming(events, today)),
            "past_by_year": self._once(lambda events: calendar.past_by_year(events, today)),
            "past_pages": self._once(lambda events: calendar.past_pages(events, today)),
            "meeting_pages": self._once(calendar.meeting_pages),
            "events_by_country": self._once(calendar.by_country),
            # what the calendar's filters offer
            "types_of": self._once(lambda events: {e["type"] for e in events}),
            "countries_of": self._once(lambda events: {e["country"] for e in events if "country" in e})}

    def render_page(self, markdown: str, lang: str, src_uri: str, source: str, record: str | None = None) -> str:
        """Render one page's Markdown for a language; src_uri is relative to the language folder.

        record: the id of the entry a page made from data shows (its front matter's `record`)."""
        # Running site.html's top level (and labels.html's) for every page was a tenth of the
        # rendering time; the macros depend on the page only through link(), which reads this.
        self._page = src_uri
        if lang not in self._macros:
            context = self._contexts[lang] = self._context(lang)
            self._macros[lang] = {}
            for name in MACRO_FILES:
                module = self.env.get_template(name).make_module(context)
                self._macros[lang].update({n: getattr(module, n) for n in dir(module) if not n.startswith("_")})
        template = self._templates.get(markdown)
        if template is None:
            template = self.env.from_string(markdown)
            template.filename = source  # errors found when compiling name this page
            self._templates[markdown] = template
        return template.render(**self._contexts[lang], **self._macros[lang], record=record)

    def _context(self, lang: str) -> dict:
        def t(text) -> str:
            """The text of a {en:, ru:} field in the page's language."""
            return text[lang]

        def link(target: str) -> str:
            """A link to another page (path of its .md file from the language root), from the page being rendered."""
            return relative(target, posixpath.dirname(self._page))

        def asset(path: str) -> str:
            """A link to a file at the site's root (documents/...), which all languages share."""
            here = posixpath.dirname(self._page)
            if lang != DEFAULT_LANGUAGE:
                here = posixpath.join(lang, here)
            return relative(path, here)

        def file_facts(path: str) -> dict:
            """Format and size of a file in data/documents/, for the download link."""
            file = self.site.root / "data" / "documents" / path
            return {"format": FORMATS.get(file.suffix.lower(), file.suffix.lstrip(".").upper()),
                    "size": format_size(file.stat().st_size, lang)}

        def when(entry: dict) -> str:
            if "date" not in entry:
                return ""
            end = PartialDate.parse(entry["end"]) if "end" in entry else None
            return format_span(PartialDate.parse(entry["date"]), end, lang)

        countries = self.site.by_id("countries")
        return {"lang": lang, "t": t, "link": link, "when": when, "data": self.site, "asset": asset,
                "file_facts": file_facts,
                "format_date": lambda text: format_partial(PartialDate.parse(text), lang),
                "place_of": lambda event: calendar.place(event, lang, countries),
                # (code, name) of the countries named, by name: the options of a country filter
                "country_options": lambda codes: sorted({(c, countries[c]["name"][lang]) for c in codes},
                                                        key=lambda pair: pair[1]),
                "latest_first": calendar.latest_first, **self._event_lists}

    @staticmethod
    def _once(sort):
        """sort(events), computed once per list of events for every page and both languages:
        each page of the calendar and of the expert meetings asks for the whole list sorted
        (or for what its filters offer).
        (The lists are the data's own, which do not change while the renderer lives.)"""
        results: dict[int, tuple[list, object]] = {}

        def cached(events: list):
            if id(events) not in results:
                results[id(events)] = (events, sort(events))  # the list is kept, so its id stays its own
            return results[id(events)][1]
        return cached
