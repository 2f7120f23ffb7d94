"""The printed resource packs and the self-assessment form: one PDF of each per language,
holding the data in its language, with DejaVu embedded, tagged (PDF/UA-1) with /Lang."""
from __future__ import annotations

import hashlib
import re
import zipfile
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import PROJECT

sys.path.insert(0, str(PROJECT / "scripts"))
from sitedata.yaml_reader import load_yaml  # noqa: E402

LANGS = ("en", "ru")
PACK = "cbss-children-resource-pack-{}.pdf"
TOOL = "cbss-children-self-assessment-{}.pdf"


def data(project: Path, name: str) -> list[dict]:
    return load_yaml(project / "data" / f"{name}.yml", project).data


def squeezed(text: str) -> str:
    """Text without spaces, line breaks and hyphens: a line may break a word at a hyphen
    (added by hyphenation, or its own) or at a space, and extraction may join or keep it."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text).lower()


@pytest.fixture(scope="module")
def pdfs(built_project):
    dist = built_project / "dist"
    return {(kind, lang): dist / name.format(lang) for lang in LANGS for kind, name in (("pack", PACK), ("tool", TOOL))}


def text_of(path: Path) -> str:
    return squeezed("\n".join(page.extract_text() for page in PdfReader(path).pages))


def statements(project: Path, lang: str) -> list[str]:
    return [s[lang] for tool in data(project, "tools") for area in tool["areas"] for s in area["statements"]]


@pytest.mark.parametrize("lang", LANGS)
def test_pack_holds_every_expert_meeting_and_the_whole_tool_in_its_language(built_project, pdfs, lang):
    text = text_of(pdfs["pack", lang])
    other = "ru" if lang == "en" else "en"
    meetings = [e for e in data(built_project, "events") if e["type"] == "expert-meeting" and e.get("public", True)]
    assert len(meetings) >= 7
    for event in meetings:
        assert squeezed(event["title"][lang]) in text, event["id"]
        assert squeezed(event["title"][other]) not in text, event["id"]
    found = statements(built_project, lang)
    assert len(found) == 27
    for statement in found:
        assert squeezed(statement) in text, statement
    for statement in statements(built_project, other):
        assert squeezed(statement) not in text, statement
    for country in data(built_project, "countries"):
        if country["cbss_member"]:
            assert squeezed(country["name"][lang]) in text, country["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_tool_form_holds_the_27_statements_on_one_or_two_pages(built_project, pdfs, lang):
    reader = PdfReader(pdfs["tool", lang])
    assert 1 <= len(reader.pages) <= 2
    text = text_of(pdfs["tool", lang])
    for statement in statements(built_project, lang):
        assert squeezed(statement) in text, statement


@pytest.mark.parametrize("kind", ["pack", "tool"])
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_is_tagged_with_its_language_and_embeds_its_fonts(pdfs, kind, lang):
    reader = PdfReader(pdfs[kind, lang])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font \
                else font["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVu" in name for name in fonts), fonts


@pytest.mark.parametrize("lang", LANGS)
def test_pack_has_a_sensible_page_count_contents_and_bookmarks(pdfs, lang):
    reader = PdfReader(pdfs["pack", lang])
    assert 6 <= len(reader.pages) <= 40
    assert len(reader.outline) >= 9  # a bookmark per chapter
    contents = reader.pages[1].extract_text()
    assert len(re.findall(r"\d+\s*$", contents, re.MULTILINE)) >= 9  # contents with page numbers
    last = reader.pages[-1].extract_text()
    total = len(reader.pages)
    assert re.search(rf"{total}\D+{total}", last), last  # "page X of Y" on the last page


def test_checksums_cover_the_pdfs(built_project, pdfs):
    dist = built_project / "dist"
    sums = dict(reversed(line.split("  ")) for line in (dist / "SHA256SUMS").read_text(encoding="ascii").splitlines())
    for path in pdfs.values():
        assert sums[path.name] == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("lang,page", [("en", "resources.html"), ("ru", "ru/resources.html")])
def test_the_resources_page_links_the_packs_of_its_language_and_the_bundle_carries_them(built_project, lang, page):
    site = built_project / "site"
    html = (site / page).read_text(encoding="utf-8")
    for name in (PACK.format(lang), TOOL.format(lang)):
        assert f'documents/{name}"' in html, name
        assert (site / "documents" / name).read_bytes() == (built_project / "dist" / name).read_bytes()
    with zipfile.ZipFile(built_project / "dist" / "cbss-children-offline.zip") as zf:
        for name in (PACK.format(lang), TOOL.format(lang)):
            assert zf.read(f"documents/{name}") == (built_project / "dist" / name).read_bytes()


def test_the_tools_resource_offers_its_form_in_both_languages_with_format_and_size(built_project):
    """The library's first real document: the self-assessment form is the tool's resource's download."""
    for page, words in (("resources/self-assessment-tool.html", ("Download: English, PDF, ", "Download: Russian, PDF, ")),
                        ("ru/resources/self-assessment-tool.html", ("Скачать: английский, PDF, ", "Скачать: русский, PDF, "))):
        soup = BeautifulSoup((built_project / "site" / page).read_text(encoding="utf-8"), "html.parser")
        links = {a["hreflang"]: a for a in soup.select("a[download]") if a["href"].endswith(".pdf")}
        assert sorted(links) == ["en", "ru"], page
        for lang, text in zip(("en", "ru"), words):
            assert links[lang]["href"].endswith(f"documents/{TOOL.format(lang)}"), page
            assert links[lang].get_text().startswith(text) and re.search(r"\d+\u00a0(KB|КБ)$", links[lang].get_text()), page


def test_a_preview_build_makes_no_pdf_and_links_none(site_in_june_2007):
    """`--no-bundle` (and `mkdocs serve`) leave out WeasyPrint's seconds, and with them every link to a PDF."""
    assert not list(site_in_june_2007.rglob("*.pdf"))
    for page in ("resources.html", "ru/resources.html", "resources/self-assessment-tool.html"):
        assert ".pdf" not in (site_in_june_2007 / page).read_text(encoding="utf-8"), page
