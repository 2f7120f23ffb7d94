"""Rendering pages: each page's Markdown is a Jinja template that calls macros.

The macros live in overrides/macros/*.html and hold all markup; this module
gives them the public data (model.SiteData), the page's language, the
interface words (L), the lists they show (shaped by listings.py, once per
build or per language), and a few filters.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from . import events, listings
from .dates import PartialDate, format_partial
from .languages import CODES, DEFAULT
from .model import PRINTED, SiteData
from .plurals import plural

# The characters Python-Markdown lets a backslash escape (with the tables extension),
# escaped so that a title like "My life is *****" stays text.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def markdown_field(value) -> Markup:
    """A field declared Markdown: its syntax is kept, any HTML in it is shown as text.

    (checks.safe_markdown already refuses HTML and unsafe links in such fields.)
    """
    return Markup(str(escape(str(value))))


def to_markdown_text(value) -> Markup:
    """Text safe to place in Markdown: no HTML, no Markdown syntax.

    Only &, < and > become entities: quotes are plain text outside attributes, and
    an entity such as &#39; would have its # escaped below, which the table of
    contents then showed as "&#39;" (escaped twice) and slugified into the anchor.
    """
    # Markup (e.g. from join, which escapes in this environment) is taken back to its text first.
    text = value.unescape() if isinstance(value, Markup) else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(MARKDOWN_SPECIAL.sub(r"\\\1", text))


# The first letter of a text, after any leading space or tags.
FIRST_LETTER = re.compile(r"\A((?:\s|<[^>]*>)*)(\w)")


def capitalise_first(value):
    """The text with its first letter capitalised and the rest as it is, for the
    start of a table cell: "май 2007 г." -> "Май 2007 г." (Jinja's capitalize
    would lower-case the rest). Markup stays Markup."""
    text = FIRST_LETTER.sub(lambda m: m[1] + m[2].upper(), str(value), count=1)
    return Markup(text) if isinstance(value, Markup) else text


def format_name(path: Path, names: dict[str, str]) -> str:
    """A file's format as readers know it, in their language: names are the labels'
    file_formats (by extension, in small letters); others by their extension ("XLSX")."""
    extension = path.suffix.lower().lstrip(".")
    return names.get(extension, extension.upper())


def format_size(size: int, lang: str, units: dict[str, str]) -> str:
    """'12 KB', '1.4 MB' ('12 КБ', '1,4 МБ'): sizes as readers see them in their file manager.
    units: the words for bytes (with plural forms: "794 байта"), KB and MB in lang. A no-break
    space joins number and unit, so that a narrow screen does not leave "КБ" alone on a line."""
    if size < 1024:
        return f"{size}\u00a0{plural(size, units['bytes'], lang)}"
    number, unit = (size / 1024, units["KB"]) if size < 1024 * 1024 else (size / 1024 / 1024, units["MB"])
    text = f"{number:.0f}" if number >= 10 else f"{number:.1f}"
    return f"{text.replace('.', ',') if lang == 'ru' else text}\u00a0{unit}"


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
MACRO_CALL = re.compile(r"\{\{\s*(\w+)\(")
# The templates whose macros pages may call.
MACRO_FILES = ("common.html", "programme.html", "events.html", "resources.html", "network.html", "tools.html")


class Renderer:
    def __init__(self, site: SiteData, macros_dir: Path, today: dt.date, printed: dict[str, Path]):
        self.site = site
        self.printed = printed  # the printed documents of this build, by name (PRINTED)
        self.today = today  # the build date: which plans are still upcoming
        self.env = Environment(loader=FileSystemLoader(str(macros_dir)), **SYNTAX)
        self.env.filters["md"] = to_markdown_text
        self.env.filters["markdown"] = markdown_field
        self.env.filters["capfirst"] = capitalise_first
        self.lists = listings.for_build(site, today)
        # The macros of each language, made on its first page: their top level runs once,
        # and they depend on the page only through link() and asset(), which read self._page.
        self._contexts: dict[str, dict] = {}
        self._macros: dict[str, dict] = {}
        self._macro_file: dict[str, str] = {}  # macro name -> the file it is defined in
        # Compiled pages by their source: every record page of a collection has the same
        # Markdown (one macro call; the record is in its front matter), compiled once.
        self._templates: dict[str, object] = {}
        self._page = ""

    def render_page(self, markdown: str, lang: str, src_uri: str, source: str, record: str | None = None) -> str:
        """Render one page's Markdown for a language; src_uri is relative to the language folder.

        record: the id of the entry a page made from data shows (its front matter's `record`)."""
        self._page = src_uri
        if lang not in self._macros:
            context = self._contexts[lang] = self._context(lang)
            self._macros[lang] = {}
            for name in MACRO_FILES:
                module = self.env.get_template(name).make_module(context)
                macros = {n: getattr(module, n) for n in dir(module) if not n.startswith("_")}
                self._macros[lang].update(macros)
                self._macro_file.update(dict.fromkeys(macros, name))
        template = self._templates.get(markdown)
        if template is None:
            template = self.env.from_string(markdown)
            template.filename = source  # errors found when compiling name this page
            self._templates[markdown] = template
        return template.render(**self._contexts[lang], **self._macros[lang], record=record)

    def macro_files(self, markdown: str) -> set[str]:
        """The files of the macros a page's Markdown calls (after render_page of that language)."""
        return {self._macro_file[name] for name in MACRO_CALL.findall(markdown) if name in self._macro_file}

    def last_changed(self, date: dt.date, lang: str) -> str:
        """The line that says when a page's content last changed."""
        return str(self._macros[lang]["last_changed"](date.isoformat(), format_partial(
            PartialDate(date.year, date.month, date.day), lang)))

    def _context(self, lang: str) -> dict:
        words = self.site.words(lang)

        def t(text) -> str:
            """The text of a {en:, ru:} field in the page's language."""
            return text[lang]

        def link(target: str) -> str:
            """A link to another page (path of its .md file from the language root), from the page being rendered."""
            return get_relative_url(target, self._page)

        def asset(path: str) -> str:
            """A link to a file at the site's root (documents/...), which all languages share."""
            here = self._page if lang == DEFAULT else posixpath.join(lang, self._page)
            return get_relative_url(path, here)

        def file_facts(path: str) -> dict:
            """Format and size of a file in data/documents/, for the download link."""
            file = self.site.document_path(path)
            return {"format": format_name(file, words["file_formats"]),
                    "size": format_size(file.stat().st_size, lang, words["size_units"])}

        def printed(kind: str) -> dict[str, dict]:
            """The printed documents of a kind ("resource-pack", or a tool's id) that this build made,
            by language, for their download links: address, format and size."""
            made = {code: self.printed.get(PRINTED.format(kind=kind, lang=code)) for code in CODES}
            return {code: {"href": asset("documents/" + path.name), "format": format_name(path, words["file_formats"]),
                           "size": format_size(path.stat().st_size, lang, words["size_units"])}
                    for code, path in made.items() if path}

        def event_date(event: dict, unknown: str = words["not_recorded"]) -> Markup:
            """Its date, each day or month in a <time datetime>. unknown: what to say of an event
            with no date and no plan (lists of events say more)."""
            return events.date_html(event, lang, words, unknown, self.today)

        def source_of(record: dict) -> dict:
            """The source a record names: its title, and the date its facts hold as of, in lang."""
            source = self.site.by_id("sources")[record["source"]]
            return {"title": source["title"][lang], "date": format_partial(PartialDate.parse(source["date"]), lang),
                    "description": source["description"][lang] if "description" in source else ""}

        countries = self.site.by_id("countries")
        return {"source_of": source_of, "lang": lang, "L": words, "t": t, "link": link, "event_date": event_date, "data": self.site,
                "asset": asset, "file_facts": file_facts, "printed": printed,
                "place_of": lambda event: events.place(event, lang, countries),
                "languages_of": listings.languages_of,
                **self.lists, **listings.for_language(self.site, lang, words)}
