"""Accessibility in a real browser: axe-core on every page, and the keyboard.

axe-core (shipped inside the axe-playwright-python wheel) runs with its default
rules, none disabled, on every page of both languages at a desktop and a phone
width, in Debian's chromium, on the web site served over HTTP from this
machine; and on the search with its results shown (desktop in English, phone
in Russian). The keyboard tests walk pages with Tab as a keyboard user would.
What these tests back is claimed in docs/*/accessibility.md.
"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import html_pages, page as parsed

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
# Pages walked with the keyboard: each kind of page, both languages, the 404 page.
KEYBOARD_PAGES = ["index.html", "methods.html", "tools/self-assessment.html", "ru/contact.html",
                  "ru/meetings/index.html", "ru/events/yaroslavl-2005.html", "404.html"]
# Only for the keyboard walks: every state is checked as it ends, not half-way
# through one of Material's slides and fades.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

# axe-core as the wheel ships it, with its default rules, reporting violations (the wheel's own default).
AXE_SCRIPT = Axe().axe_script
AXE_RUN = "axe.run({resultTypes: ['violations']})"


@pytest.fixture(scope="module")
def tab(browser):
    """One browser tab for the whole module; tests set its size. Every page opens with axe-core
    in it (an init script), rather than having it sent into each page after it loaded."""
    context = browser.new_context(viewport=WIDTHS["desktop"])
    context.add_init_script(AXE_SCRIPT)
    page = context.new_page()
    yield page
    context.close()


# Material's script sets the height of each sidebar laid out beside the content (not hidden, not
# the phone's drawer) once the page has loaded: on a busy machine axe saw a sidebar before that.
SIDEBARS_LAID_OUT = """() => [...document.querySelectorAll('.md-sidebar')].every(bar => {
  const style = getComputedStyle(bar);
  return style.display === 'none' || style.position === 'fixed'
    || bar.querySelector('.md-sidebar__scrollwrap').style.height !== '';
})"""


def _violations(tab, where: str) -> list[str]:
    # As a reader meets the page: once Material has laid it out. (Waiting for the network to be
    # idle instead, 0.5 s a page, was half the time of the sweeps of every page.)
    tab.wait_for_function(SIDEBARS_LAID_OUT)
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    results = tab.evaluate(AXE_RUN)
    lines = []
    for rule in results["violations"]:
        targets = "; ".join(" ".join(map(str, node["target"])) for node in rule["nodes"])
        lines.append(f"{rule['id']} ({rule['impact']}) on {where}: {targets}\n    {rule['help']} {rule['helpUrl']}")
    return lines


def _report(lines: list[str]) -> str:
    return f"{len(lines)} accessibility violation(s):\n" + "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_on_any_page(tab, site, served_site, width):
    pages = html_pages(site) + ["404.html"]
    assert len(pages) > 30 and "ru/index.html" in pages, pages
    tab.set_viewport_size(WIDTHS[width])
    found = []
    for rel in pages:
        tab.goto(f"{served_site}/{rel}")
        found += _violations(tab, f"{rel} at {width} width")
    assert not found, _report(found)


@pytest.mark.parametrize("width, rel, query", [("desktop", "priorities.html", "meeting"),
                                               ("phone", "ru/priorities.html", "торговля")])
def test_axe_finds_nothing_in_search_results(tab, served_site, width, rel, query):
    """Material's search results had findings of their own (issue #7193)."""
    tab.set_viewport_size(WIDTHS[width])
    tab.goto(f"{served_site}/{rel}")
    tab.add_style_tag(content=NO_TRANSITIONS)
    # On a phone the search opens from its button; on a desktop the field is in the header.
    tab.locator("label.md-header__button[for='__search'], input.md-search__input").locator("visible=true").first.click()
    tab.keyboard.type(query)
    tab.keyboard.press("End")  # Material searches on keyup; typing Cyrillic fires none
    tab.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert tab.locator(".md-search__scrollwrap").is_visible()
    found = _violations(tab, f"{rel} at {width} width, search results for {query!r} shown")
    assert not found, _report(found)
    # The results are reached with the arrow keys (Tab leaves the search, as in
    # Material), with the focus shown, and followed with Enter.
    tab.keyboard.press("ArrowDown")
    focused = tab.evaluate_handle("document.activeElement")
    assert tab.evaluate("el => el.matches('.md-search-result__link')", focused)
    state = tab.evaluate(FOCUS_STATE, focused)
    assert state["shown"] and state["drawn"], state
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    tab.locator("article mark").first.wait_for()  # the page opened marks the words searched


FOCUS_STATE = """el => {
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  let opacity = 1;
  for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
  return {
    ring: [style.outlineStyle, style.outlineWidth, style.outlineColor, style.outlineOffset, style.boxShadow].join(" "),
    drawn: (style.outlineStyle !== "none" && style.outlineWidth !== "0px") || style.boxShadow !== "none",
    shown: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
           && box.left < innerWidth && box.top < innerHeight
           && style.visibility === "visible" && opacity > 0.1,
  };
}"""

# Every control a visitor can see (and the drawer's links, which appear as the
# focus enters them), marked with its index in document order. A group of radio
# buttons is one Tab stop (the arrow keys move within it, in every browser):
# its radios carry the group's name and are reached together.
MARK_CONTROLS = """() => {
  const all = [...document.querySelectorAll(
      "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]")]
    .filter(el => el.tabIndex >= 0 && !el.disabled
                  && el.checkVisibility({visibilityProperty: true}));
  all.forEach((el, i) => el.dataset.a11yControl = i);
  return all.map(el => [el.outerHTML.slice(0, 120), el.type === "radio" ? el.name : ""]);
}"""


