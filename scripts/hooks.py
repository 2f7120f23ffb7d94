"""MkDocs hooks: data in, pages out. In the order MkDocs calls them:

- on_startup: under `mkdocs serve`, a failed build shows its problems in the
  browser and reloads itself once they are fixed (preview.py);
- on_config: load and check data/ (and, for the internal edition only, the
  private folder scripts/build.py names in extra.private_dir), write the files
  made from it into docs/ (generate.py), and make the renderer;
- on_nav: the headings' "Permanent link" tooltip in the language being built;
- on_env: the interface words of data/labels.yml, for the theme's templates
  (the footer, the 404 page), and the site's pages, for the 404 page;
- on_page_markdown: render the page's Markdown as a Jinja template in its language,
  and say when its content last changed (page_dates.py);
- on_page_context: language links to the same page in the other language,
  relative, so they work from file:// and from any sub-path; what the <head>
  tells search engines and social sites (metadata.py, for overrides/main.html);
- on_post_page, on_post_template: Material's invalid markup mended, a
  Content-Security-Policy on every page; the pages of other languages than the
  default point at their own search index;
- on_post_build: the search index split into one per language, the site's
  addition to Material's search worker (stemming that works), the documents
  that public resources name and the printed documents copied into the site, and Material's script kept
  from fetching a sitemap.xml beside each alternate link (material_script.py).

mkdocs-static-i18n builds each other language inside the default language's
on_post_build, calling every hook again; its `building` flag is set then.
What is done once per site (loading, splitting, copying) is done only when
that flag is not set: for scripts/build.py, `mkdocs build` and each rebuild
of `mkdocs serve` alike.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitedata.csp import add_csp
from sitedata.dates import build_date
from sitedata.generate import LIST_PAGES, PAGES, copy_published_documents, write_generated
from sitedata.languages import CODES, DEFAULT
from sitedata.load import load_site_data
from sitedata.page_dates import PageDates
from sitedata.preview import keep_serving
from sitedata.material_script import MaterialChanged, no_sitemap_fetch
from sitedata.messages import in_languages, languages, say
from sitedata.metadata import head
from sitedata.problems import DataError
from sitedata.render import Renderer
from sitedata.search_index import extend_worker, rebase, split_by_language
from sitedata.valid_html import valid_html

_state: dict = {}


def _inner_build(config) -> bool:
    """True while mkdocs-static-i18n builds another language inside the default language's build."""
    return config.plugins["i18n"].building


def _offline(config) -> bool:
    return config.plugins["material/offline"].config.enabled


def printed_files(folder: str | None) -> dict[str, Path]:
    """The printed documents scripts/build.py made for this build, by name (none under
    `mkdocs serve` and `build.py --no-bundle`: the pages then leave their links out)."""
    return {p.name: p for p in sorted(Path(folder).iterdir())} if folder else {}


def _say(key: str, **params) -> str:
    """A message of data/messages.yml in the editor's language(s)."""
    return in_languages(lambda lang: say(key, lang, **params), languages())


def _csp(html: str, config) -> str:
    return add_csp(valid_html(html), _offline(config), preview=_state.get("preview", False))


def on_startup(command, dirty):
    # `mkdocs serve` would hold the browser's request for as long as the build fails.
    if command == "serve":
        _state["preview"] = True
        keep_serving(lambda page: add_csp(valid_html(page), offline=False))


def on_config(config):
    if _inner_build(config):
        return config
    root, today = Path(config.config_file_path).parent, build_date()
    # The private folder only when scripts/build.py --internal names it (never from the
    # environment: `mkdocs serve` and the public build must not read it).
    private = config.extra.get("private_dir") or None
    try:
        site = load_site_data(root, private=Path(private) if private else None)
    except DataError as err:
        raise PluginError(err.report()) from None
    write_generated(site, root / "docs", today)
    printed = printed_files(config.extra.get("printed_dir"))
    _state.update(site=site, i18n=config.plugins["i18n"], dates=PageDates(root, today), printed=printed,
                  renderer=Renderer(site, root / "overrides" / "macros", today, printed))
    return config


