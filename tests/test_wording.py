"""The rules of wording a machine can hold, on the built site in both languages:

- a number next to a noun takes the noun's right plural form (CLDR's rules, through Babel);
- the Russian pages and CONTRIBUTING.ru.md use one term per concept: no rendering
  that data/glossary.yml lists under `avoid` occurs (outside the glossary's own terms);
- no public page or document speaks of a "repository", a "placeholder" or a «заглушка».
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
from babel import Locale
from bs4 import BeautifulSoup

from conftest import PROJECT, data
from sitedata.render import format_size  # noqa: E402  (conftest puts scripts/ on the path)

# --- the text readers see -------------------------------------------------------

# Attributes whose values readers see or hear (tooltips, screen readers, empty fields).
READ_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")


@lru_cache(maxsize=None)
def visible_text(path: Path) -> str:
    """A page's text as readers see or hear it: its title, its body's text (not scripts
    or styles) and the attributes read out, with white space folded."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for element in soup(["script", "style", "template"]):
        element.decompose()
    said = [value for tag in soup.find_all(True) for name in READ_ATTRIBUTES
            if isinstance(value := tag.get(name), str)]
    return " ".join(" ".join([soup.get_text(" "), *said]).split())


def pages(root: Path, lang: str) -> list[Path]:
    """The HTML pages of one language of a built site (English at the root, Russian under ru/)."""
    found = sorted(root.rglob("*.html"))
    if lang == "ru":
        return [p for p in found if p.relative_to(root).parts[0] == "ru"]
    return [p for p in found if p.relative_to(root).parts[0] not in ("ru", "assets")]


# --- plural forms ------------------------------------------------------------

# The nouns the site puts next to numbers, with their forms.
# English: singular -> plural.
EN_NOUNS = {
    "expert": "experts", "country": "countries", "event": "events", "meeting": "meetings",
    "statement": "statements", "area": "areas", "byte": "bytes", "page": "pages",
    "resource": "resources", "contact": "contacts", "file": "files", "document": "documents",
    "tool": "tools", "child": "children", "state": "states", "priority": "priorities",
    "method": "methods", "part": "parts", "language": "languages", "day": "days", "month": "months",
    "year": "years", "point": "points",
}
# Russian: the forms with a number in the nominative (or inanimate accusative), by CLDR
# category (one, few, many: 1 эксперт, 2 эксперта, 5 экспертов), then after a word that
# governs the genitive (из, более, …): singular for "one" (из 21 эксперта), else plural.
RU_NOUNS = {
    "эксперт": ("эксперт", "эксперта", "экспертов", "эксперта", "экспертов"),
    "страна": ("страна", "страны", "стран", "страны", "стран"),
    "мероприятие": ("мероприятие", "мероприятия", "мероприятий", "мероприятия", "мероприятий"),
    "событие": ("событие", "события", "событий", "события", "событий"),
    "совещание": ("совещание", "совещания", "совещаний", "совещания", "совещаний"),
    "утверждение": ("утверждение", "утверждения", "утверждений", "утверждения", "утверждений"),
    "сфера": ("сфера", "сферы", "сфер", "сферы", "сфер"),
    "байт": ("байт", "байта", "байт", "байта", "байт"),
    "страница": ("страница", "страницы", "страниц", "страницы", "страниц"),
    "ресурс": ("ресурс", "ресурса", "ресурсов", "ресурса", "ресурсов"),
    "контакт": ("контакт", "контакта", "контактов", "контакта", "контактов"),
    "файл": ("файл", "файла", "файлов", "файла", "файлов"),
    "документ": ("документ", "документа", "документов", "документа", "документов"),
    "инструмент": ("инструмент", "инструмента", "инструментов", "инструмента", "инструментов"),
    "ребёнок": ("ребёнок", "ребёнка", "детей", "ребёнка", "детей"),
    "государство": ("государство", "государства", "государств", "государства", "государств"),
    "направление": ("направление", "направления", "направлений", "направления", "направлений"),
    "метод": ("метод", "метода", "методов", "метода", "методов"),
    "часть": ("часть", "части", "частей", "части", "частей"),
    "язык": ("язык", "языка", "языков", "языка", "языков"),
    "день": ("день", "дня", "дней", "дня", "дней"),
    "месяц": ("месяц", "месяца", "месяцев", "месяца", "месяцев"),
    "человек": ("человек", "человека", "человек", "человека", "человек"),
}
GENITIVE_BEFORE = {"из", "от", "до", "более", "менее", "около", "свыше", "без", "для", "кроме", "у",
                   "после", "среди", "вместо", "больше", "меньше"}
