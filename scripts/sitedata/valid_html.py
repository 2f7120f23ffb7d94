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
LABEL_FOR = re.compile(r'(<label\b[^>]*?) for="([^"]+)"')


def _has_id(html: str, name: str) -> bool:
    # A page's labels name a few ids: looking each of them up is cheaper than listing every id of the page.
    return f' id="{name}"' in html or f'\nid="{name}"' in html


def valid_html(html: str) -> str:
    html = TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    html = html.replace(' tabindex=""', "")
    return LABEL_FOR.sub(lambda m: m.group(0) if _has_id(html, m.group(2)) else m.group(1), html)
