"""Search in a real browser, on the web site served over HTTP from this machine."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def served_site(site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _search(browser, url, query):
    page = browser.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(url.split("/", 3)[0] + "//127.0.0.1") else None)
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
    assert "/meetings/yaroslavl-2005.html" in hrefs, hrefs
    hrefs, more = _search(browser, f"{served_site}/ru/priorities.html", "Ярославль")
    assert "/ru/meetings/yaroslavl-2005.html" in hrefs, hrefs
    assert outside + more == []
