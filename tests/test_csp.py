"""Every page carries a Content-Security-Policy that allows no third party, and works under it."""
from __future__ import annotations

import re

import pytest

from conftest import html_pages, page

# Pages that use every kind of script: search, the e-mail script, tables, the language switcher.
VISITED = ["index.html", "contact.html", "tools/self-assessment.html", "events/oslo-2006.html",
           "ru/index.html", "ru/contact.html"]
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


def _policy(soup):
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return meta["content"] if meta else None


@pytest.mark.parametrize("where", ["site", "bundle"])
def test_every_page_has_a_policy_first_and_no_third_party_origin(request, where):
    root = request.getfixturevalue(where)
    for rel in html_pages(root):
        soup = page(root, rel)
        policy = _policy(soup)
        assert policy, rel
        assert "default-src 'none'" in policy and "form-action 'none'" in policy
        assert not re.search(r"https?:|\*|//", policy), (rel, policy)
        first = next(t for t in soup.head.find_all(["meta", "script", "link", "style"]) if not t.has_attr("charset"))
        assert first.get("http-equiv") == "Content-Security-Policy", rel  # before any script or style


def _visit(browser, url):
    tab = browser.new_page()
    tab.add_init_script(RECORD_VIOLATIONS)
    tab.goto(url)
    tab.wait_for_load_state("load")
    return tab


@pytest.mark.parametrize("where", ["served_site", "bundle"])
def test_pages_work_under_their_policy(request, browser, where):
    base = request.getfixturevalue(where)
    base = base if isinstance(base, str) else base.as_uri()
    for rel in VISITED:
        tab = _visit(browser, f"{base}/{rel}")
        # Styles applied, Material's scripts ran (it marks <html> once started).
        assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert tab.evaluate("document.documentElement.classList.contains('js')")
        if rel.endswith("contact.html"):
            assert tab.locator("a[href='mailto:lars.loof@cbss.org']").count() == 1  # site script ran
        violations = tab.evaluate("window.__csp")
        tab.close()
        assert violations == [], (rel, violations)


@pytest.mark.parametrize("where", ["served_site", "bundle"])
def test_search_works_under_the_policy(request, browser, where):
    base = request.getfixturevalue(where)
    base = base if isinstance(base, str) else base.as_uri()
    tab = _visit(browser, f"{base}/ru/priorities.html")
    tab.locator("label.md-search__icon, .md-search__input").first.click()
    tab.keyboard.type("Ярославль")
    tab.keyboard.press("End")
    tab.wait_for_selector(".md-search-result__item", timeout=10_000)
    violations = tab.evaluate("window.__csp")
    tab.close()
    assert violations == []
