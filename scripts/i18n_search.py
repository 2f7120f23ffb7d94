"""A faster duplicate check for mkdocs-static-i18n's search index (its version 1.3.1).

After each language is built, the plugin drops from the search index any entry
of another language that repeats an entry of the default language (same title,
same text, same path under the language's folder). It compares every entry with
every other one: a tenth of a second at ten times today's pages, but about ten
seconds at a hundred times, and growing with the square of the site. This does
the same with a lookup table. (One difference: when two pages of a language
repeat the same default-language entry, the plugin keeps the second, as it
removes from the list it is going through; this drops both.)

It is a hook of its own, not part of hooks.py: it mends the platform, not our
data layer, and the benchmark's baseline (bare MkDocs + Material) keeps it.
"""
from __future__ import annotations

from importlib.metadata import version

from mkdocs_static_i18n.reconfigure import ExtendedPlugin

MENDED = "1.3.1"  # a later version may have mended it itself, or changed what it does


def drop_search_duplicates(plugin: ExtendedPlugin, entries: list[dict]) -> None:
    prefixes = tuple(f"{lang}/" for lang in plugin.build_languages)
    translated: dict[tuple, list[dict]] = {}
    for entry in entries:
        if entry["location"].startswith(prefixes):
            translated.setdefault((entry["title"], entry["text"]), []).append(entry)
    duplicates = set()
    for entry in entries:
        if not entry["location"].startswith(prefixes):
            duplicates.update(id(other) for other in translated.get((entry["title"], entry["text"]), ())
                              if other["location"].endswith(entry["location"]))
    entries[:] = [entry for entry in entries if id(entry) not in duplicates]


if version("mkdocs-static-i18n") == MENDED:
    ExtendedPlugin.reconfigure_search_duplicates = drop_search_duplicates