RU_CATEGORY_INDEX = {"one": 0, "few": 1, "many": 2}

# An integer (not part of 1,5 or 2.1) followed by a space; the word before it (a
# Russian preposition may govern the genitive) and the one or two words after it
# (an adjective may stand between: "20 последних мероприятий").
NUMBER = re.compile(r"(?<![\w.,])\d+(?=\s)")
WORD_BEFORE = re.compile(r"(\w+)\s+\Z")
WORDS_AFTER = re.compile(r"\s+(\w+)(?:\s+(\w+))?")
RU_ADJECTIVE = re.compile(r"\w+(?:ых|их|ые|ие|ый|ий|ой|ая|яя|ое|ее|ого|его)\Z")

EN_FORMS = {**{s: s for s in EN_NOUNS}, **{p: s for s, p in EN_NOUNS.items()}}  # form -> singular
RU_FORMS = {form: lemma for lemma, forms in RU_NOUNS.items() for form in forms}


def plural_category(n: int, lang: str) -> str:
    return Locale.parse(lang).plural_form(n)


def _noun_after(after: re.Match, forms: dict) -> str | None:
    """The noun of ours that follows a number: the next word, or the one after an adjective."""
    first, second = (w.lower() if w else None for w in after.groups())
    if first in forms:
        return first
    if second in forms and RU_ADJECTIVE.match(first):
        return second
    return None


def plural_problems(text: str, lang: str) -> tuple[list[str], int]:
    """(each number and noun that do not agree, how many pairs were checked)."""
    problems, checked = [], 0
    forms = EN_FORMS if lang == "en" else RU_FORMS
    for match in NUMBER.finditer(text):
        after = WORDS_AFTER.match(text, match.end())
        noun = _noun_after(after, forms) if after else None
        if noun is None:
            continue
        n, category = int(match[0]), plural_category(int(match[0]), lang)
        if len(match[0]) == 4 and 1900 <= n <= 2100:
            continue  # a year, not a count: "May 2007 Expert meeting …", «2008 года»
        checked += 1
        before = WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        before = before[1].lower() if before else ""
        if lang == "en":
            expected = forms[noun] if category == "one" else EN_NOUNS[forms[noun]]
        else:
            lemma = RU_NOUNS[forms[noun]]
            if before in GENITIVE_BEFORE:
                expected = lemma[3] if category == "one" else lemma[4]
            else:
                expected = lemma[RU_CATEGORY_INDEX.get(category, 1)]
        if noun != expected:
            end = after.end(1) if after[1].lower() == noun else after.end(2)
            said = text[match.start() - len(before) - 1 if before else match.start():end].strip()
            problems.append(f"{said!r}: write {n} {expected}")
    return problems, checked


@pytest.mark.parametrize("text, lang, wrong", [
    ("The latest 20 of 21 events.", "en", []),
    ("1 bytes; 21 event; 1 byte; 0 events; 41 bytes", "en", ["'1 bytes'", "'21 event'"]),
    ("последние 20 из 21 событий", "ru", ["'из 21 событий'"]),
    ("последние 20 из 21 события; более 50 экспертов из 10 стран", "ru", []),
    ("33 байт, 41 байт, 33 байта, 5 байт", "ru", ["'33 байт'"]),
    ("21 страна, 2 страны, 5 стран, 2 последних мероприятий", "ru", ["'2 последних мероприятий'"]),
    ("1,5 байта; WCAG 2.1 стран; 4-е совещание", "ru", []),
    ("November 2007 Expert meeting; September 2006 children", "en", []),
])
def test_the_plural_check_itself(text, lang, wrong):
    problems, _ = plural_problems(text, lang)
    assert [p.split(":")[0] for p in problems] == wrong


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_number_next_to_a_noun_takes_its_plural_form(site, bundle, lang):
    problems, checked = [], 0
    for root in (site, bundle):
        for path in pages(root, lang):
            found, count = plural_problems(visible_text(path), lang)
            problems += [f"{path.relative_to(root)}: {p}" for p in found]
            checked += count
    assert problems == []
    # The scan sees the site's numbers: "more than 50 experts from 10 countries", file sizes, ...
    assert checked >= 10, checked


