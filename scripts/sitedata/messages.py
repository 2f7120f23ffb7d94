"""Messages to editors in their language: the catalogue data/messages.yml, and which language to use.

Code never holds the words of a message, only its key and its parameters
(msg("check_not_a_date", value="2007-02-30")): a Problem keeps that, and is
written out in whichever language the editor reads, or in both on GitHub.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping

from .languages import CODES, editor_language
from .plurals import plural

CATALOGUE = Path(__file__).resolve().parents[2] / "data" / "messages.yml"


@lru_cache(maxsize=None)
def catalogue() -> dict[str, dict[str, str]]:
    """key -> {language: template}. Without positions: the problems of the catalogue itself
    are for its test (tests/test_messages.py), not for editors."""
    from .yaml_reader import parse  # (it reports its own problems with this module's messages)

    return parse(CATALOGUE.read_text(encoding="utf-8"))


def languages(env: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    """The languages to write messages in: every one on GitHub Actions (a pull request is read by
    editors of both), else the locale's: LANGUAGE first when set, as gettext does, then LANG."""
    return CODES if on_github(env) else (editor_language(env),)


def on_github(env: Mapping[str, str] = os.environ) -> bool:
    """Running in a GitHub Actions job (a pull request's checks)."""
    return env.get("GITHUB_ACTIONS") == "true"


def _in(value, lang: str):
    """A parameter as shown in lang: messages and counts are written in it, the rest as is."""
    return value.text(lang) if hasattr(value, "text") else value


@dataclass(frozen=True)
class Message:
    """A message of the catalogue with its parameters (text, numbers, or other messages)."""

    key: str
    params: tuple = ()

    def text(self, lang: str) -> str:
        return catalogue()[self.key][lang].format(**{name: _in(v, lang) for name, v in self.params})


def msg(key: str, /, **params) -> Message:
    return Message(key, tuple(sorted(params.items())))


def say(key: str, lang: str, /, **params) -> str:
    """A message of the catalogue, written in lang."""
    return msg(key, **params).text(lang)


@dataclass(frozen=True)
class Count:
    """A number with its word in the right form: "2 problems", «2 ошибки», «5 ошибок»."""

    n: int
    key: str  # of the word's plural forms in the catalogue

    def text(self, lang: str) -> str:
        return f"{self.n} {plural(self.n, catalogue()[self.key][lang], lang)}"


@dataclass(frozen=True)
class Localized:
    """A text already written in every language (a schema's description, a list joined by "or")."""

    texts: tuple  # (language, text) pairs

    def text(self, lang: str) -> str:
        return dict(self.texts)[lang]

    @classmethod
    def of(cls, write: Callable[[str], str]) -> "Localized":
        return cls(tuple((lang, write(lang)) for lang in CODES))


def quoted_list(names) -> Localized:
    """'file' or 'url'; «file» или «url»."""
    return Localized.of(lambda lang: say("or", lang).join(say("quoted", lang, name=n) for n in names))


def in_languages(write: Callable[[str], str], langs: tuple[str, ...]) -> str:
    """What write(lang) gives, for each language in turn, one after the other."""
    return "\n".join(write(lang) for lang in langs)
