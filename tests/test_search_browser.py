"""Search in a real browser, on the web site served over HTTP from this machine."""
from __future__ import annotations


def _search(browser, url, query):
    page = browser.new_page()
    outside = []
    origin = "/".join(url.split("/", 3)[:3])
    page.on("request", lambda r: None if r.url.startswith(origin) else outside.append(r.url))
    page.goto(url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill("")
    page.keyboard.type(query)
    page.keyboard.press("End")  # Material searches on keyup; typing Cyrillic fires none
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.pathname)")
    page.close()
    return hrefs, outside


def test_search_finds_english_and_russian_pages(browser, served_site):
    hrefs, outside = _search(browser, f"{served_site}/priorities.html", "Yaroslavl")
    assert "/events/yaroslavl-2005.html" in hrefs, hrefs
    hrefs, more = _search(browser, f"{served_site}/ru/priorities.html", "Ярославль")
    assert "/ru/events/yaroslavl-2005.html" in hrefs, hrefs
    assert outside + more == []


def test_a_search_lists_only_the_pages_of_the_readers_language(browser, served_site):
    # "WGCC" stands on pages of both languages.
    for start, inside in (("priorities.html", lambda h: not h.startswith("/ru/")),
                          ("ru/priorities.html", lambda h: h.startswith("/ru/"))):
        hrefs, outside = _search(browser, f"{served_site}/{start}", "WGCC")
        assert len(hrefs) >= 3 and all(inside(h) for h in hrefs), hrefs
        assert outside == []


# Issue 13: search that understands Russian (and keeps English stemming).

import pytest  # noqa: E402

from search_cases import (ENGLISH_PAIRS, ISSUE_WORDS, NOTHING, RUSSIAN_PAIRS, SearchBox,  # noqa: E402
                          differences)


@pytest.fixture
def tab(browser):
    page = browser.new_page()
    yield page
    page.close()


def test_every_form_of_a_russian_word_finds_the_pages_of_its_base_form(tab, served_site):
    assert len(RUSSIAN_PAIRS) >= 25
    assert differences(SearchBox(tab, f"{served_site}/ru/priorities.html"), RUSSIAN_PAIRS) == []


def test_english_keeps_its_stemming(tab, served_site):
    assert len(ENGLISH_PAIRS) >= 10
    assert differences(SearchBox(tab, f"{served_site}/priorities.html"), ENGLISH_PAIRS) == []


@pytest.mark.parametrize("word, base", ISSUE_WORDS)
def test_the_words_of_the_issue_typed_find_what_their_base_form_finds(tab, served_site, word, base):
    box = SearchBox(tab, f"{served_site}/ru/priorities.html")
    count, pages = box.search(base)
    assert pages and all("/ru/" in p for p in pages), pages
    box.clear()  # and now typed by a reader, letter by letter:
    tab.keyboard.type(word)
    tab.keyboard.press("End")  # typed Cyrillic fires no keyup
    tab.wait_for_function("t => document.querySelector('.md-search-result__meta').innerText === t", arg=count)
    assert tab.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href.split('?')[0])") == pages


@pytest.mark.parametrize("start, lang", [("priorities.html", "en"), ("ru/priorities.html", "ru")])
def test_a_search_that_finds_nothing_says_so_in_the_pages_language(tab, served_site, start, lang):
    box = SearchBox(tab, f"{served_site}/{start}")
    assert box.search("qzxjv") == (NOTHING[lang], [])
    assert box.search("ъщъщ ёж-ёж!") == (NOTHING[lang], [])


@pytest.mark.parametrize("query, stem", [("ребенок", "ребен"), ("торговля", "торгов"), ("meetings", "meet")])
def test_the_page_opened_marks_every_form_of_the_words_found(tab, served_site, query, stem):
    """Whole words, ё as е (overrides/assets/javascripts/search-highlight.js)."""
    start = "priorities.html" if query.isascii() else "ru/priorities.html"
    SearchBox(tab, f"{served_site}/{start}").search(query)
    with tab.expect_navigation():
        tab.locator("a.md-search-result__link").first.click()
    tab.locator("article mark").first.wait_for()
    marked = [m.lower().replace("ё", "е") for m in tab.locator("article mark").all_inner_texts()]
    assert marked and all(m.startswith(stem) for m in marked), marked
    assert any(len(m) > len(stem) for m in marked), marked  # the whole word, not the stem
    assert "h=" not in tab.url  # the address of the page, without the words searched
