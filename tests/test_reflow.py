"""Reflow (WCAG 2.1 SC 1.4.10): every page reads whole on a 320 px screen.

Every page of both languages, of the web site (over HTTP) and of the offline
bundle (from file://), at 320 px wide, in Debian's chromium: the page never
scrolls sideways (the document is no wider than the window). A box that
scrolls sideways inside the page (a wide table) is allowed only if the
keyboard can reach it (tabindex="0") and it has a name (aria-label or
aria-labelledby), so that keyboard and screen reader users can scroll it too.
One browser tab is reused for every page.
"""
from __future__ import annotations

import pytest

from conftest import html_pages

WIDTH = 320

# Whether the page scrolls sideways, and the boxes inside it that scroll
# sideways without being focusable and named.
MEASURE = """() => {
  const root = document.documentElement;
  const boxes = [];
  for (const el of document.querySelectorAll("main *")) {
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    const overflow = getComputedStyle(el).overflowX;
    if (overflow !== "auto" && overflow !== "scroll") continue;
    if (el.offsetWidth === 0) continue;
    const named = el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby");
    if (el.getAttribute("tabindex") !== "0" || !named) {
      boxes.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : ""));
    }
  }
  const wide = [];
  if (root.scrollWidth > root.clientWidth) {
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > root.clientWidth + 1) wide.push(el.tagName.toLowerCase() + " " + Math.round(r.right) + "px");
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, boxes, wide: wide.slice(0, 5)};
}"""


@pytest.fixture(scope="module")
def narrow(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 800})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("where", ["web", "offline"])
def test_no_page_scrolls_sideways_at_320_px(narrow, site, served_site, bundle, where):
    root = site if where == "web" else bundle
    base = served_site if where == "web" else bundle.as_uri()
    pages = html_pages(root) + (["404.html"] if where == "web" else [])
    assert len(pages) > 60 and "ru/resources.html" in pages, pages
    problems = []
    for rel in pages:
        narrow.goto(f"{base}/{rel}")
        # Tables' scrolling boxes are made by Material's script, then checked by ours (scroll-boxes.js).
        narrow.wait_for_function("[...document.querySelectorAll('.md-typeset__scrollwrap')]"
                                 ".every(box => box.dataset.bsrScroll)", timeout=5000)
        found = narrow.evaluate(MEASURE)
        if found["scrollWidth"] > found["clientWidth"]:
            problems.append(f"{rel}: {found['scrollWidth']} px wide in a {found['clientWidth']} px window; "
                            f"sticking out: {', '.join(found['wide'])}")
        if found["boxes"]:
            problems.append(f"{rel}: scrolls inside a box the keyboard cannot reach or that has no name: "
                            f"{', '.join(found['boxes'])}")
    assert not problems, f"{len(problems)} page(s) do not reflow at {WIDTH} px ({where}):\n" + "\n".join(problems)
