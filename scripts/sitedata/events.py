"""Questions about events: when they take place, which are upcoming, how lists of them are ordered and cut.

"Upcoming" is decided at build time, from the build date (dates.build_date).
"""
from __future__ import annotations

import calendar as month_lengths
import datetime as dt

from markupsafe import Markup, escape

from .dates import PartialDate, format_partial, format_span, span_parts


def span(event: dict) -> tuple[dt.date, dt.date] | None:
    """First and last day of a dated event; a month-only date covers its whole month."""
    if "date" not in event:
        return None
    start = PartialDate.parse(event["date"])
    end = PartialDate.parse(event["end"]) if "end" in event else start
    last = end.day or month_lengths.monthrange(end.year, end.month)[1]
    return start.first_day, dt.date(end.year, end.month, last)


# A plan without a date is listed as upcoming for this long after it was announced; after that
# it is listed apart, as a plan that was never given a date, not as if it were imminent.
PLANS_KEPT = dt.timedelta(days=365)


def is_stale_plan(event: dict, today: dt.date) -> bool:
    """A planned event still without a date, announced more than a year before today."""
    return ("date" not in event and event.get("planned", False)
            and PartialDate.parse(event["announced"]).first_day + PLANS_KEPT < today)


def is_upcoming(event: dict, today: dt.date) -> bool:
    """Not over yet; an event without a date counts as upcoming only when planned, and lately."""
    days = span(event)
    if days is None:
        return event.get("planned", False) and not is_stale_plan(event, today)
    return days[1] >= today


def stale_plans(events: list[dict], today: dt.date) -> list[dict]:
    return [e for e in events if is_stale_plan(e, today)]


def upcoming(events: list[dict], today: dt.date) -> list[dict]:
    """Upcoming events, soonest first; planned events without a date last."""
    found = [e for e in events if is_upcoming(e, today)]
    return sorted(found, key=lambda e: (span(e) is None, span(e) or ()))


def past_by_year(events: list[dict], today: dt.date) -> list[tuple[int | None, list[dict]]]:
    """Past events grouped by year, latest first; those without a date in a last group (None)."""
    years: dict[int | None, list[dict]] = {}
    for event in events:
        if not is_upcoming(event, today) and not is_stale_plan(event, today):
            days = span(event)
            years.setdefault(days[0].year if days else None, []).append(event)
    order = sorted((y for y in years if y is not None), reverse=True) + ([None] if None in years else [])
    return [(year, sorted(years[year], key=lambda e: span(e) or (), reverse=True)) for year in order]


def date_text(event: dict, lang: str, words: dict, unknown: str, today: dt.date) -> str:
    """When an event takes place, in lang; for a planned one without a date, that the date is
    still to be set (or was never set) and when it was announced; else unknown."""
    if "date" not in event and event.get("planned"):
        state = words["date_never_set" if is_stale_plan(event, today) else "date_to_be_set"]
        announced = format_partial(PartialDate.parse(event["announced"]), lang)
        return f"{state} ({words['announced'].format(date=announced)})"
    if "date" not in event:
        return unknown
    end = PartialDate.parse(event["end"]) if "end" in event else None
    return format_span(PartialDate.parse(event["date"]), end, lang)


def date_html(event: dict, lang: str, words: dict, unknown: str, today: dt.date) -> Markup:
    """date_text as HTML: each date in a <time datetime> (YYYY-MM when only the month is known)."""
    if "date" not in event:
        return escape(date_text(event, lang, words, unknown, today))
    end = PartialDate.parse(event["end"]) if "end" in event else None
    parts, joint = span_parts(PartialDate.parse(event["date"]), end, lang)
    return Markup(joint).join(Markup('<time datetime="{}">{}</time>').format(date.iso(), text)
                              for date, text in parts)


def place(event: dict, lang: str, countries: dict[str, dict]) -> str:
    """'Kyiv, Ukraine', 'Ukraine', 'Kyiv', or '' when the data names no place."""
    parts = [event["city"][lang]] if "city" in event else []
    if event.get("country") in countries:
        parts.append(countries[event["country"]]["name"][lang])
    return ", ".join(parts)


# Past events per calendar page, and expert meetings per list page: every page stays
# small however long the history grows (the benchmark's 60 KB goal).
PAGE_SIZE = 40


def pages_of(items: list, size: int = PAGE_SIZE) -> list[list]:
    """items cut into pages of size; always at least one (empty) page."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def past_pages(events: list[dict], today: dt.date) -> list[list[tuple[int | None, list[dict]]]]:
    """Past events, latest first, cut into pages, each page grouped by year."""
    flat = [(year, event) for year, items in past_by_year(events, today) for event in items]
    pages = []
    for page in pages_of(flat):
        groups: list[tuple[int | None, list[dict]]] = []
        for year, event in page:
            if groups and groups[-1][0] == year:
                groups[-1][1].append(event)
            else:
                groups.append((year, [event]))
        pages.append(groups)
    return pages


def latest(events: list[dict], today: dt.date) -> list[dict]:
    """Past events with a date, the latest first."""
    return [event for year, items in past_by_year(events, today) if year is not None for event in items]


def latest_first(events: list[dict]) -> list[dict]:
    """Dated events from the latest to the earliest, then those without a date."""
    return sorted(events, key=lambda e: (span(e) is not None, span(e) or ()), reverse=True)


def meeting_pages(events: list[dict]) -> list[list[dict]]:
    """Expert meetings in order of date, cut into list pages."""
    meetings = [e for e in events if e["type"] == "expert-meeting"]
    return pages_of(sorted(meetings, key=lambda e: span(e) or ()))
