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


def split_by_language(site: Path, languages: tuple[str, ...], offline: bool) -> None:
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    others = tuple(languages[1:])
    for lang in (None, *others):
        docs = [dict(doc) for doc in index["docs"] if _language_of(doc["location"], others) == lang]
        if lang:
            for doc in docs:
                doc["location"] = doc["location"][len(lang) + 1:]
        folder = site / "search" if lang is None else site / lang / "search"
        _write(folder, {**index, "docs": docs}, offline)
