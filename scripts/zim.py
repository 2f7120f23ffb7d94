"""Kiwix ZIM files: the offline site, one file per language, for offline libraries.

make_zims() takes the offline build (the tree scripts/bundle.py packs) and
writes dist/cbss-children_<lang>_all_<YYYY-MM>.zim for each language, with
libzim (openZIM's own library): that language's pages and the assets they use,
its home page as the main page, a title index, and a full-text index of each
page's article text only (menus and footer would make every word find every
page), stemmed in that language. Kiwix's own search replaces Material's, which
cannot run inside Kiwix, so its search box is hidden. The language switcher
leads to the other language on the published site (SITE_URL), or is left out
when there is none: a ZIM holds one language, and a link must not dangle.
"""
from __future__ import annotations

import html
import mimetypes
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

from libzim.writer import Creator, FileProvider, Hint, IndexData, Item, StringProvider

from sitedata.dates import build_date
from sitedata.languages import CODES, DEFAULT

NAME = "cbss-children"
ISO_639_3 = {"en": "eng", "ru": "rus"}
# Title (at most 30 characters), description (at most 80): openZIM's metadata rules.
TITLES = {"en": "Children at risk, Baltic Sea", "ru": "Дети группы риска, Балтика"}
DESCRIPTIONS = {"en": "Unaccompanied and trafficked children in the Baltic Sea Region: a WGCC programme",
                "ru": "Несопровождаемые дети и дети — жертвы торговли людьми в регионе Балтийского моря"}
PUBLISHER = "Council of the Baltic Sea States Secretariat, Children's Unit"
NOT_IN_ZIM = {"README.txt", "autorun.inf"}  # the disc's own files
PAGE_FILES = (".html", ".ics", ".vcf")
HIDE_SEARCH = '<style>.md-search,label.md-header__button[for="__search"]{display:none!important}</style>'
# The language switcher's items, and the <head>'s alternate links: each names a language's page.
OTHER_LANGUAGE = re.compile(r'<li class="md-select__item">\s*<a href="([^"]*)" hreflang="([\w-]+)"[^>]*>.*?</li>'
                            r'|<link rel="alternate" href="([^"]*)" hreflang="([\w-]+)">', re.S)


class ArticleText(HTMLParser):
    """The text of a page's <article> (its content, without scripts), and the page's <title>."""

    def __init__(self):
        super().__init__()
        self.depth, self.skip, self.in_title, self.parts, self.title = 0, False, False, [], ""

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "article"
        self.skip = tag in ("script", "style")
        self.in_title = tag == "title"

    def handle_endtag(self, tag):
        self.depth -= tag == "article" and self.depth > 0
        self.skip = self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif self.depth and not self.skip:
            self.parts.append(data)

    @classmethod
    def of(cls, page: str) -> tuple[str, str]:
        parser = cls()
        parser.feed(page)
        return parser.title.split(" - ")[0].strip(), " ".join(" ".join(parser.parts).split())


class Text(IndexData):
    def __init__(self, title: str, content: str):
        super().__init__()
        self.title, self.content = title, content

    def has_indexdata(self):
        return True

    def get_title(self):
        return self.title

    def get_content(self):
        # Readers type е for ё («ребенок»), and Xapian's stemmer keeps them apart: index both spellings.
        folded = self.content.replace("ё", "е").replace("Ё", "Е")
        return self.content if folded == self.content else f"{self.content} {folded}"

    def get_keywords(self):
        return ""

    def get_wordcount(self):
        return len(self.content.split())


class Entry(Item):
    def __init__(self, path: str, file: Path | None = None, page: str | None = None):
        super().__init__()
        self.path, self.file, self.page = path, file, page
        self.title, self.text = ArticleText.of(page) if page is not None else ("", "")

    def get_path(self):
        return self.path

    def get_title(self):
        return self.title

    def get_mimetype(self):
        return mimetypes.guess_type(self.path)[0] or "application/octet-stream"

    def get_contentprovider(self):
        return StringProvider(self.page) if self.page is not None else FileProvider(str(self.file))

    def get_hints(self):
        return {Hint.FRONT_ARTICLE: self.page is not None}

    def get_indexdata(self):
        return Text(self.title, self.text) if self.page is not None else None


def belongs(rel: str, lang: str) -> bool:
    """Is this file of the offline tree part of lang's ZIM? Another language's folder is not;
    for a language other than the default, neither are the default language's pages."""
    first = rel.split("/")[0]
    if rel in NOT_IN_ZIM or (first in CODES and first != lang):
        return False
    return lang == DEFAULT or first == lang or first in ("assets", "documents") or not rel.endswith(PAGE_FILES)


def for_zim(page: str, lang: str, rel: str, site_url: str | None) -> str:
    """A page as the ZIM holds it: no search box; the switcher's other languages on the web, or gone."""
    def switch(match: re.Match) -> str:
        href, other = match.group(1) or match.group(3), match.group(2) or match.group(4)
        if other == lang or other not in CODES:
            return match.group(0)
        if not site_url:
            return ""
        here = rel.removeprefix(f"{lang}/") if lang != DEFAULT else rel
        target = here if other == DEFAULT else f"{other}/{here}"
        return match.group(0).replace(f'href="{href}"', f'href="{html.escape(site_url.rstrip("/") + "/" + target)}"')
    return OTHER_LANGUAGE.sub(switch, page).replace("</head>", HIDE_SEARCH + "</head>", 1)


def illustration(size: int = 48, rgb: tuple[int, int, int] = (0x1b, 0x4f, 0x72)) -> bytes:
    """A square PNG in the site's primary colour with a white disc: the library's icon for the file."""
    centre, radius = (size - 1) / 2, size * 0.3
    rows = b"".join(b"\x00" + b"".join(
        bytes((255, 255, 255)) if (x - centre) ** 2 + (y - centre) ** 2 <= radius ** 2 else bytes(rgb)
        for x in range(size)) for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def write_zim(tree: Path, target: Path, lang: str, site_url: str | None) -> None:
    day = build_date()
    with Creator(str(target)).config_indexing(True, ISO_639_3[lang]) as creator:
        creator.set_mainpath("index.html" if lang == DEFAULT else f"{lang}/index.html")
        for name, value in {"Name": f"{NAME}_{lang}_all", "Title": TITLES[lang], "Description": DESCRIPTIONS[lang],
                            "LongDescription": f"{DESCRIPTIONS[lang]}.", "Language": ISO_639_3[lang],
                            "Creator": PUBLISHER, "Publisher": PUBLISHER, "Date": day.isoformat(),
                            "License": "© Council of the Baltic Sea States",
                            "Source": site_url or "offline bundle"}.items():
            creator.add_metadata(name, value)
        creator.add_illustration(48, illustration())
        for file in sorted(p for p in tree.rglob("*") if p.is_file()):
            rel = file.relative_to(tree).as_posix()
            if not belongs(rel, lang):
                continue
            page = for_zim(file.read_text(encoding="utf-8"), lang, rel, site_url) if rel.endswith(".html") else None
            creator.add_item(Entry(rel, file, page))


def make_zims(tree: Path, out: Path, site_url: str | None) -> list[Path]:
    """One ZIM per language from the offline build in tree, into out; returns their paths."""
    month = build_date().strftime("%Y-%m")
    made = []
    for lang in CODES:
        target = out / f"{NAME}_{lang}_all_{month}.zim"
        target.unlink(missing_ok=True)
        write_zim(tree, target, lang, site_url)
        made.append(target)
    return made
