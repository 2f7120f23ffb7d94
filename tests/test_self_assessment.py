"""The self-assessment tool: radios in an accessible table, a picture drawn in the
browser, printing; nothing stored or sent; usable without JavaScript.

The browser tests run on the offline bundle from file:// and on the web site
over HTTP, in both languages, with every request of the page (and of its
workers) recorded and every write to the browser's storage watched.
"""
from __future__ import annotations

import pytest

from conftest import data, build_ok, copy_project, page

TOOL = data("tools")[0]
ID = TOOL["id"]
AREAS = [area["id"] for area in TOOL["areas"]]
REL = "tools/self-assessment.html"
PREFIX = {"en": "", "ru": "ru/"}
UNANSWERED = {"en": "not answered yet", "ru": "пока не отмечено"}
ANSWERED = {"en": "Areas answered: {} of {}.", "ru": "Отмечено сфер: {} из {}."}
CHOICES = [1, 2, 3, 1, 2, 3, 1, 2, 3]  # one statement per area, every level used

# Before any script of the page: writes to the storage and the cookie are
# recorded, and window.print only counts (a test cannot answer a print dialog).
WATCH = """
window.__writes = [];
window.__printed = 0;
for (const name of ["setItem", "removeItem", "clear"]) {
  const original = Storage.prototype[name];
  Storage.prototype[name] = function (...args) {
    window.__writes.push(name + " " + args.join(" "));
    return original.apply(this, args);
  };
}
const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
Object.defineProperty(Document.prototype, "cookie", {
  configurable: true,
  get() { return cookie.get.call(this); },
  set(value) { window.__writes.push("cookie " + value); cookie.set.call(this, value); },
});
window.print = () => { window.__printed += 1; };
"""
STORED = """() => {
  const all = store => Object.keys(store).sort().map(key => key + "=" + store.getItem(key));
  let cookie = "";
  try { cookie = document.cookie; } catch (e) {}
  return {local: all(localStorage), session: all(sessionStorage), cookie: cookie};
}"""
# The picture and the list, as the page shows them: area -> level ("0": not answered).
PICTURE = """tool => ({
  picture: Object.fromEntries([...tool.querySelectorAll(".bsr-picture-row[data-area]")]
    .map(row => [row.dataset.area, row.dataset.level])),
  list: Object.fromEntries([...tool.querySelectorAll(".bsr-result-list li[data-area]")]
    .map(li => [li.dataset.area, [li.dataset.level, li.innerText.trim()]])),
  status: tool.querySelector(".bsr-result-status").textContent,
  checked: [...tool.querySelectorAll("tbody input:checked")].map(input => input.id),
})"""


def _level_names(lang):
    return [level[lang] for level in TOOL["levels"]]


# ---- The HTML, as written (what a browser without JavaScript gets) ----

@pytest.mark.parametrize("lang", PREFIX)
def test_each_area_is_one_group_of_labelled_radios_in_the_accessible_table(site, lang):
    soup = page(site, PREFIX[lang] + REL)
    table = soup.select_one("table.bsr-assessment")
    assert table.caption and table.caption.get_text(strip=True) == TOOL["title"][lang]
    assert [th.get_text(strip=True) for th in table.select("thead th[scope=col]")][1:] == _level_names(lang)
    rows = table.select("tbody tr")
    assert [row["data-area"] for row in rows] == AREAS
    names = set()
    for row, area in zip(rows, TOOL["areas"]):
        assert row.select_one("th[scope=row]").get_text(strip=True) == area["title"][lang]
        radios = row.select("td input[type=radio]")
        assert len(radios) == 3 and len(row.select("td")) == 3
        assert {r["name"] for r in radios} == {f"{ID}--{area['id']}"}  # one group per area
        assert [r["value"] for r in radios] == ["1", "2", "3"]
        for radio, statement in zip(radios, area["statements"]):
            assert "autocomplete" not in radio.attrs  # not valid on radios; the script unmarks on load
            label = soup.find("label", attrs={"for": radio["id"]})
            assert label is not None and label.get_text(" ", strip=True) == statement[lang]
            # Read with its area and level when reached outside table navigation.
            described = [soup.find(id=ref).get_text(strip=True) for ref in radio["aria-describedby"].split()]
            assert described[0] == area["title"][lang] and described[1] in _level_names(lang)
        names.add(radios[0]["name"])
    assert len(names) == len(AREAS)
    assert table.find_parent("form") is None and not soup.select(".bsr-tool form")  # nothing to submit


