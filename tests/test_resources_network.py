"""Resources, the regional network and contacts: pages from data, filters, map, vCards, file checks."""
from __future__ import annotations

import posixpath
import sys

import vobject

from conftest import PROJECT, SAMPLE_DOCUMENTS, page, text_of, visible_count

sys.path.insert(0, str(PROJECT / "scripts"))
from sitedata.load import load_site_data  # noqa: E402  (the project's own YAML reading: "NO" stays "NO")

DATA = load_site_data(PROJECT)
RESOURCES = DATA["resources"]
MEMBERS = [c for c in DATA["countries"] if c["cbss_member"]]


def test_every_resource_and_member_state_has_a_page_in_both_languages(site):
    for prefix in ("", "ru/"):
        for resource in RESOURCES + [{"id": "sample-report"}]:
            assert (site / f"{prefix}resources/{resource['id']}.html").is_file()
        for country in MEMBERS:
            assert (site / f"{prefix}countries/{country['id'].lower()}.html").is_file()
    assert len(MEMBERS) == 11


def test_resource_page_shows_each_download_with_language_format_and_size(site):
    pdf, txt = (len(SAMPLE_DOCUMENTS[name]) for name in ("sample-report.pdf", "ru/sample-report.ru.txt"))
    assert (pdf, txt) == (41, 33)  # Russian plural forms: «41 байт», «33 байта»
    for prefix, facts in (("", ["English, PDF, 41 bytes", "Russian, TXT, 33 bytes"]),
                          ("ru/", ["английский, PDF, 41 байт", "русский, TXT, 33 байта"])):
        rel = f"{prefix}resources/sample-report.html"
        links = page(site, rel).select("ul.bsr-downloads a")
        assert [" ".join(a.get_text().split()).split(": ", 1)[1] for a in links] == facts
        for link in links:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), link["href"]))
            assert (site / target).is_file() and link.has_attr("download") and link["hreflang"] in ("en", "ru")


def test_placeholders_say_so(site):
    assert "Document not yet available" in text_of(site, "resources/mapping-study.html")
    assert "Документ пока недоступен" in text_of(site, "ru/resources/mapping-study.html")
    assert "description only" in text_of(site, "resources.html")


def test_country_page_lists_its_status_events_and_resources(site):
    estonia = text_of(site, "countries/ee.html")
    assert "Operational" in estonia and "Expert meeting giving input to the monitoring training" in estonia
    assert "Sample report" in estonia  # the test resource concerns Estonia
    assert "Not operational" in text_of(site, "countries/de.html")
    assert "Не действует" in text_of(site, "ru/countries/ru.html")
    held_in_russia = [e for e in DATA["events"] if e.get("country") == "RU"]
    assert held_in_russia
    for prefix, lang in (("", "en"), ("ru/", "ru")):
        russia = text_of(site, f"{prefix}countries/ru.html")
        assert [e["id"] for e in held_in_russia if e["title"][lang] not in russia] == [], russia


def test_map_links_every_member_state_and_has_a_text_alternative(site):
    for prefix in ("", "ru/"):
        rel = f"{prefix}network.html"
        svg = page(site, rel).select_one("figure.bsr-map svg")
        assert svg.find("title") and svg.get("aria-labelledby")
        links = svg.find_all("a")
        assert len(links) == 11
        for link in links:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), link["href"]))
            assert (site / target).is_file(), target
            assert ": " in link["aria-label"]
        listed = page(site, rel).select("article ul li a[href^='countries/']")
        assert len(listed) == 11


def test_vcards_parse_and_speak_the_pages_language(site):
    contact = DATA.by_id("contacts")["childrens-unit"]
    for prefix, lang in (("", "en"), ("ru/", "ru")):
        card = vobject.readOne((site / f"{prefix}contacts/childrens-unit.vcf").read_text(encoding="utf-8"))
        assert card.fn.value == contact["name"][lang] and card.email.value == contact["email"]
        assert card.org.value == [contact["organisation"][lang]]
        assert card.title.value == contact["role"][lang]
        assert page(site, f"{prefix}contact.html").find("a", href="contacts/childrens-unit.vcf")


def test_library_filters_work_from_file(browser, bundle):
    tab = browser.new_page()
    requests = []
    tab.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
    tab.goto((bundle / "resources.html").as_uri())
    total = len(RESOURCES) + 1  # and the test resource: a report on street children in Estonia
    studies = [r for r in RESOURCES if r["type"] == "study"]
    on_street_children = [r for r in RESOURCES if "street-children" in r["topics"]] + ["test resource"]
    on_estonia = [r for r in RESOURCES if "EE" in r.get("countries", [])] + ["test resource"]
    assert 0 < len(studies) < total and len(on_street_children) < total and len(on_estonia) < total
    assert visible_count(tab, ".bsr-resource") == total
    tab.select_option("select[data-filter=type]", "study")
    assert visible_count(tab, ".bsr-resource") == len(studies)
    tab.select_option("select[data-filter=type]", "")
    tab.select_option("select[data-filter=topic]", "street-children")
    assert visible_count(tab, ".bsr-resource") == len(on_street_children)
    tab.select_option("select[data-filter=topic]", "")
    tab.select_option("select[data-filter=country]", "EE")
    assert visible_count(tab, ".bsr-resource") == len(on_estonia)
    tab.select_option("select[data-filter=country]", "")
    tab.select_option("select[data-filter=lang]", "ru")
    assert visible_count(tab, ".bsr-resource") == total
    tab.close()
    assert requests == []
