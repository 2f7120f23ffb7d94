"""Dates of month or day precision, shown in the reader's language with Babel."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from babel.dates import format_date, format_skeleton

from .languages import babel_locale


def build_date() -> dt.date:
    """Today, or the date of SOURCE_DATE_EPOCH when it is set (reproducible builds, stable tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


@dataclass(frozen=True, order=True)
class PartialDate:
    """A day, or a whole month when the day is not known ("2005-04")."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse "YYYY-MM" or "YYYY-MM-DD"; ValueError if no such date exists."""
        parts = [int(p) for p in str(text).split("-")]
        if len(parts) not in (2, 3):
            raise ValueError(f"{text!r} is neither YYYY-MM nor YYYY-MM-DD")
        dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)  # raises on 2007-02-30
        return cls(*parts)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


def format_partial(date: PartialDate, lang: str) -> str:
    """'April 2005' / 'апрель 2005 г.'; '24 October 2007' / '24 октября 2007 г.'."""
    locale = babel_locale(lang)
    if date.day is None:
        # The locale's own month-and-year form (CLDR's yMMMM): in Russian the
        # stand-alone month name and "г.", as in its long dates ("апрель 2005 г.").
        return format_skeleton("yMMMM", date.first_day, locale=locale)
    return format_date(date.first_day, "long", locale=locale)


def span_parts(start: PartialDate, end: PartialDate | None, lang: str) -> tuple[list[tuple[PartialDate, str]], str]:
    """The pieces of format_span, each with the date it names, and what joins them:
    ([(24 Oct, '24'), (25 Oct, '25 October 2007')], '–'). (Pages put each piece in a <time>.)"""
    if end is None or end == start:
        return [(start, format_partial(start, lang))], ""
    if start.day and end.day and (start.year, start.month) == (end.year, end.month):
        return [(start, str(start.day)), (end, format_partial(end, lang))], "–"
    return [(start, format_partial(start, lang)), (end, format_partial(end, lang))], " – "


def format_span(start: PartialDate, end: PartialDate | None, lang: str) -> str:
    """One date, or a range: '24–25 October 2007', '30 October 2007 – 2 November 2007'."""
    parts, joint = span_parts(start, end, lang)
    return joint.join(text for _, text in parts)