def _walk(tab, limit: int = 150) -> list[dict]:
    """Tab from the top of the page until the focus leaves it; each stop's state."""
    stops = []
    for _ in range(limit):
        tab.keyboard.press("Tab")
        focused = tab.evaluate_handle("document.activeElement")
        if tab.evaluate("el => el === document.body || el === null", focused):
            break
        state = tab.evaluate(FOCUS_STATE, focused)
        state["control"] = tab.evaluate("el => el.dataset.a11yControl ?? null", focused)
        state["group"] = tab.evaluate("el => el.type === 'radio' ? el.name : ''", focused)
        state["html"] = tab.evaluate("el => el.outerHTML.slice(0, 120)", focused)
        state["unfocused"] = None
        stops.append(state)
        if len(stops) > 1 and state["control"] == stops[0]["control"]:
            break  # round the page once
    else:
        pytest.fail(f"more than {limit} Tab stops: a keyboard trap?")
    return stops


def _each_keyboard_page(tab, served_site, width):
    """Open each of KEYBOARD_PAGES at width, without transitions; yield how a problem names it."""
    tab.set_viewport_size(WIDTHS[width])
    for rel in KEYBOARD_PAGES:
        tab.goto(f"{served_site}/{rel}")
        tab.add_style_tag(content=NO_TRANSITIONS)
        yield f"{rel} at {width} width"


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_reaches_every_control_with_visible_focus(tab, served_site, width):
    problems = []
    for where in _each_keyboard_page(tab, served_site, width):
        controls = tab.evaluate(MARK_CONTROLS)
        stops = _walk(tab)
        # The ring of each stop, compared with the same element without focus.
        tab.evaluate("document.activeElement.blur()")
        for stop in stops:
            if stop["control"] is not None:
                selector = f"[data-a11y-control='{stop['control']}']"
                stop["unfocused"] = tab.evaluate(FOCUS_STATE, tab.query_selector(selector))["ring"]
            if not stop["shown"]:
                problems.append(f"{where}: focus on something not shown: {stop['html']}")
            elif not stop["drawn"] or stop["ring"] == stop["unfocused"]:
                problems.append(f"{where}: no focus indicator ({stop['ring']}): {stop['html']}")
        reached = {stop["control"] for stop in stops}
        groups = {stop["group"] for stop in stops} - {""}
        problems += [f"{where}: not reachable with Tab: {html}"
                     for i, (html, group) in enumerate(controls) if str(i) not in reached and group not in groups]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_first_tab_focuses_a_skip_link_to_the_content(tab, served_site, width):
    problems = []
    for where in _each_keyboard_page(tab, served_site, width):
        tab.keyboard.press("Tab")
        skip = tab.evaluate("""() => {
          const el = document.activeElement;
          const href = el.getAttribute("href") || "";
          const target = href.startsWith("#") ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
          return {html: el.outerHTML.slice(0, 120), skip: el.matches("a.md-skip"), text: el.textContent.trim(),
                  inContent: !!(target && target.closest("main .md-content")),
                  shown: getComputedStyle(el).opacity === "1" && el.getBoundingClientRect().top >= 0};
        }""")
        if not (skip["skip"] and skip["text"] and skip["inContent"] and skip["shown"]):
            problems.append(f"{where}: first Tab is not a visible skip link to the content: {skip}")
            continue
        # Following it, the next Tab goes on after the target, not back in the menus.
        target = tab.evaluate_handle("() => document.getElementById(decodeURIComponent("
                                    "document.activeElement.getAttribute('href').slice(1)))")
        tab.keyboard.press("Enter")
        tab.keyboard.press("Tab")
        onwards = tab.evaluate("""target => {
          const el = document.activeElement;
          return el !== document.body && !el.closest(".md-header, .md-tabs, .md-sidebar")
                 && (target.contains(el) || !!(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
        }""", target)
        if not onwards:
            problems.append(f"{where}: after the skip link, Tab does not go on from the content")
    assert not problems, "\n".join(problems)


def test_language_links_carry_lang_and_hreflang(site):
    for rel in html_pages(site) + ["404.html"]:
        links = parsed(site, rel).select(".md-select__link")
        assert {a.get("hreflang") for a in links} == {"en", "ru"}, (rel, links)
        assert all(a.get("lang") == a.get("hreflang") for a in links), (rel, links)


@pytest.mark.parametrize("width", WIDTHS)
def test_language_switcher_works_with_the_keyboard(tab, served_site, width):
    tab.set_viewport_size(WIDTHS[width])
    tab.goto(f"{served_site}/methods.html")
    tab.add_style_tag(content=NO_TRANSITIONS)
    for _ in range(20):
        tab.keyboard.press("Tab")
        if tab.evaluate("() => document.activeElement.getAttribute('hreflang') === 'ru'"):
            break
    else:
        pytest.fail("the link to the Russian page is not reachable with Tab")
    assert tab.evaluate("() => document.activeElement.lang") == "ru"
    assert tab.evaluate(FOCUS_STATE, tab.evaluate_handle("document.activeElement"))["shown"]
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url.endswith("/ru/methods.html")
    assert tab.evaluate("() => document.documentElement.lang") == "ru"
