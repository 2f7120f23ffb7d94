"""Rendering pages: each page's Markdown is a Jinja template that calls macros.

The macros live in overrides/macros/*.html and hold all markup; this module
only gives them the data, the page's language and a few filters.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .collections import SiteData
from .dates import PartialDate, format_partial, format_span

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


class Renderer:
    def __init__(self, site: SiteData, macros_dir: Path):
        self.site = site
        self.env = Environment(
            loader=FileSystemLoader(str(macros_dir)),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # "{#" starts Markdown attribute lists ("## Title {#id}"); keep it free.
            comment_start_string="{##",
            comment_end_string="##}",
            extensions=["jinja2.ext.do"],
        )
        self.env.filters["md"] = to_markdown_text
        self.env.filters["markdown"] = markdown_field
        self.env.globals["data"] = site

    def render_page(self, markdown: str, lang: str, src_uri: str, source: str) -> str:
        """Render one page's Markdown for a language; src_uri is relative to the language folder."""
        context = self._context(lang, src_uri)
        macros = self.env.get_template("site.html").make_module(context)
        names = {name: getattr(macros, name) for name in dir(macros) if not name.startswith("_")}
        template = self.env.from_string(markdown)
        template.filename = source
        return template.render(**context, **names)

    def _context(self, lang: str, src_uri: str) -> dict:
        def t(text) -> str:
            """The text of a {en:, ru:} field in the page's language."""
            return text[lang]

        def link(target: str) -> str:
            """A link to another page (path of its .md file from the language root)."""
            return posixpath.relpath(target, posixpath.dirname(src_uri) or ".")

        def when(entry: dict) -> str:
            if "date" not in entry:
                return ""
            end = PartialDate.parse(entry["end"]) if "end" in entry else None
            return format_span(PartialDate.parse(entry["date"]), end, lang)

        return {"lang": lang, "t": t, "link": link, "when": when, "data": self.site,
                "format_date": lambda text: format_partial(PartialDate.parse(text), lang)}