@pytest.mark.parametrize("lang", PREFIX)
def test_picture_and_buttons_are_hidden_in_the_html(site, lang):
    soup = page(site, PREFIX[lang] + REL)
    result = soup.select_one(".bsr-tool .bsr-result")
    assert result.has_attr("hidden")
    assert result.select_one(".bsr-picture") and result.select_one(".bsr-result-list")
    assert {b["data-action"] for b in result.select("button[type=button]")} == {"print", "clear"}
    assert all(b.find_parent(class_="bsr-result") for b in soup.select(".bsr-tool button"))
    assert result.select_one("[role=status]") is not None  # the count is announced
    assert [li.get_text(" ", strip=True).split(": ")[-1] for li in result.select("li")] == [UNANSWERED[lang]] * 9
    scripts = [s.get("src", "") for s in soup.find_all("script")]
    assert "../" * (1 + (lang == "ru")) + "assets/javascripts/self-assessment.js" in scripts
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))


# ---- In a browser: the web site over HTTP and the offline bundle from file:// ----

def _url(request, where, lang):
    base = request.getfixturevalue(where)
    base = base if isinstance(base, str) else base.as_uri()
    return f"{base}/{PREFIX[lang]}{REL}"


def _open(browser, url, **options):
    """A tab on the page, loaded and settled; the list that records its requests from now on."""
    context = browser.new_context(**options)
    context.add_init_script(WATCH)
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    tab = context.new_page()
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    requests.clear()
    tab.evaluate("window.__writes = []")
    return context, tab, requests


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("where", ["bundle", "served_site"])
def test_picture_is_drawn_in_the_page_and_nothing_is_sent_or_stored(request, browser, where, lang):
    context, tab, requests = _open(browser, _url(request, where, lang))
    stored = tab.evaluate(STORED)
    tool = tab.locator(f".bsr-tool[data-tool={ID}]")
    assert tool.locator(".bsr-result").is_visible()
    assert tool.locator("button[data-action=print]").is_visible()
    state = tool.evaluate(PICTURE)
    assert set(state["picture"].values()) == {"0"} and state["checked"] == []
    assert state["status"] == ANSWERED[lang].format(0, 9)

    names = _level_names(lang)
    for area, level in zip(AREAS, CHOICES):
        tool.locator(f"label[for='{ID}--{area}--{level}']").click()  # the statement's text
    state = tool.evaluate(PICTURE)
    assert state["picture"] == {area: str(level) for area, level in zip(AREAS, CHOICES)}
    titles = [area["title"][lang] for area in TOOL["areas"]]
    assert state["list"] == {area: [str(level), f"{title}: {names[level - 1]}"]
                             for area, level, title in zip(AREAS, CHOICES, titles)}
    assert state["status"].startswith(ANSWERED[lang].format(9, 9))
    assert all(f"{name}: 3" in state["status"] for name in names)
    # The picture shows each area's mark in the column of its level.
    for area, level in zip(AREAS, CHOICES):
        marks = tool.locator(f".bsr-picture-row[data-area={area}] [data-cell]").evaluate_all(
            "cells => cells.map(c => getComputedStyle(c, '::after').content)")
        assert [m != "none" for m in marks] == [n == level for n in (1, 2, 3)], (area, marks)
    # A second choice in the same area replaces the first.
    tool.locator(f"label[for='{ID}--{AREAS[0]}--3']").click()
    assert tool.evaluate(PICTURE)["picture"][AREAS[0]] == "3"
    assert tool.locator(f"input[name='{ID}--{AREAS[0]}']:checked").count() == 1

    tool.locator("button[data-action=print]").click()
    assert tab.evaluate("window.__printed") == 1
    tool.locator("button[data-action=clear]").click()
    state = tool.evaluate(PICTURE)
    assert state["checked"] == [] and set(state["picture"].values()) == {"0"}
    assert all(value == ["0", f"{title}: {UNANSWERED[lang]}"]
               for value, title in zip(state["list"].values(), titles))
    assert state["status"] == ANSWERED[lang].format(0, 9)

    tab.wait_for_timeout(300)  # anything sent late would show now
    assert requests == []
    assert tab.evaluate("window.__writes") == []
    assert tab.evaluate(STORED) == stored
    context.close()


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("where", ["bundle", "served_site"])
def test_without_javascript_the_radios_work_and_the_picture_stays_hidden(request, browser, where, lang):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(_url(request, where, lang))
    assert not tab.locator(".bsr-result").is_visible()
    assert not tab.locator(".bsr-tool button").first.is_visible()
    for area, level in zip(AREAS, CHOICES):
        tab.locator(f"label[for='{ID}--{area}--{level}']").click()
    tab.locator(f"label[for='{ID}--{AREAS[1]}--1']").click()  # changing one's mind
    checked = tab.locator(".bsr-assessment input:checked").evaluate_all("inputs => inputs.map(i => i.id)")
    expected = [f"{ID}--{area}--{level}" for area, level in zip(AREAS, CHOICES)]
    expected[1] = f"{ID}--{AREAS[1]}--1"
    assert checked == expected
    assert not tab.locator(".bsr-result").is_visible()
    context.close()


