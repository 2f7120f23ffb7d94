"""The site's languages: the one place that names them.

The first is the default: its pages are at the site's root, the others' under
<code>/. Adding a language means a line here, its entry under the i18n plugin
in mkdocs.yml, its folder docs/<code>/, and its texts beside the others in
data/*.yml and data/labels.yml; tests/test_languages.py checks that all agree.
"""
from __future__ import annotations

import os

# code -> (its name in English, for messages to editors; Babel's locale for dates;
#          the locale Open Graph names it by, language_TERRITORY)
LANGUAGES = {
    "en": ("English", "en_GB", "en_GB"),  # dates in the European order ("24 October 2007"), as the CBSS writes them
    "ru": ("Russian", "ru", "ru_RU"),
}
CODES = tuple(LANGUAGES)
DEFAULT = CODES[0]


def english_name(code: str) -> str:
    return LANGUAGES[code][0]


def babel_locale(code: str) -> str:
    return LANGUAGES[code][1]


def og_locale(code: str) -> str:
    return LANGUAGES[code][2]


def editor_language(environ: dict | None = None) -> str:
    """The language of the person at the terminal: the site's language that LANGUAGE (its first
    entry) or LANG starts with, like ru_RU.UTF-8; the default one otherwise."""
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LANG"):
        first = environ.get(name, "").split(":")[0].lower()
        for code in CODES:
            if first.startswith(code):
                return code
    return DEFAULT