def on_nav(nav, config, files):
    # The tooltip of each heading's anchor in the language being built: toc's permalink_title
    # is one value in mkdocs.yml. (Not in on_config: mkdocs-static-i18n sets the build's
    # language after it; pages are rendered right after on_nav.)
    lang = config.theme["language"]
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = _state["site"].word("permalink", lang)
    return nav


def not_found_index(files) -> dict:
    """For the 404 page, which finds the page an address names in another folder or form: the
    default language's pages written by hand (every other language has the same under its
    folder), and the folders of the pages made from data, where it asks for the name itself. A
    list of every page would grow with the site (100 KB at 100 times today's meetings)."""
    made = tuple(f"{folder}/" for folder in PAGES) + tuple(f"{folder}/" for folder in LIST_PAGES)
    pages = [f.dest_uri for f in files.documentation_pages() if f.dest_uri.endswith(".html")]
    return {"languages": list(CODES), "folders": sorted(PAGES),
            "pages": sorted(p for p in pages if not p.startswith(made) or p.endswith("/index.html"))}


def on_env(env, config, files):
    env.globals["labels"] = _state["site"].labels
    env.globals["site_pages"] = not_found_index(files)
    return env


def _language_and_path(page) -> tuple[str, str]:
    """The page's language and its path inside that language's folder."""
    lang = getattr(page.file, "locale", None) or DEFAULT
    src = page.file.src_uri
    prefix = f"{lang}/"
    return lang, src[len(prefix):] if src.startswith(prefix) else src


def on_page_markdown(markdown, page, config, files):
    lang, src = _language_and_path(page)
    source = f"docs/{lang}/{src}"
    renderer, record = _state["renderer"], page.meta.get("record")
    try:
        rendered = renderer.render_page(markdown, lang, src, source, record)
    except jinja2.TemplateSyntaxError as err:
        raise PluginError(_say("page_template_error", where=f"{err.filename or source}:{err.lineno}",
                               error=err.message)) from None
    except jinja2.UndefinedError as err:
        raise PluginError(_say("page_unknown_name", where=source, error=err)) from None
    except KeyError as err:
        raise PluginError(_say("page_unknown_id", where=source, error=err)) from None
    folder = src.split("/")[0]
    shown = (PAGES[folder][0], record) if record and folder in PAGES else None
    changed = _state["dates"].changed(source, shown, renderer.macro_files(markdown))
    return rendered + "\n\n" + renderer.last_changed(changed, lang) if changed else rendered


def on_page_context(context, page, config, nav):
    lang, _ = _language_and_path(page)
    here = page.file.dest_uri
    if lang != DEFAULT:
        here = here[len(lang) + 1:]
    names = {language.locale: language.name for language in config.plugins["i18n"].config.languages}
    context["page_alternates"] = [
        {"lang": other, "name": names[other], "current": other == lang,
         "link": here if other == DEFAULT else f"{other}/{here}"}
        for other in CODES
    ]
    context["head"] = head(_state["site"], config, lang, here, page.title, page.meta, _offline(config))
    return context


def on_post_page(output, page, config):
    lang, _ = _language_and_path(page)
    if lang != DEFAULT:  # its own search index (see on_post_build)
        output = rebase(output, lang, page.file.dest_uri)
    return _csp(output, config)


def on_post_template(output_content, template_name, config):
    if template_name == "404.html" and config.theme["language"] != DEFAULT:
        # Every language's build writes the site's one 404.html; keep the default
        # language's (MkDocs writes nothing for an empty result).
        return ""
    if template_name.endswith(".html"):
        return _csp(output_content, config)
    return output_content


@event_priority(-200)  # after mkdocs-static-i18n's own, which ends with the whole index written
def on_post_build(config):
    if _inner_build(config):
        return
    site_dir = Path(config.site_dir)
    docs = split_by_language(site_dir, CODES, _offline(config))
    extend_worker(site_dir, docs, Path(config.config_file_path).parent)
    copy_published_documents(_state["site"], site_dir, _state["printed"])
    try:
        no_sitemap_fetch(site_dir)
    except MaterialChanged as err:
        raise PluginError(str(err)) from None


def on_build_error(error):
    # A language built inside the build failed: mkdocs-static-i18n leaves its flag set,
    # and the next rebuild of `mkdocs serve` would take itself for an inner build.
    if "i18n" in _state:
        _state["i18n"].building = False