@pytest.mark.parametrize("lang", PREFIX)
def test_printed_page_holds_the_table_and_the_picture_only(browser, served_site, lang):
    context, tab, _ = _open(browser, f"{served_site}/{PREFIX[lang]}{REL}")
    for area, level in zip(AREAS, CHOICES):
        tab.locator(f"label[for='{ID}--{area}--{level}']").click()
    tab.emulate_media(media="print")
    shown = tab.evaluate("""() => Object.fromEntries(
      [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
       ".bsr-tool-actions", "table.bsr-assessment", ".bsr-picture", ".bsr-result-list"]
      .map(s => [s, !!document.querySelector(s)?.checkVisibility()]))""")
    assert shown == {".md-header": False, ".md-tabs": False, ".md-sidebar--primary": False,
                     ".md-sidebar--secondary": False, ".md-footer": False, ".bsr-tool-actions": False,
                     "table.bsr-assessment": True, ".bsr-picture": True, ".bsr-result-list": True}
    assert tab.locator(".bsr-assessment input:checked").count() == 9
    # Printed as a table (the phone's cards are for screens), and in black and
    # white the levels differ in shape, not only in colour.
    assert tab.evaluate("getComputedStyle(document.querySelector('.bsr-assessment')).display") == "table"
    shapes = tab.evaluate("""() => [1, 2, 3].map(n => {
      const mark = getComputedStyle(document.querySelector(
        `.bsr-picture-row[data-level="${n}"] [data-cell="${n}"]`), "::after");
      return mark.borderTopLeftRadius + " " + mark.transform;
    })""")
    assert len(set(shapes)) == 3, shapes
    assert len(tab.pdf()) > 10_000  # and it prints
    context.close()


def test_keyboard_marks_one_statement_per_area(browser, served_site):
    """Tab reaches each area's group once; the arrow keys move and mark within it."""
    context, tab, _ = _open(browser, f"{served_site}/{REL}")
    tab.locator(".bsr-table").focus()  # the table's scrolling region, just before the radios
    tab.keyboard.press("Tab")
    focused = "() => document.activeElement.id"
    assert tab.evaluate(focused) == f"{ID}--{AREAS[0]}--1"
    tab.keyboard.press("Space")
    tab.keyboard.press("ArrowRight")
    assert tab.evaluate(focused) == f"{ID}--{AREAS[0]}--2"
    tab.keyboard.press("Tab")
    assert tab.evaluate(focused) == f"{ID}--{AREAS[1]}--1"
    tab.keyboard.press("ArrowLeft")  # wraps round to the last statement
    picture = tab.locator(".bsr-tool").evaluate(PICTURE)["picture"]
    assert (picture[AREAS[0]], picture[AREAS[1]]) == ("2", "3")
    ring = tab.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert ring == "solid"  # the focus shows
    context.close()