def test_sizes_in_bytes_take_their_plural_form():
    units = {lang: {name: text[lang] for name, text in data("labels")["size_units"].items()} for lang in ("en", "ru")}
    said = {n: (format_size(n, "en", units["en"]), format_size(n, "ru", units["ru"])) for n in (1, 2, 5, 21, 33, 794)}
    said = {n: (en.replace("\u00a0", " "), ru.replace("\u00a0", " ")) for n, (en, ru) in said.items()}
    assert said == {1: ("1 byte", "1 байт"), 2: ("2 bytes", "2 байта"), 5: ("5 bytes", "5 байт"),
                    21: ("21 bytes", "21 байт"), 33: ("33 bytes", "33 байта"), 794: ("794 bytes", "794 байта")}


def test_a_size_keeps_its_unit_on_its_line():
    """A narrow screen must not put «КБ» alone on the next line (seen at 320 px on ru/resources.html)."""
    units = {name: text["ru"] for name, text in data("labels")["size_units"].items()}
    assert [format_size(n, "ru", units) for n in (5, 21 * 1024, 1536 * 1024)] == ["5\u00a0байт", "21\u00a0КБ", "1,5\u00a0МБ"]


# --- one term per concept (data/glossary.yml) ---------------------------------

def _fold(text: str) -> str:
    """Lower case, ё as е, white space folded: as a reader would search."""
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").lower().split())


def avoided_terms_found(text: str) -> list[str]:
    """The renderings the glossary says to avoid that the text holds, outside its own terms
    (the avoided «ответственность» may stand in the term «национальная ответственность»)."""
    glossary = data("glossary")
    terms = sorted({_fold(t) for entry in glossary for t in entry["term"]["ru"].split(";") if t.strip()},
                   key=len, reverse=True)
    folded = _fold(text)
    for term in terms:
        folded = folded.replace(term, " | ")
    return [f"{entry['id']}: «{avoided}» (the site's term: «{entry['term']['ru']}»)"
            for entry in glossary for avoided in entry.get("avoid", [])
            if re.search(r"(?<!\w)" + re.escape(_fold(avoided)) + r"(?!\w)", folded)]


def test_the_glossary_check_itself():
    assert avoided_terms_found("Календарь: предстоящие события") == [
        "event: «события» (the site's term: «мероприятие»)"]
    assert avoided_terms_found("«Предотвращение торговли людьми: национальная ответственность и …»") == []
    assert avoided_terms_found("Необходимо обсудить ответственность") != []


def test_russian_pages_and_guide_use_the_glossary_terms(site):
    texts = {str(p.relative_to(site)): visible_text(p) for p in pages(site, "ru")}
    texts.update({str(p.relative_to(site)): p.read_text(encoding="utf-8")
                  for p in (site / "documents").rglob("*.ru.*") if p.suffix in (".md", ".txt")})
    texts["CONTRIBUTING.ru.md"] = (PROJECT / "CONTRIBUTING.ru.md").read_text(encoding="utf-8")
    found = {name: hits for name, text in texts.items() if (hits := avoided_terms_found(text))}
    assert found == {}


# --- no words of the workshop in public ----------------------------------------

WORKSHOP_WORDS = re.compile(r"\brepositor(?:y|ies)\b|\bplaceholders?\b|заглушк", re.IGNORECASE)
TEXT_FILES = (".md", ".txt", ".ics", ".vcf")


def public_texts(root: Path) -> dict[str, str]:
    """Every text a reader of this output may see: the pages, the search index, the
    calendars, the contacts, the documents and the README."""
    texts = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.suffix == ".html":
            texts[rel] = visible_text(path)
        elif path.suffix in TEXT_FILES:
            texts[rel] = path.read_text(encoding="utf-8-sig", errors="replace")
        elif path.name == "search_index.json":
            index = json.loads(path.read_text(encoding="utf-8"))
            texts[rel] = " ".join(f"{doc.get('title', '')} {doc.get('text', '')}" for doc in index.get("docs", []))
    return texts


def test_no_public_page_or_document_speaks_of_repositories_or_placeholders(site, bundle):
    texts = {f"site/{k}": v for k, v in public_texts(site).items()}
    texts.update({f"bundle/{k}": v for k, v in public_texts(bundle).items()})
    # The documents to publish (data/documents/README.md is for editors and never published).
    documents = PROJECT / "data" / "documents"
    texts.update({f"data/documents/{p.relative_to(documents)}": p.read_text(encoding="utf-8", errors="replace")
                  for p in documents.rglob("*") if p.is_file() and p.name != "README.md"})
    assert len([k for k in texts if k.endswith(".html")]) > 50
    found = {name: sorted(set(WORKSHOP_WORDS.findall(text))) for name, text in texts.items()
             if WORKSHOP_WORDS.search(text)}
    assert found == {}
