"""Three defects of Material's markup that the W3C Nu Html Checker reports on every page, mended.

Material 9.8 writes, and no partial of ours can avoid without copying whole templates:
- autocomplete="off" on its checkbox toggles (drawer, search, navigation), which HTML
  allows only on text-like inputs (it is there to stop Firefox restoring a toggle's state
  on reload; Material's script resets the toggles on load anyway);
- tabindex="" on navigation section labels (partials/nav-item.html), not a number;
- <label for="__toc"> in the table of contents of pages that are not in the navigation,
  naming a toggle that such pages do not have.
One pass over each written page (hooks.on_post_page) removes the attribute in each case.
"""
from __future__ import annotations

import re

TOGGLE_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="(?:checkbox|radio)"[^>]*?) autocomplete="off"')
EMPTY_TABINDEX = re.compile(r' tabindex=""')
LABEL_FOR = re.compile(r'(<label\b[^>]*?) for="([^"]+)"')
# An attribute follows white space (\bid= would try a word boundary at every character).
ELEMENT_ID = re.compile(r'\sid="([^"]+)"')


def valid_html(html: str) -> str:
    html = TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    html = EMPTY_TABINDEX.sub("", html)
    ids = set(ELEMENT_ID.findall(html))
    return LABEL_FOR.sub(lambda m: m.group(0) if m.group(2) in ids else m.group(1), html)
