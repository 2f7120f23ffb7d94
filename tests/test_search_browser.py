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
