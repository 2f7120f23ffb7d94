"""One search index per language, so that a search lists the pages of the reader's language.

mkdocs-static-i18n writes a single index with every language (its issue
#271), and Material finds the index from each page's configured `base`: the
site's root. After a build, split_by_language() writes each language's own
index under that language's folder (ru/search/...) and points the `base` of
the language's pages there. Material then loads, online (search_index.json)
and from file:// (search_index.js, written by the offline plugin), only the
index of the page's language. The default language keeps the root.
"""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

BASE = re.compile(r'("base": )"([^"]*)"')


def _language_of(location: str, others: tuple[str, ...]) -> str | None:
    return next((lang for lang in others if location.startswith(f"{lang}/")), None)


def _write(folder: Path, index: dict, offline: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (folder / "search_index.json").write_text(text, encoding="utf-8")
    if offline:  # what Material's offline plugin writes: the index as a script
        (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")


def _rebase_pages(site: Path, lang: str) -> None:
    """Point the pages of lang at lang's folder as their base."""
    for page in (site / lang).rglob("*.html"):
        rel_dir = posixpath.dirname(page.relative_to(site).as_posix())
        base = posixpath.relpath(lang, rel_dir)
        html = page.read_text(encoding="utf-8")
        page.write_text(BASE.sub(lambda m: f'{m.group(1)}"{base}"', html, count=1), encoding="utf-8")


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
    for lang in others:
        _rebase_pages(site, lang)
