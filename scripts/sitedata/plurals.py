"""Plural forms: the form of a word that goes with a number, by the language's
own rules (CLDR's, through Babel): "1 byte", "2 bytes"; «1 байт», «2 байта», «5 байт».

A word with plural forms is written in data/labels.yml as its forms separated by
"|", in the order of the language's categories below: English "byte|bytes"
(one, other), Russian "байт|байта|байт|байта" (one, few, many, other; "other"
is for fractions: «1,5 байта»).
"""
from __future__ import annotations

from functools import lru_cache

from babel import Locale

from .languages import babel_locale

# CLDR's plural categories, in the order labels list their forms.
ORDER = ("zero", "one", "two", "few", "many", "other")


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale:
    return Locale.parse(babel_locale(lang))


def categories(lang: str) -> tuple[str, ...]:
    """The language's plural categories, in the order a label lists its forms."""
    tags = _locale(lang).plural_form.tags
    return tuple(c for c in ORDER if c in tags or c == "other")


def category(n: int | float, lang: str) -> str:
    """'one', 'few', 'many' or 'other' (as the language has them) for the number n."""
    return _locale(lang).plural_form(n)


def plural(n: int | float, forms: str, lang: str) -> str:
    """The form of the word for the number n, from its forms as a label lists them."""
    words = [w.strip() for w in forms.split("|")]
    expected = categories(lang)
    if len(words) != len(expected):
        raise ValueError(f"{forms!r}: a word with plural forms needs {len(expected)} forms in {lang} "
                         f"({', '.join(expected)}), separated by |")
    return words[expected.index(category(n, lang))]
