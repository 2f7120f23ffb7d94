"""The build's side of the search (scripts/sitedata/search_words.py and
search_index.py): normalising, the alias table, what the indexes and the
worker get; and that the browser's Snowball (lunr.ru) stems as Python's."""
from __future__ import annotations

import json
import re

import snowballstemmer

from sitedata.search_words import CACHE, aliases, normalise, russian_aliases, russian_words


def test_normalise_folds_case_yo_stress_and_soft_hyphen():
    assert normalise("Ребёнка") == "ребенка"
    assert normalise("де\u0301ти") == "дети"
    assert normalise("торгов\u00adли") == "торговли"


def test_russian_words_of_documents_leave_markup_and_latin_out():
    docs = [{"title": "Торговля <code>людьми</code>", "text": "<p>WGCC &amp; ребёнок, (Таллин).</p>"}]
    assert russian_words(docs) == {"торговля", "людьми", "ребенок", "таллин"}


def test_aliases_join_the_stems_of_a_word_that_differ_near_their_end():
    # «ребёнок», «ребёнка»; «дети», «детьми» (pymorphy3 lists both as forms of «ребёнок»).
    table = aliases([["ребенок", "ребенк", "дет", "детьм"]], seen={"дет"})
    assert table == {"ребенок": "ребен", "ребенк": "ребен", "детьм": "дет"}
    # Two different roots of one lemma stay apart, and so do stems whose shared start is short.
    assert aliases([["хорош", "лучш"], ["выбер", "выбра"]]) == {}
    # A three-letter stem only when found on the site.
    assert aliases([["дет", "детьм"]]) == {}
    # «Киев»: Snowball takes «ев» for an ending («ки»); the short stem joins the longer.
    assert aliases([["ки", "киев"]]) == {"ки": "киев"}


def test_a_stem_that_two_words_would_send_apart_is_left_alone():
    assert aliases([["торгов", "торговл"], ["торг", "торговл"]]) == {}
    assert aliases([["торгов", "торговл"], ["торговл"]]) == {"торговл": "торгов"}


def test_russian_aliases_from_pymorphy3_cached_for_the_next_build(tmp_path):
    docs = [{"title": "Ребёнок", "text": "Ребёнка нашли в Таллине; торговля людьми"}]
    table = russian_aliases(docs, tmp_path)
    assert table["ребенок"] == table["ребенк"] == "ребен"
    cache = json.loads((tmp_path / CACHE).read_text(encoding="utf-8"))
    assert set(cache) == {"ребенок", "ребенка", "нашли", "в", "таллине", "торговля", "людьми"}
    assert cache["ребенок"][0] == "ребенок" and "ребенк" in cache["ребенок"]  # its own stem first
    # The next build takes the stems from the cache.
    (tmp_path / CACHE).write_text(json.dumps({**cache, "ребенок": ["ребенок", "ребенкус"]}), encoding="utf-8")
    assert russian_aliases(docs, tmp_path)["ребенкус"] == "ребен"


def test_each_index_names_its_language_and_the_stemmer(site):
    for folder, lang in (("", "en"), ("ru/", "ru")):
        config = json.loads((site / f"{folder}search/search_index.json").read_text(encoding="utf-8"))["config"]
        assert config["lang"] == [lang] and "stemmer" in config["pipeline"], config


def test_the_worker_carries_the_sites_addition_once(site):
    workers = list((site / "assets/javascripts/workers").glob("search.*.min.js"))
    assert len(workers) == 1
    code = workers[0].read_text(encoding="utf-8")
    assert code.count("lunr.Query.prototype.clause =") == 1
    table = json.loads(re.search(r"var ALIASES = (\{.*\})\n", code).group(1))
    assert table["ru"]["ребенок"] == "ребен"


def test_the_browsers_snowball_stems_the_sites_words_as_pythons(site, served_site, browser):
    """The alias table is made with Python's Snowball; the browser stems with lunr.ru's."""
    docs = json.loads((site / "ru/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    words = sorted(russian_words(docs))
    assert len(words) > 500
    page = browser.new_page()
    page.goto(f"{served_site}/ru/index.html")
    worker = next((site / "assets/javascripts/workers").glob("search.*.min.js")).name
    # Material's worker as a page script: it exposes lunr; then lunr-languages' Russian.
    for script in (f"workers/{worker}", "lunr/min/lunr.stemmer.support.min.js", "lunr/min/lunr.ru.min.js"):
        page.add_script_tag(url=f"{served_site}/assets/javascripts/{script}")
    stems = page.evaluate("words => words.map(w => lunr.ru.stemmer(new lunr.Token(w)).toString())", words)
    page.close()
    python = snowballstemmer.stemmer("russian").stemWords(words)
    assert [(w, a, b) for w, a, b in zip(words, stems, python) if a != b] == []
