"""Ready to publish: the site built with SITE_URL at a sub-path (as publish.yml builds it).

- every page's canonical link and hreflang alternates are absolute, the
  alternates reciprocal and with x-default; the sitemap lists every page of both
  languages;
- Open Graph tags and schema.org JSON-LD, made from the data;
- a browser loading any page, served under the sub-path, and any page of the
  offline bundle from file://, makes no failed request and logs no console error.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, SITE_URL, build_ok, copy_project, data, html_pages, page, serve_under

LANGS = ("en", "ru")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU"}


def _lang(rel: str) -> str:
    return "ru" if rel.startswith("ru/") else "en"


def _twin(rel: str, lang: str) -> str:
    """The same page in lang."""
    inner = rel[3:] if rel.startswith("ru/") else rel
    return inner if lang == "en" else f"{lang}/{inner}"


def _alternates(site: Path, rel: str) -> dict[str, str]:
    links = page(site, rel).select("head link[rel=alternate][hreflang]")
    found = {link["hreflang"]: link["href"] for link in links}
    assert len(found) == len(links), (rel, "an hreflang twice")
    return found


def _og(site: Path, rel: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in page(site, rel).select("head meta[property^='og:']"):
        found.setdefault(meta["property"], []).append(meta["content"])
    return found


def _json_ld(site: Path, rel: str) -> list[dict]:
    return [json.loads(script.string) for script in page(site, rel).select("script[type='application/ld+json']")]


def test_a_preview_tells_search_engines_not_to_index_it_and_the_published_site_does_not(published_site, tmp_path):
    """pr.yml builds a pull request's preview with NOINDEX=true (its pages are public, at
    pr-preview/pr-N/): each page asks search engines to leave it out; what publish.yml deploys never does."""
    preview = build_ok(copy_project(tmp_path / "project"), "--no-bundle",
                       env={"SITE_URL": SITE_URL + "pr-preview/pr-7/", "NOINDEX": "true"})
    robots = '<meta name="robots" content="noindex, nofollow">'
    pages = html_pages(preview)
    assert len(pages) > 60
    assert [rel for rel in pages if robots not in (preview / rel).read_text(encoding="utf-8")] == []
    assert [rel for rel in html_pages(published_site) if 'name="robots"' in (published_site / rel).read_text(encoding="utf-8")] == []
    steps = "\n".join(step.get("run", "") for step in yaml.safe_load(
        (PROJECT / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8"))["jobs"]["content"]["steps"])
    assert "export NOINDEX=true" in steps and "make site" in steps


def test_canonical_links_are_absolute(published_site):
    for rel in html_pages(published_site):
        assert page(published_site, rel).select_one("head link[rel=canonical]")["href"] == SITE_URL + rel


def test_hreflang_alternates_are_absolute_reciprocal_with_x_default(published_site):
    for rel in html_pages(published_site):
        alternates = _alternates(published_site, rel)
        assert alternates == {**{lang: SITE_URL + _twin(rel, lang) for lang in LANGS},
                              "x-default": SITE_URL + _twin(rel, "en")}, rel
        for lang, href in alternates.items():  # each names this page back
            assert _alternates(published_site, href[len(SITE_URL):])[_lang(rel)] == SITE_URL + rel


def test_language_switcher_links_stay_relative(published_site):
    for rel in ("index.html", "ru/events/kiev-2005.html"):
        for link in page(published_site, rel).select("a.md-select__link"):
            assert not link["href"].startswith(("/", "http")), (rel, link["href"])


def test_the_sitemap_lists_every_page_of_both_languages(published_site):
    urls = ET.parse(published_site / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    listed = [url.find(f"{SITEMAP}loc").text for url in urls]
    assert sorted(listed) == sorted(SITE_URL + rel for rel in html_pages(published_site))
    assert {rel[:3] for rel in html_pages(published_site)} >= {"ru/"}
    for url in urls:
        rel = url.find(f"{SITEMAP}loc").text[len(SITE_URL):]
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        assert alternates == _alternates(published_site, rel), rel


def test_no_sitemap_beside_the_pages(published_site):
    """Material's script is kept from looking for one (scripts/sitedata/material_script.py)."""
    assert sorted(p.relative_to(published_site).as_posix() for p in published_site.rglob("sitemap.xml")) \
        == ["sitemap.xml"]
    bundle = next((published_site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert '"link[rel=alternate][data-md-sitemap]"' in bundle
    assert not page(published_site, "index.html").select("[data-md-sitemap]")


def test_open_graph_tags(published_site):
    for rel in html_pages(published_site):
        lang, og = _lang(rel), _og(published_site, rel)
        title = page(published_site, rel).title.string
        assert og["og:type"] == ["website"], rel
        assert og["og:title"][0] and og["og:title"][0] in title, rel
        assert og["og:description"][0].strip(), rel
        assert og["og:url"] == [SITE_URL + rel], rel
        assert og["og:locale"] == [OG_LOCALES[lang]], rel
        assert og["og:locale:alternate"] == [OG_LOCALES[other] for other in LANGS if other != lang], rel
        assert og["og:image"] == [SITE_URL + "assets/images/share.png"], rel
        assert og["og:image:alt"][0], rel
        if lang == "ru":
            assert re.search("[а-яё]", og["og:image:alt"][0] + og["og:title"][0], re.I), rel
    image = published_site / "assets" / "images" / "share.png"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert 1200 == int.from_bytes(image.read_bytes()[16:20], "big")  # IHDR width
    assert _og(published_site, "ru/index.html")["og:title"][0].startswith("Несопровождаемые дети")


def test_open_graph_without_site_url_has_no_relative_addresses(site):
    og = _og(site, "events/kiev-2005.html")
    assert og["og:title"] and "og:url" not in og and "og:image" not in og
    assert not page(site, "index.html").select("head link[rel=alternate]")  # no hreflang without SITE_URL


def test_home_pages_name_the_publisher(published_site):
    for lang, rel in (("en", "index.html"), ("ru", "ru/index.html")):
        [ld] = _json_ld(published_site, rel)
        assert ld["@context"] == "https://schema.org"
        types = {node["@type"]: node for node in ld["@graph"]}
        organisation, website = types["Organization"], types["WebSite"]
        assert organisation["name"] == ("Council of the Baltic Sea States (CBSS) Secretariat, Children's Unit"
                                        if lang == "en" else
                                        "Секретариат Совета государств Балтийского моря (СГБМ), Отдел по делам детей")
        assert organisation["url"] == SITE_URL + rel
        assert organisation["logo"] == SITE_URL + "assets/images/share.png"
        assert website["publisher"] == {"@id": organisation["@id"]}
        assert website["inLanguage"] == lang and "WGCC" in website["description"]


def _iso(value: str) -> str:
    return str(value)


def test_every_dated_event_page_has_an_event(published_site):
    countries = {c["id"]: c for c in data("countries")}
    dated = 0
    for event in data("events"):
        for lang in LANGS:
            rel = _twin(f"events/{event['id']}.html", lang)
            found = [ld for ld in _json_ld(published_site, rel) if ld.get("@type") == "Event"]
            if "date" not in event:
                assert found == [], rel
                continue
            [ld] = found
            dated += 1
            assert ld["name"] == event["title"][lang]
            assert ld["startDate"] == _iso(event["date"])
            assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", ld["startDate"])  # month-only stays YYYY-MM
            assert ld.get("endDate") == (_iso(event["end"]) if "end" in event else None)
            assert ld["inLanguage"] == lang
            assert ld["url"] == SITE_URL + rel
            if "city" in event or "country" in event:
                place = ld["location"]
                assert place["@type"] == "Place"
                address = place["address"]
                assert address["@type"] == "PostalAddress"
                assert address.get("addressLocality") == (event["city"][lang] if "city" in event else None)
                assert address.get("addressCountry") == event.get("country")
                if "country" in event:
                    assert countries[event["country"]]["name"][lang] in place["name"]
            else:
                assert "location" not in ld
            if "organisers" in event:
                assert [o["name"] for o in ld["organizer"]] == [o[lang] for o in event["organisers"]]
            else:
                assert "organizer" not in ld
    assert dated >= 10


def test_json_ld_is_not_hashed_into_the_policy(published_site):
    """A data block is never run: the Content-Security-Policy names only the page's scripts."""
    from sitedata.csp import inline_scripts
    html = (published_site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/ld+json"' in html
    assert not any(body.lstrip().startswith("{\"@context\"") for body in inline_scripts(html))


def test_dates_are_in_time_elements(site):
    """Every <time> has a valid datetime (YYYY-MM or YYYY-MM-DD, a real date), and each event's
    dates are in one on its page and in the calendar."""
    for rel in html_pages(site):
        for time in page(site, rel).select("time"):
            value = time["datetime"]
            assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value), (rel, value)
            dt.date.fromisoformat(value if len(value) == 10 else value + "-01")
    for event in data("events"):
        if "date" not in event:
            continue
        wanted = {_iso(event["date"])} | ({_iso(event["end"])} if "end" in event else set())
        for lang in LANGS:
            for rel in (_twin(f"events/{event['id']}.html", lang), _twin("calendar.html", lang)):
                shown = {t["datetime"] for t in page(site, rel).select("article time")}
                if rel.endswith("calendar.html") and not shown & wanted:
                    continue  # a past event may be on a further page of the calendar
                assert wanted <= shown, (rel, wanted, shown)
    kiev = page(site, "events/kiev-2005.html").select_one("article time[datetime='2005-04']")
    assert kiev.get_text() == "April 2005"
    assert page(site, "ru/events/kiev-2005.html").select_one("article time[datetime='2005-04']").get_text() \
        == "апрель 2005\u202fг."


# --- In a browser: no failed request, no console error -------------------------------------

def _sweep(browser, urls: list[str]) -> list[str]:
    """Load each URL in a real browser; the failed requests, error responses and console errors.

    A page is done when it has loaded and none of its requests is still on its way (quicker
    than waiting for the network to be idle for half a second, page after page)."""
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(20_000)
    tab = context.new_page()
    current, pending = {"url": ""}, set()
    tab.on("console", lambda m: problems.append(f"{current['url']}: console {m.type}: {m.text}")
           if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(f"{current['url']}: script error: {e}"))
    tab.on("request", lambda r: pending.add(r))
    tab.on("requestfinished", lambda r: pending.discard(r))

    def failed(request):
        pending.discard(request)
        # A request cut short by going to the next page (net::ERR_ABORTED: the search worker
        # still loading its scripts) is not a failure; one refused (CSP) or missing is.
        if "ERR_ABORTED" not in (request.failure or ""):
            problems.append(f"{current['url']}: failed {request.url} ({request.failure})")
    tab.on("requestfailed", failed)
    tab.on("response", lambda r: problems.append(f"{current['url']}: {r.status} {r.url}")
           if r.status >= 400 else None)
    for url in urls:
        current["url"] = url
        tab.goto(url, wait_until="load")
        for _ in range(100):  # at most 5 s
            tab.wait_for_timeout(50)
            if not pending:
                break
        assert not pending, (url, [r.url for r in pending])
    context.close()
    return problems


@pytest.fixture(scope="module")
def served_published(published_site):
    url, server = serve_under(published_site, "/children/")
    yield url
    server.shutdown()


def test_every_page_under_the_sub_path_loads_cleanly(browser, published_site, served_published):
    pages = html_pages(published_site)
    assert len(pages) > 60
    assert _sweep(browser, [served_published + rel for rel in pages]) == []


def test_the_404_page_under_the_sub_path_loads_cleanly(browser, served_published):
    assert _sweep(browser, [served_published + "404.html"]) == []


def test_every_page_of_the_bundle_loads_cleanly_from_file(browser, bundle):
    pages = html_pages(bundle)
    assert len(pages) > 60
    assert _sweep(browser, [(bundle / rel).as_uri() for rel in pages]) == []
