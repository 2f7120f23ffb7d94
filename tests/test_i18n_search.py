"""scripts/i18n_search.py drops the same search entries as mkdocs-static-i18n's own check, only faster,
for entries as the search plugin makes them: each location once per language."""
from __future__ import annotations

import copy
import random
import sys

from mkdocs_static_i18n.reconfigure import ExtendedPlugin

from conftest import PROJECT

ORIGINAL = ExtendedPlugin.reconfigure_search_duplicates  # taken before the hook replaces it
sys.path.insert(0, str(PROJECT / "scripts"))
import i18n_search  # noqa: E402


class Plugin:
    build_languages = ["en", "ru"]


def entries(count: int, seed: int) -> list[dict]:
    """The search entries of count pages (with a section each) in both languages; about a
    third of the Russian ones repeat the English (a page not translated yet)."""
    rng = random.Random(seed)
    english, russian = [], []
    for n in range(count):
        for location in (f"events/e{n}.html", f"events/e{n}.html#outcomes"):
            entry = {"location": location, "title": f"Event {n}", "text": f"Held in {n}"}
            english.append(entry)
            same = rng.random() < 0.3
            russian.append({"location": f"ru/{location}", "title": entry["title"] if same else f"Событие {n}",
                            "text": entry["text"] if same else f"Проведено: {n}"})
    return english + russian
def test_the_hook_replaces_the_plugins_check_in_the_pinned_version():
    assert ExtendedPlugin.reconfigure_search_duplicates is i18n_search.drop_search_duplicates


def test_it_drops_what_the_plugin_drops():
    for seed in range(20):
        theirs, ours = entries(40, seed), entries(40, seed)
        before = copy.deepcopy(theirs)
        ORIGINAL(Plugin(), theirs)
        i18n_search.drop_search_duplicates(Plugin(), ours)
        assert ours == theirs
        assert len(ours) < len(before)  # there was something to drop
