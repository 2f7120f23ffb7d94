"""One search index per language, so that a search lists the pages of the reader's language.

mkdocs-static-i18n writes a single index with every language (its issue
#271), and Material finds the index from each page's configured `base`: the
site's root. rebase() points the `base` of a language's pages at that
language's folder (hooks.py, as each page is written); after the build,
split_by_language() writes each language's own index there (ru/search/...).
Material then loads, online (search_index.json) and from file://
(search_index.js, written by the offline plugin), only the index of the
page's language. The default language keeps the root.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.utils import get_relative_url

from sitedata.search_words import russian_aliases

# Material removes from lunr's pipeline the functions not named here: no trimmer,
# which keeps only [A-Za-z0-9_] (lunr's) or only Cyrillic (lunr.ru's) at a word's
# ends; search_worker.js trims punctuation of every script instead.
PIPELINE = ["stemmer", "stopWordFilter"]
WORKER_EXTENSION = Path(__file__).with_name("search_worker.js")
MARK = "\n/* The site's search: scripts/sitedata/search_worker.js */\n"

BASE = '"base": "'  # in Material's configuration of the page, at its end


def _language_of(location: str, others: tuple[str, ...]) -> str | None:
    return next((lang for lang in others if location.startswith(f"{lang}/")), None)


def _write(folder: Path, index: dict, offline: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (folder / "search_index.json").write_text(text, encoding="utf-8")
    if offline:  # what Material's offline plugin writes: the index as a script
        (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")


def rebase(html: str, lang: str, dest_uri: str) -> str:
    """A page of lang (dest_uri: its path in the site) with lang's folder as its base."""
    at = html.rfind(BASE)
    if at < 0:
        return html
    start = at + len(BASE)
    end = html.index('"', start)
    return html[:start] + get_relative_url(lang, dest_uri) + html[end:]


def split_by_language(site: Path, languages: tuple[str, ...], offline: bool) -> dict[str, list[dict]]:
    """Each language's index in its folder; returns each language's documents."""
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    others = tuple(languages[1:])
    by_language = {}
    for lang in (None, *others):
        docs = [dict(doc) for doc in index["docs"] if _language_of(doc["location"], others) == lang]
        if lang:
            for doc in docs:
                doc["location"] = doc["location"][len(lang) + 1:]
        folder = site / "search" if lang is None else site / lang / "search"
        config = {**index["config"], "lang": [lang or languages[0]], "pipeline": PIPELINE}
        _write(folder, {**index, "config": config, "docs": docs}, offline)
        by_language[lang or languages[0]] = docs
    return by_language


def worker_extension(aliases: dict[str, dict[str, str]]) -> str:
    """search_worker.js with the alias tables in place."""
    table = json.dumps(aliases, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return WORKER_EXTENSION.read_text(encoding="utf-8").replace("__SITE_SEARCH_ALIASES__", table)


def extend_worker(site: Path, docs: dict[str, list[dict]], root: Path) -> None:
    """Append the site's addition to Material's search worker in site/ (the
    Russian alias table made from the Russian documents, with root/.cache)."""
    aliases = {"ru": russian_aliases(docs["ru"], root)} if "ru" in docs else {}
    for worker in (site / "assets" / "javascripts" / "workers").glob("search.*.min.js"):
        code = worker.read_text(encoding="utf-8").split(MARK)[0]  # once, on a rebuild too
        worker.write_text(code + MARK + worker_extension(aliases), encoding="utf-8")
