"""The site's languages: the one place that names them.

The first is the default: its pages are at the site's root, the others' under
<code>/. Adding a language means a line here, its entry under the i18n plugin
in mkdocs.yml, its folder docs/<code>/, and its texts beside the others in
data/*.yml, data/labels.yml and data/messages.yml (where language_in_<code>
names it in messages to editors); tests/test_languages.py and
tests/test_messages.py check that all agree.
"""
from __future__ import annotations

import os

# code -> (its name in English, for programmers; Babel's locale for dates;
#          the locale Open Graph names it by, language_TERRITORY)
LANGUAGES = {
    "en": ("English", "en_GB", "en_GB"),  # dates in the European order ("24 October 2007"), as the CBSS writes them
    "ru": ("Russian", "ru", "ru_RU"),
}
CODES = tuple(LANGUAGES)
DEFAULT = CODES[0]


def babel_locale(code: str) -> str:
    return LANGUAGES[code][1]


def og_locale(code: str) -> str:
    return LANGUAGES[code][2]


def editor_language(environ=None) -> str:
    """The language of the person at the terminal, as gettext chooses it: the locale is LC_ALL,
    else LC_MESSAGES, else LANG (like ru_RU.UTF-8); LANGUAGE (its first entry) goes before it
    unless the locale is C or POSIX. The default language when none of them names one of ours."""
    environ = os.environ if environ is None else environ
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    wanted = locale if locale.split(".")[0] in ("C", "POSIX") else environ.get("LANGUAGE") or locale
    first = wanted.split(":")[0].lower()
    return next((code for code in CODES if first.startswith(code)), DEFAULT)

