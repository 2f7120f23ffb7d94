"""The 404 page finds the page a guessed address names (overrides/assets/javascripts/not-found.js):
in a real browser, on the built site served as GitHub Pages serves it (404.html for any address
with no file, at the site's root or under a sub-path)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import QuietHandler, serve


def serve_like_pages(folder: Path, prefix: str = "/"):
    """folder at prefix; an address with no file gets 404.html, with status 404."""
    class Handler(QuietHandler):
        def translate_path(self, path):
            return super().translate_path("/" + path[len(prefix):]) if path.startswith(prefix) else "/nowhere"

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = (folder / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
    return serve(folder, Handler)


@pytest.fixture(scope="module")
def pages_host(site):
    url, server = serve_like_pages(site)
    yield url
    server.shutdown()


def _found(tab) -> tuple[str, list[tuple[str, str]]]:
    """The visible sentence or list of the 404 page, and its links (href, text), once it has
    looked (it asks the server about the folders of pages made from data)."""
    tab.wait_for_selector("#bsr-found[data-searched]", state="attached", timeout=10_000)
    shown = [p for p in tab.query_selector_all("#bsr-found [data-found]") if p.is_visible()]
    if not shown:
        return "", []
    assert len(shown) == 1
    return shown[0].inner_text(), [(a.get_attribute("href"), a.inner_text()) for a in shown[0].query_selector_all("a")]


@pytest.mark.parametrize("guess, lang, target", [
    ("/ru/events/kiev-2005/", "ru", "/ru/events/kiev-2005.html"),  # a folder, as MkDocs' default addresses
    ("/ru/meetings/kiev-2005.html", "ru", "/ru/events/kiev-2005.html"),  # the meetings' folder
    ("/ru/events/kiev-2005", "ru", "/ru/events/kiev-2005.html"),
    ("/events/kiev-2005.md", "en", "/events/kiev-2005.html"),  # the source's name
    ("/countries/EE.html", "en", "/countries/ee.html"),  # the code as the data writes it
    ("/ru/calendar/", "ru", "/ru/calendar.html"),
    ("/ru/expert-meetings/meetings/", "ru", "/ru/meetings/index.html"),  # a folder's index page
])
def test_a_guessed_address_says_where_its_page_is(browser, pages_host, guess, lang, target):
    tab = browser.new_page()
    response = tab.goto(pages_host + guess)
    assert response.status == 404
    sentence, links = _found(tab)
    assert links == [(target, target)]
    wanted = "Эта страница находится по адресу" if lang == "ru" else "This page is at"
    assert sentence.startswith(wanted) and sentence.endswith(target + ".")
    assert tab.get_attribute(f'[data-found="one"][lang="{lang}"]', "lang") == lang
    with tab.expect_navigation():
        tab.click(f"#bsr-found a[href='{target}']")
    assert tab.url == pages_host + target
    tab.close()


@pytest.mark.parametrize("guess", ["/ru/no-such-page.html", "/nothing/here/", "/ru/", "/ru/index.md"])
def test_an_address_naming_no_page_gets_only_the_not_found_heading(browser, pages_host, guess):
    tab = browser.new_page()
    tab.goto(pages_host + guess)
    if guess == "/ru/":
        assert tab.title() != "" and not tab.query_selector("#bsr-found")  # the page itself
    else:
        assert _found(tab) == ("", []) and tab.is_visible("h1#not-found")
    tab.close()


def test_several_pages_of_that_name_are_listed_and_a_sub_path_is_kept(browser, site, tmp_path):
    """A site published under /children/ with two pages named kiev-2005, in two folders of pages
    made from data (the 404 page asks each folder): both are offered, in the address's language."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    shutil.copyfile(copy / "ru" / "events" / "kiev-2005.html", copy / "ru" / "resources" / "kiev-2005.html")
    not_found = copy / "404.html"
    html = not_found.read_text(encoding="utf-8")
    not_found.write_text(re.sub(r'(href|src)="/', r'\1="/children/', html).replace('"base": "/"', '"base": "/children/"'),
                         encoding="utf-8")
    url, server = serve_like_pages(copy, "/children/")
    try:
        tab = browser.new_page()
        tab.goto(url + "/children/ru/meetings/kiev-2005/")
        text, links = _found(tab)
        assert text.startswith("Страницы с таким именем:")
        assert links == [(href, href) for href in ("/children/ru/events/kiev-2005.html",
                                                    "/children/ru/resources/kiev-2005.html")]
        tab.close()
    finally:
        server.shutdown()


def test_the_404_page_does_not_grow_with_the_site(site):
    """Its data block lists the pages written by hand and the folders of the pages made from data,
    not every page: at 100 times today's meetings a full list was 100 KB."""
    html = (site / "404.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="bsr-pages">(.*?)</script>', html, re.S).group(1)
    assert "kiev-2005" not in block and '"events"' in block and '"resources"' in block
    assert "calendar.html" in block and "meetings/index.html" in block


def test_in_a_pull_requests_preview_it_points_into_the_preview(browser, site, tmp_path):
    """GitHub Pages serves the published site's 404 page for a missing address of a preview
    (pr-preview/pr-N/, beside it on gh-pages): the page it points to is the preview's."""
    root = tmp_path / "pages"
    shutil.copytree(site, root)
    shutil.copytree(site, root / "pr-preview" / "pr-7")
    url, server = serve_like_pages(root)
    try:
        tab = browser.new_page()
        tab.goto(url + "/pr-preview/pr-7/ru/meetings/kiev-2005/")
        _, links = _found(tab)
        assert links == [("/pr-preview/pr-7/ru/events/kiev-2005.html",) * 2]
        tab.close()
    finally:
        server.shutdown()
