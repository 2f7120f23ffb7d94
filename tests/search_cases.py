"""The words a search must understand (issue 13), and the search box of a page
driven by Playwright, shared by the search tests online and offline.

Each pair is (base form, another form of the same word): both must find the
same pages, and some. The recall table in the README counts them.
"""
from __future__ import annotations

from playwright.sync_api import Page

RUSSIAN_PAIRS = [
    ("торговля", "торговли"), ("торговля", "торговлей"), ("совещание", "совещаний"),
    ("Ярославль", "Ярославля"), ("Таллин", "Таллине"), ("Киев", "Киеве"), ("Рейкьявик", "Рейкьявике"),
    ("Варшава", "Варшаве"), ("Вильнюс", "Вильнюса"), ("Петербург", "Петербурге"),
    ("ребёнок", "ребенок"), ("ребёнок", "ребёнка"), ("ребёнок", "ребенку"),  # ё as е; a fleeting vowel
    ("дети", "детьми"), ("дети", "детей"), ("помощь", "помощи"), ("защита", "защиты"),
    ("жертва", "жертвами"), ("эксплуатация", "эксплуатации"), ("страна", "странах"),
    ("сотрудничество", "сотрудничества"), ("государство", "государств"), ("море", "моря"),
    ("балтийское", "Балтийского"), ("национальный", "национальных"),  # adjectives
    ("несопровождаемый", "несопровождаемых"), ("экспертный", "экспертного"), ("молодой", "молодых"),
    ("девушка", "девушек"), ("учреждение", "учреждений"), ("поддержка", "поддержки"),
    ("поддерживать", "поддерживает"), ("работать", "работают"), ("обсудить", "обсуждение"),  # verbs
]
ENGLISH_PAIRS = [
    ("meeting", "meetings"), ("trafficking", "trafficked"), ("organisation", "organisations"),
    ("training", "trained"), ("victim", "victims"), ("country", "countries"), ("protect", "protecting"),
    ("expert", "experts"), ("priority", "priorities"), ("challenge", "challenges"),
    ("support", "supported"), ("cooperate", "cooperation"),
]
# The issue's words, with their base form (Russian pages).
ISSUE_WORDS = [("торговля", "торговли"), ("совещаний", "совещание"), ("Ярославля", "Ярославль"),
               ("Таллине", "Таллин"), ("ребенок", "ребёнок")]
NOTHING = {"en": "No matching documents", "ru": "Совпадений не найдено"}


class SearchBox:
    """Material's search box on the page at url (of the web site or of the bundle)."""

    def __init__(self, page: Page, url: str):
        self.page = page
        page.goto(url)
        page.locator("label.md-search__icon, .md-search__input").first.click()
        self.meta = page.locator(".md-search-result__meta")
        # Ready when the line above the results says "Type to start searching": until the index is
        # loaded it says "Initializing search", and a query typed then finds nothing.
        page.wait_for_function("""() => {
            const words = JSON.parse(document.getElementById('__config').textContent).translations;
            return document.querySelector('.md-search-result__meta').innerText.trim()
                === words['search.result.placeholder'];
        }""")
        self.placeholder = self.clear()

    def clear(self) -> str:
        """Empty the box; what the line above the results says then."""
        self.page.locator("input.md-search__input").fill("")
        self.page.keyboard.press("End")  # Material searches on keyup
        self.page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
        return self.meta.inner_text()

    def search(self, words: str) -> tuple[str, list[str]]:
        """(the line above the results, the addresses of the pages listed, in order).

        Typed with fill(): one keyup for the whole query (each letter typed
        would start a search of its own, and Cyrillic typed fires none)."""
        self.clear()
        self.page.locator("input.md-search__input").fill(words)
        self.page.keyboard.press("End")
        self.page.wait_for_function("t => document.querySelector('.md-search-result__meta').innerText !== t",
                                    arg=self.placeholder)
        hrefs = self.page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
        return self.meta.inner_text(), [h.split("?")[0] for h in hrefs]


def differences(box: SearchBox, pairs) -> list[str]:
    """The pairs whose forms do not find the same pages, or find none."""
    wrong = []
    for base, other in pairs:
        found, also = box.search(base), box.search(other)
        if found != also or not found[1]:
            wrong.append(f"{base!r} {found[0]} ≠ {other!r} {also[0]}: {found[1][:3]} / {also[1][:3]}")
    return wrong
