"""The built site as a whole: both languages alike, switcher, anchors, search, nothing from the network."""
from __future__ import annotations

import gzip
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from conftest import SITE_URL, html_pages, page, text_of

# Attributes through which a page loads something (links <a> are not loads).
LOADING = [("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("audio", "src"),
           ("video", "src"), ("embed", "src"), ("object", "data"), ("link", "href")]


def _pages_of(site, lang):
    pages = html_pages(site)
    if lang == "ru":
        return {p[3:] for p in pages if p.startswith("ru/")}
    return {p for p in pages if not p.startswith("ru/")}


def test_both_languages_have_the_same_pages(site):
    english, russian = _pages_of(site, "en"), _pages_of(site, "ru")
    assert english == russian
    assert {"index.html", "priorities.html", "methods.html", "programme.html", "ncp.html", "other-work.html",
            "meetings/index.html", "tools/self-assessment.html", "contact.html"} <= english


def test_html_lang_is_right_on_every_page(site):
    for rel in html_pages(site):
        expected = "ru" if rel.startswith("ru/") else "en"
        assert page(site, rel).html["lang"] == expected, rel


def test_language_switcher_leads_to_the_same_page(site):
    for rel in html_pages(site):
        lang = "ru" if rel.startswith("ru/") else "en"
        twin = rel[3:] if lang == "ru" else f"ru/{rel}"
        links = {a["hreflang"]: a for a in page(site, rel).select("a.md-select__link")}
        assert set(links) == {"en", "ru"}, rel
        for code, link in links.items():
            href = link["href"]
            assert not href.startswith(("/", "http")), (rel, href)  # works from file:// and sub-paths
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
            assert target == (rel if code == lang else twin), (rel, href)
            assert link["lang"] == code
            assert (site / target).is_file()


def test_russian_headings_get_readable_anchors(site):
    ids = [h["id"] for h in page(site, "ru/methods.html").select("h2[id]")]
    assert "вильнюсская-конференция" in ids
    for rel in html_pages(site):
        headings = page(site, rel).select("h1[id], h2[id], h3[id], h4[id]")
        assert not [h["id"] for h in headings if re.fullmatch(r"_\d+", h["id"])], rel  # "#_1" for Cyrillic


def test_material_interface_is_in_russian_on_russian_pages(site):
    ru = page(site, "ru/priorities.html")
    assert ru.select_one("input.md-search__input")["placeholder"] == "Поиск"
    config = json.loads(ru.select_one("script#__config").string)
    assert config["translations"]["search.result.none"] == "Совпадений не найдено"
    assert page(site, "priorities.html").select_one("input.md-search__input")["placeholder"] == "Search"


def test_each_language_has_its_own_search_index(site):
    """A search lists the pages of the reader's language (see scripts/sitedata/search_index.py)."""
    indexes = {lang: json.loads((site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
               for lang, folder in (("en", ""), ("ru", "ru"))}
    for lang, index in indexes.items():
        # Its own language only: lunr stems with it (search_worker.js; tests/test_search_words.py).
        assert index["config"]["lang"] == [lang]
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert "events/yaroslavl-2005.html" in locations
        assert not any(loc.startswith("ru/") for loc in locations)
    assert "Ярославль" in json.dumps(indexes["ru"], ensure_ascii=False)
    assert "Ярославль" not in json.dumps(indexes["en"], ensure_ascii=False)
    assert "Yaroslavl" in json.dumps(indexes["en"])
    # The Russian pages look for their index in ru/: their base is the ru folder.
    config = json.loads(page(site, "ru/events/oslo-2006.html").select_one("script#__config").string)
    assert config["base"] == ".."
    assert json.loads(page(site, "events/oslo-2006.html").select_one("script#__config").string)["base"] == ".."


@pytest.mark.parametrize("where", ["site", "bundle"])
def test_no_page_loads_anything_from_the_network(request, where):
    root = request.getfixturevalue(where)
    offenders = []
    for rel in html_pages(root) + (["404.html"] if (root / "404.html").exists() else []):
        for tag, attr in LOADING:
            for element in page(root, rel).find_all(tag):
                value = element.get(attr, "")
                if tag == "link" and set(element.get("rel", [])) & {"canonical", "alternate"}:
                    continue
                if re.match(r"^(https?:)?//", value):
                    offenders.append((rel, tag, value))
        for element in page(root, rel).find_all(style=True):
            offenders += [(rel, "style", url) for url in re.findall(r"url\(['\"]?((https?:)?//[^)'\"]*)", element["style"])]
        for style in page(root, rel).find_all("style"):
            offenders += [(rel, "style", url) for url in re.findall(r"url\(['\"]?((https?:)?//[^)'\"]*)", style.text)]
    for css in root.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        offenders += [(css.name, "css", url) for url, _ in re.findall(r"url\(['\"]?((https?:)?//[^)'\"]*)", text)]
        offenders += [(css.name, "css", m) for m in re.findall(r"@import\s+['\"]?(?:url\()?['\"]?(?:https?:)?//[^;]*", text)]
    for script in root.rglob("*.js"):
        assert "unpkg.com/iframe-worker" not in script.read_text(encoding="utf-8", errors="replace") or \
            script.name.startswith("bundle."), script  # only Material's own bundle names it, unused
    assert offenders == []


def test_dates_are_localized(site):
    assert "April 2005" in text_of(site, "events/kiev-2005.html")
    assert "апрель 2005 г." in text_of(site, "ru/events/kiev-2005.html")  # as «24 октября 2007 г.»
    assert "24 October 2007" in text_of(site, "programme.html")
    assert "24 октября 2007 г." in text_of(site, "ru/programme.html")


def test_no_sitemap_of_wrong_addresses_without_site_url(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag.endswith("urlset") and len(root) == 0  # SITE_URL unset: no made-up addresses


def test_a_site_built_for_its_address_names_it_in_canonical_links_and_the_sitemap(site_in_june_2007):
    site, base = site_in_june_2007, urlsplit(SITE_URL).path
    pages = html_pages(site)
    assert [rel for rel in pages if page(site, rel).select_one("link[rel=canonical]")["href"] != SITE_URL + rel] == []
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    assert sorted(url.findtext("s:loc", namespaces=ns) for url in root.findall("s:url", ns)) == \
        sorted(SITE_URL + rel for rel in pages)
    for url in root.findall("s:url", ns):
        rel = url.findtext("s:loc", namespaces=ns)[len(SITE_URL):].removeprefix("ru/")
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert alternates == {"en": SITE_URL + rel, "ru": f"{SITE_URL}ru/{rel}", "x-default": SITE_URL + rel}
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    # The 404 page is shown at any address: its links start from the site's own path.
    links = [a.get("href") or a.get("src") for a in page(site, "404.html").select("[href], [src]")]
    local = [link for link in links if not link.startswith(("#", "https:", "mailto:"))]
    assert local and [link for link in local if not (link.startswith(base) and
                                                     (site / link[len(base):]).is_file())] == []


def test_the_404_page_is_the_default_languages(site):
    assert page(site, "404.html").html["lang"] == "en"
    assert not (site / "ru" / "404.html").exists()
