"""The unpacked offline bundle in a real browser (Debian's chromium driven by
Playwright), from file:// with every other request aborted: any attempt to
reach the network fails the test, and so does any file of the bundle that
the browser asked for and did not find."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page
from search_cases import ENGLISH_PAIRS, ISSUE_WORDS, RUSSIAN_PAIRS, SearchBox, differences

# No request may fail, Material's for sitemap.xml included: the bundle has no
# hreflang links for it to follow (scripts/sitedata/metadata.py), and its script
# follows none anyway (scripts/sitedata/material_script.py).
PRIMARY = "rgb(27, 79, 114)"  # --md-primary-fg-color in overrides/assets/stylesheets/site.css


def open_context(browser, **options):
    """A browser context whose requests other than file:// are aborted and
    recorded; check_requests() then fails the test if there were any, or if a
    file:// request failed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block",
                                   **options)
    network, failed = [], []

    # Every request is seen (and recorded) by the listener; the route aborts
    # those that would leave the machine.
    context.on("request", lambda r: None if r.url.startswith(("file://", "data:", "about:"))
               else network.append(r.url))
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else route.abort())
    # A request cut short by leaving the page (net::ERR_ABORTED) is not a missing file.
    context.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})")
               if r.url.startswith("file://") and "ERR_ABORTED" not in (r.failure or "") else None)
    context.set_default_timeout(15_000)

    def check_requests():
        context.close()
        assert network == [], f"requests to the network: {network}"
        assert failed == [], f"files of the bundle not found: {failed}"
    return context, check_requests


@pytest.fixture
def page(browser):
    context, check_requests = open_context(browser)
    yield context.new_page()
    check_requests()


def url_of(root: Path, rel: str) -> str:
    return (root / rel).as_uri()


def assert_rendered(page: Page, lang: str) -> None:
    """Styles, icons and scripts of Material and of the site are in force."""
    assert page.evaluate("document.documentElement.lang") == lang
    # Material's script ran (it swaps the no-js class for js) ...
    assert page.evaluate("document.documentElement.classList.contains('js')")
    # ... and so did the worker shim, from inside the bundle.
    assert page.evaluate("typeof window.IFrameWorker") == "function"
    # Material's stylesheet: the header is fixed at the top; the site's: its colour.
    header = page.locator("header.md-header")
    assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == PRIMARY
    # Icons are inline SVG sized by the stylesheet.
    box = page.locator("header .md-logo svg").bounding_box()
    assert box and 16 <= box["width"] <= 48


def test_start_page_opens_the_styled_home_page(page, bundle):
    page.goto(url_of(bundle, "index.html"))
    assert_rendered(page, "en")
    assert page.locator("article h1").count() >= 1
    home = BeautifulSoup((bundle / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.title() == home.title.get_text()


def test_navigation_leads_to_every_top_level_page(page, bundle):
    page.goto(url_of(bundle, "index.html"))
    tabs = page.locator("nav.md-tabs a.md-tabs__link")
    count = tabs.count()
    assert count >= 4
    for i in range(count):
        page.goto(url_of(bundle, "index.html"))
        link = page.locator("nav.md-tabs a.md-tabs__link").nth(i)
        target = link.evaluate("a => a.href")  # the address, resolved
        with page.expect_navigation():
            link.click()
        assert page.url == target and page.url.startswith(url_of(bundle, "")), page.url
        assert_rendered(page, "en")
    # And a link inside the content, from the meetings list to a meeting.
    page.goto(url_of(bundle, "meetings/index.html"))
    link = page.locator("article a[href$='.html']").first
    with page.expect_navigation():
        link.click()
    assert re.search(r"/(meetings|events)/[a-z0-9-]+\.html$", page.url), page.url
    assert_rendered(page, "en")


def switch_language(page: Page, lang: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    with page.expect_navigation():
        page.locator(f"a.md-select__link[hreflang={lang}]").click()


@pytest.mark.parametrize("rel", ["index.html", "events/oslo-2006.html", "tools/self-assessment.html"])
def test_language_switch_leads_to_the_same_page_both_ways(page, bundle, rel):
    page.goto(url_of(bundle, rel))
    switch_language(page, "ru")
    assert page.url == url_of(bundle, f"ru/{rel}")
    assert_rendered(page, "ru")
    switch_language(page, "en")
    assert page.url == url_of(bundle, rel)
    assert_rendered(page, "en")


def search(page: Page, words: str) -> list[str]:
    """Type into Material's search box; the addresses of the results."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(words)  # the whole query at once: typed letter by letter, each keyup searched anew
    page.keyboard.press("End")  # Material searches on keyup; typed Cyrillic fires none
    page.locator("li.md-search-result__item").first.wait_for()
    # Read in one go: a list read link by link could change between two reads (seen once in CI).
    return page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.getAttribute('href'))")


def assert_all_in(root: Path, results: list[str], lang: str) -> None:
    assert results
    in_russian = [r.startswith(url_of(root, "ru") + "/") for r in results]
    assert all(in_russian) if lang == "ru" else not any(in_russian), results


@pytest.mark.parametrize("start, lang", [("index.html", "en"), ("ru/index.html", "ru")])
def test_a_word_of_both_languages_finds_only_pages_of_the_pages_language(page, bundle, start, lang):
    # "WGCC" is written so on the pages of both languages: the one search index
    # (mkdocs-static-i18n) holds both; scripts/bundle.py keeps the page's own.
    page.goto(url_of(bundle, start))
    assert_all_in(bundle, search(page, "WGCC"), lang)


@pytest.mark.parametrize("start, lang, words", [
    ("index.html", "en", "meeting"),
    ("ru/index.html", "ru", "совещание"),
])
def test_search_lists_pages_of_the_pages_language_and_opens_one(page, bundle, start, lang, words):
    page.goto(url_of(bundle, start))
    results = search(page, words)
    assert_all_in(bundle, results, lang)
    first = page.locator("a.md-search-result__link").first
    with page.expect_navigation():
        first.click()
    assert page.url.split("?")[0] == results[0].split("?")[0]
    assert_rendered(page, lang)
    # The words found are marked on the page opened: «совещание» finds «совещаний» too.
    page.locator("article mark").first.wait_for()
    assert page.locator("article mark").first.inner_text().lower().startswith(words[:5])


# Issue 13: the same search from file:// as on the web site.

@pytest.mark.parametrize("start, pairs", [
    ("ru/priorities.html", [(base, word) for word, base in ISSUE_WORDS] + RUSSIAN_PAIRS[-6:]),
    ("priorities.html", ENGLISH_PAIRS[:4]),
])
def test_every_form_finds_the_pages_of_its_base_form_offline(page, bundle, start, pairs):
    assert differences(SearchBox(page, url_of(bundle, start)), pairs) == []
