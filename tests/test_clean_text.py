"""Clean text on every page of both languages: no escaped markup, raw Markdown or Jinja in
what a reader sees or a screen reader reads, and nothing in English on Russian pages
but proper names and codes."""
from __future__ import annotations

import re

import pytest
from bs4 import Comment

from conftest import html_pages, page

# What the reader reads: the text, and these attributes (title: tooltips; aria-label:
# screen readers; placeholder: empty fields; alt: pictures).
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
# Markup that should have become text or HTML: an entity shown as text (&#39;, &amp;amp;),
# Markdown syntax (**bold**, [text](link), a heading's #, a {: attribute list }) and Jinja.
LEFT_OVER = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);"  # an entity shown as such
                       r"|\*\*[^*\s][^*]*\*\*|__[^_\s][^_]*__"  # bold (not "*****", a word left out)
                       r"|\]\([^)]*\)|^#{1,6} |\{:|:\}"
                       r"|\{\{|\}\}|\{%|%\}|\{#|#\}", re.I | re.M)
# Material's and our interface in English, as found on Russian pages before they were
# translated, and other strings of Material's English interface.
ENGLISH_INTERFACE = ["Permanent link", "Skip to content", "Back to top", "Search", "Share", "Clear",
                     "Type to start searching", "Copy to clipboard", "Select language", "Initializing search",
                     "Next", "Previous", "Table of contents", "Navigation", "Header", "Footer",
                     "Made with", "Close", "Menu", "Home", "Download", "E-mail", "Save the contact"]
CYRILLIC = re.compile("[а-яё]", re.I)
# What may stay as it is on a Russian page: the names of languages in their own
# language (the switcher), codes (country codes, abbreviations such as WGCC, file formats).
PROPER = re.compile(r"English|Русский|[A-Z0-9]{2,}(?:[ ,./–-]+[A-Z0-9]{2,})*")


def _visible_texts(soup):
    for text in soup.find_all(string=True):
        if isinstance(text, Comment) or text.parent.name in ("script", "style", "code", "pre", "noscript"):
            continue
        if text.strip():
            yield " ".join(text.split())


def _read_attributes(soup):
    for element in soup.find_all(True):
        for name in READ_ATTRIBUTES:
            value = element.get(name)
            if value:
                yield element.name, name, value


@pytest.mark.parametrize("where", ["site", "bundle"])
def test_no_escaped_markup_markdown_or_jinja(request, where):
    root = request.getfixturevalue(where)
    found = []
    for rel in html_pages(root):
        soup = page(root, rel)
        found += [(rel, text) for text in _visible_texts(soup.html) if LEFT_OVER.search(text)]
        found += [(rel, tag, name, value) for tag, name, value in _read_attributes(soup) if LEFT_OVER.search(value)]
        found += [(rel, "meta", meta["content"]) for meta in soup.select("head meta[content]")
                  if LEFT_OVER.search(meta["content"])]
    assert found == []


def test_the_checks_see_what_they_look_for():
    for bad in ("Children&#39;s Unit", "Children&amp;#39;s", "**bold**", "[a](b.md)", "## Title", "{{ x }}",
                "{% if %}", "{: .md-button }"):
        assert LEFT_OVER.search(bad), bad
    for good in ("Children's Unit", "A & B", "My life is ***** and there is nothing I can do about it",
                 "24–25 October 2007", "Ref. #3"):
        assert not LEFT_OVER.search(good), good


def test_an_apostrophe_in_the_data_stays_an_apostrophe(site):
    soup = page(site, "contact.html")
    heading = soup.select_one("article h2")
    assert heading.get_text().startswith("Council of the Baltic Sea States (CBSS) Secretariat, Children's Unit")
    assert "39" not in heading["id"]
    toc = [a.get_text(" ", strip=True) for a in soup.select("nav.md-nav--secondary a")]
    assert "Council of the Baltic Sea States (CBSS) Secretariat, Children's Unit" in toc


def test_no_english_interface_on_russian_pages(site):
    found = []
    for rel in html_pages(site):
        if not rel.startswith("ru/"):
            continue
        soup = page(site, rel)
        texts = list(_visible_texts(soup.body)) + [value for _, _, value in _read_attributes(soup)]
        found += [(rel, text) for text in texts for english in ENGLISH_INTERFACE
                  if re.search(rf"\b{re.escape(english)}\b", text)]
    assert found == []


def test_every_tooltip_label_placeholder_and_alt_is_russian_on_russian_pages(site):
    found = []
    for rel in html_pages(site):
        if rel.startswith("ru/"):
            found += [(rel, tag, name, value) for tag, name, value in _read_attributes(page(site, rel))
                      if not CYRILLIC.search(value) and not PROPER.fullmatch(value.strip())]
    assert found == []


def test_heading_anchors_have_their_tooltip_in_the_pages_language(site):
    for rel, title in (("priorities.html", "Permanent link"), ("ru/priorities.html", "Постоянная ссылка")):
        anchors = page(site, rel).select("a.headerlink")
        assert anchors and {a["title"] for a in anchors} == {title}, rel


def test_the_author_is_named_in_the_pages_language(site):
    assert CYRILLIC.search(page(site, "ru/index.html").select_one("meta[name=author]")["content"])