def test_reloading_the_page_forgets_the_choices(browser, served_site):
    """Browsers restore a form's state on reload; the script unmarks it, so nothing comes back."""
    context, tab, _ = _open(browser, f"{served_site}/{REL}")
    tab.locator(f"label[for='{ID}--{AREAS[0]}--3']").click()
    assert tab.locator(f"#{ID}--{AREAS[0]}--3").is_checked()
    tab.reload()
    tab.wait_for_load_state("load")
    assert tab.locator(".bsr-tool input[type=radio]:checked").count() == 0
    context.close()


def test_radios_are_large_targets_on_a_phone(browser, served_site):
    context, tab, _ = _open(browser, f"{served_site}/ru/{REL}", viewport={"width": 375, "height": 812})
    sizes = tab.locator(".bsr-assessment td label").evaluate_all(
        "labels => labels.map(l => [l.getBoundingClientRect().width, l.getBoundingClientRect().height,"
        " l.querySelector('input').getBoundingClientRect().width])")
    assert len(sizes) == 27
    assert all(width > 300 and height >= 44 and radio >= 20 for width, height, radio in sizes), sizes
    context.close()


# ---- Tools are a collection: two on one page do not clash ----

SECOND_TOOL = """
- id: check-in
  title:
    en: A short check-in
    ru: Короткая проверка
  summary:
    en: Two areas only.
    ru: Только две сферы.
  levels:
    - {en: Fine, ru: Хорошо}
    - {en: So-so, ru: Так себе}
    - {en: Hard, ru: Трудно}
  areas:
    - id: peers
      title: {en: Friends, ru: Друзья}
      statements:
        - {en: Good friends, ru: Хорошие друзья}
        - {en: Some friends, ru: Есть друзья}
        - {en: No friends, ru: Нет друзей}
    - id: change
      title: {en: Change, ru: Перемены}
      statements:
        - {en: Ready, ru: Готов(а)}
        - {en: Not sure, ru: Не уверен(а)}
        - {en: No, ru: Нет}
"""


TWO = "tools/index.html"


@pytest.fixture(scope="module")
def two_tools_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("two-tools") / "project")
    tools = project / "data" / "tools.yml"
    tools.write_text(tools.read_text(encoding="utf-8") + SECOND_TOOL, encoding="utf-8")
    for lang in PREFIX:  # both tools on one page too: the list of tools
        doc = project / "docs" / lang / "tools" / "index.md"
        doc.write_text(doc.read_text(encoding="utf-8") + f'\n{{{{ self_assessment("{ID}") }}}}\n'
                       '\n{{ self_assessment("check-in") }}\n', encoding="utf-8")
    return build_ok(project, "--no-bundle")


def test_a_tool_added_as_data_gets_its_page_and_a_place_in_the_list(two_tools_site):
    for prefix in ("", "ru/"):
        assert page(two_tools_site, f"{prefix}tools/check-in.html").select("table.bsr-assessment tbody tr")
        assert page(two_tools_site, f"{prefix}tools/index.html").find("a", href="check-in.html")


def test_two_tools_on_one_page_have_their_own_ids_groups_and_pictures(two_tools_site, browser):
    soup = page(two_tools_site, TWO)
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    first = {r["name"] for r in soup.select(f".bsr-tool[data-tool={ID}] input")}
    second = {r["name"] for r in soup.select(".bsr-tool[data-tool=check-in] input")}
    assert len(first) == 9 and second == {"check-in--peers", "check-in--change"}
    tab = browser.new_page()
    tab.goto((two_tools_site / TWO).as_uri())
    tab.locator("label[for='check-in--peers--3']").click()
    tab.locator(f"label[for='{ID}--peers--1']").click()
    one = tab.locator(f".bsr-tool[data-tool={ID}]").evaluate(PICTURE)
    two = tab.locator(".bsr-tool[data-tool=check-in]").evaluate(PICTURE)
    assert one["picture"]["peers"] == "1" and one["status"].startswith(ANSWERED["en"].format(1, 9))
    assert two["picture"] == {"peers": "3", "change": "0"}
    assert two["list"]["peers"] == ["3", "Friends: Hard"]
    assert two["status"].startswith(ANSWERED["en"].format(1, 2))
    tab.close()
