"""MkDocs hooks: data in, pages out.

- on_config: load and check data/, then write the files made from data (pages
  of events, resources and countries; .ics and .vcf files): once per change of
  data/ (mkdocs-static-i18n runs the build once per language; scripts/build.py
  has done it before its builds).
- on_page_markdown: render the page's Markdown as a Jinja template in its language.
- on_page_context: language links that point to the same page in the other
  language, relative, so they work from file:// and from any sub-path.
- on_post_page, on_post_template: a Content-Security-Policy on every page;
  the pages of other languages than the default point at their own search index.
- on_post_build: the search index split into one per language.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitedata.calendar import build_date
from sitedata.languages import CODES as LANGUAGES
from sitedata.csp import add_csp
from sitedata.pages import copy_published_documents
from sitedata.prepare import prepare
from sitedata.problems import DataError
from sitedata.render import Renderer
from sitedata.search_index import rebase, split_by_language

DEFAULT_LANGUAGE = LANGUAGES[0]
_state: dict = {}


def on_config(config):
    root, today = Path(config.config_file_path).parent, build_date()
    try:
        # Done once per change of data/: scripts/build.py has done it before its builds,
        # which run in its process; `mkdocs serve` does it here.
        site = prepare(root, today)
    except DataError as err:
        raise PluginError(err.report()) from None
    if _state.get("site") is not site:
        _state.update(site=site, renderer=Renderer(site, root / "overrides" / "macros", today))
    return config


def _language_and_path(page) -> tuple[str, str]:
    """The page's language and its path inside that language's folder."""
    lang = getattr(page.file, "locale", None) or DEFAULT_LANGUAGE
    src = page.file.src_uri
    prefix = f"{lang}/"
    return lang, src[len(prefix):] if src.startswith(prefix) else src


def on_page_markdown(markdown, page, config, files):
    lang, src = _language_and_path(page)
    source = f"docs/{lang}/{src}"
    try:
        return _state["renderer"].render_page(markdown, lang, src, source, page.meta.get("record"))
    except jinja2.TemplateSyntaxError as err:
        raise PluginError(f"{err.filename or source}:{err.lineno}: template error: {err.message}. "
                          "Macro calls look like {{ priorities_list() }}.") from None
    except (jinja2.UndefinedError, KeyError) as err:
        raise PluginError(f"{source}: {err} — a macro or an id named on this page does not exist. "
                          "The macros are listed in overrides/macros/site.html.") from None


def on_page_context(context, page, config, nav):
    lang, _ = _language_and_path(page)
    here = page.file.dest_uri
    if lang != DEFAULT_LANGUAGE:
        here = here[len(lang) + 1:]
    names = {language.locale: language.name for language in config.plugins["i18n"].config.languages}
    context["page_alternates"] = [
        {"lang": other, "name": names[other], "current": other == lang,
         "link": here if other == DEFAULT_LANGUAGE else posixpath.join(other, here)}
        for other in LANGUAGES
    ]
    return context


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def on_post_page(output, page, config):
    lang, _ = _language_and_path(page)
    if lang != DEFAULT_LANGUAGE:  # its own search index (scripts/build.py splits the index)
        output = rebase(output, lang, page.file.dest_uri)
    return add_csp(output, _offline(config))


def on_post_template(output_content, template_name, config):
    if template_name == "404.html" and config.theme["language"] != DEFAULT_LANGUAGE:
        # Every language's build writes the site's one 404.html; keep the default
        # language's (MkDocs writes nothing for an empty result).
        return ""
    if template_name.endswith(".html"):
        return add_csp(output_content, _offline(config))
    return output_content



# mkdocs-static-i18n builds the other languages inside the default language's on_post_build
# event: each is a build within the build. Only the outermost one ends with the search index
# of every language (and, offline, the offline plugin's copy of it as a script).
def on_pre_build(config):
    _state["open_builds"] = _state.get("open_builds", 0) + 1


@event_priority(-200)  # after mkdocs-static-i18n's own, which ends with the whole index written
def on_post_build(config):
    _state["open_builds"] -= 1
    if _state["open_builds"] == 0:
        split_by_language(Path(config.site_dir), LANGUAGES, _offline(config))
        copy_published_documents(_state["site"], Path(config.site_dir))


def on_build_error(error):
    _state["open_builds"] = 0  # the next build (mkdocs serve) starts from the outside again
