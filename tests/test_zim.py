"""Kiwix ZIM files, one per language: valid, complete, searchable in their language, served by kiwix-serve."""
from __future__ import annotations

import re
import subprocess
import time
import urllib.request

import pytest
from libzim.reader import Archive
from libzim.search import Query, Searcher

from conftest import html_pages


@pytest.fixture(scope="module")
def zims(built_project):
    found = {re.search(r"_(\w\w)_all_", p.name).group(1): p for p in (built_project / "dist").glob("*.zim")}
    assert set(found) == {"en", "ru"}
    assert all(re.fullmatch(r"cbss-children_(en|ru)_all_\d{4}-\d\d\.zim", p.name) for p in found.values())
    sums = (built_project / "dist" / "SHA256SUMS").read_text()
    assert all(f"  {p.name}\n" in sums for p in found.values())  # the checksums cover them
    return found


def search(archive: Archive, words: str) -> list[str]:
    results = Searcher(archive).search(Query().set_query(words))
    return list(results.getResults(0, 100))


@pytest.mark.parametrize("lang,code,main", [("en", "eng", "index.html"), ("ru", "rus", "ru/index.html")])
def test_each_file_is_valid_with_its_metadata_and_main_page(zims, lang, code, main):
    archive = Archive(zims[lang])
    assert archive.check()
    assert archive.main_entry.get_item().path == main
    meta = {key: archive.get_metadata(key) for key in archive.metadata_keys}
    for key in ("Name", "Title", "Description", "Language", "Creator", "Publisher", "Date",
                "Illustration_48x48@1", "LongDescription", "License", "Source"):
        assert meta.get(key), key
    assert meta["Name"].decode() == f"cbss-children_{lang}_all" and meta["Language"].decode() == code
    assert len(meta["Title"].decode()) <= 30 and len(meta["Description"].decode()) <= 80
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", meta["Date"].decode())
    assert meta["Illustration_48x48@1"].startswith(b"\x89PNG")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_file_holds_every_page_of_its_language_and_none_of_the_other(zims, bundle, lang):
    archive = Archive(zims[lang])
    pages = [p for p in html_pages(bundle) if p.startswith("ru/") == (lang == "ru")]
    assert len(pages) > 40
    for rel in pages:
        assert archive.has_entry_by_path(rel), rel
    other = "index.html" if lang == "ru" else "ru/index.html"
    assert not archive.has_entry_by_path(other)
    page = bytes(archive.get_entry_by_path(pages[0]).get_item().content).decode("utf-8")
    assert 'hreflang="ru"' not in page or lang == "ru"  # the switcher leads nowhere inside the file


def test_full_text_search_finds_pages_in_each_language(zims):
    english, russian = Archive(zims["en"]), Archive(zims["ru"])
    assert "programme.html" in search(english, "trafficking")
    found = search(russian, "торговля")
    assert "ru/programme.html" in found and all(p.startswith("ru/") or p.startswith("documents/") for p in found)
    assert search(russian, "ребенок")  # е for ё
    # The index holds each page's article only: a word of the menus alone finds nothing.
    assert search(english, "Accessibility statement") == [p for p in search(english, "Accessibility statement")
                                                         if p == "accessibility.html"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_zimcheck_passes(zims, lang):
    # Every check but -I, which wrongly fails files written by libzim 9 (zim-tools #484).
    result = subprocess.run(["zimcheck", "-0", "-C", "-M", "-F", "-P", "-R", "-U", "-L", str(zims[lang])],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]


def test_kiwix_serve_serves_both_files_and_pages_load_whole(zims, browser):
    server = subprocess.Popen(["kiwix-serve", "-n", "-i", "127.0.0.1", "-p", "18431", *map(str, zims.values())],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = "http://127.0.0.1:18431"
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        for lang, path in (("en", "index.html"), ("en", "events/kiev-2005.html"),
                           ("ru", "ru/index.html"), ("ru", "ru/calendar.html")):
            failed = []
            tab = browser.new_page()
            tab.on("requestfailed", lambda request: failed.append(request.url))
            tab.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
            tab.goto(f"{base}/{zims[lang].stem}/{path}")
            tab.wait_for_load_state("networkidle")
            assert tab.locator("article h1").count() == 1, (lang, path)
            assert not tab.locator(".md-search").is_visible()
            tab.close()
            assert failed == [], (lang, path, failed)
    finally:
        server.terminate()
        server.wait(timeout=10)
