"""The calendar: which events are upcoming, and the iCalendar files (RFC 5545).

"Upcoming" is decided at build time, from the build date: today, or the date
of SOURCE_DATE_EPOCH when it is set (reproducible builds, stable tests).
"""
from __future__ import annotations

import calendar as month_lengths
import datetime as dt
import os

from .dates import PartialDate, format_partial
from .memo import Memo

PRODID = "-//CBSS Secretariat Children's Unit//WGCC events//EN"
CALENDAR_NAMES = {"en": "WGCC events: children at risk in the Baltic Sea region",
                  "ru": "События WGCC: дети групп риска в регионе Балтийского моря"}
MONTH_ONLY_NOTE = {"en": "The exact days are not recorded; the event took place in {month}.",
                   "ru": "Точные даты не указаны; событие состоялось в период: {month}."}


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def span(event: dict) -> tuple[dt.date, dt.date] | None:
    """First and last day of a dated event; a month-only date covers its whole month."""
    if "date" not in event:
        return None
    start = PartialDate.parse(event["date"])
    end = PartialDate.parse(event["end"]) if "end" in event else start
    last = end.day or month_lengths.monthrange(end.year, end.month)[1]
    return start.first_day, dt.date(end.year, end.month, last)


def is_upcoming(event: dict, today: dt.date) -> bool:
    """Not over yet; an event without a date counts as upcoming only when planned."""
    days = span(event)
    return event.get("planned", False) if days is None else days[1] >= today


def upcoming(events: list[dict], today: dt.date) -> list[dict]:
    """Upcoming events, soonest first; planned events without a date last."""
    found = [e for e in events if is_upcoming(e, today)]
    return sorted(found, key=lambda e: (span(e) is None, span(e) or ()))


def past_by_year(events: list[dict], today: dt.date) -> list[tuple[int | None, list[dict]]]:
    """Past events grouped by year, latest first; those without a date in a last group (None)."""
    years: dict[int | None, list[dict]] = {}
    for event in events:
        if not is_upcoming(event, today):
            days = span(event)
            years.setdefault(days[0].year if days else None, []).append(event)
    order = sorted((y for y in years if y is not None), reverse=True) + ([None] if None in years else [])
    return [(year, sorted(years[year], key=lambda e: span(e) or (), reverse=True)) for year in order]


def by_country(events: list[dict]) -> dict[str, list[dict]]:
    """Events by the code of the country they took place in."""
    found: dict[str, list[dict]] = {}
    for event in events:
        if "country" in event:
            found.setdefault(event["country"], []).append(event)
    return found


def place(event: dict, lang: str, countries: dict[str, dict]) -> str:
    """'Kiev, Ukraine', 'Ukraine', 'Kiev', or '' when the data names no place."""
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


def latest_first(events: list[dict]) -> list[dict]:
    """Dated events from the latest to the earliest, then those without a date."""
    return sorted(events, key=lambda e: (span(e) is not None, span(e) or ()), reverse=True)


def meeting_pages(events: list[dict]) -> list[list[dict]]:
    """Expert meetings in order of date, cut into list pages."""
    meetings = [e for e in events if e["type"] == "expert-meeting"]
    return pages_of(sorted(meetings, key=lambda e: span(e) or ()))


def uid(event: dict) -> str:
    """Stable across builds and equal in both languages, so a calendar updates the same entry."""
    return f"{event['id']}@wgcc-bsr-children-at-risk"


def ical_event(event: dict, lang: str, place: str, stamp: dt.datetime) -> str:
    """A dated event as an iCalendar VEVENT, in text (see calendar_files)."""
    import icalendar  # here, not at the top: most builds take every event from the memo

    days = span(event)
    item = icalendar.Event()
    item.add("uid", uid(event))
    item.add("dtstamp", stamp)
    item.add("summary", event["title"][lang])
    # All-day events: DTEND is the day after the last day (RFC 5545, 3.6.1).
    item.add("dtstart", days[0])
    item.add("dtend", days[1] + dt.timedelta(days=1))
    if place:
        item.add("location", place)
    lines = []
    if PartialDate.parse(event["date"]).day is None:
        lines.append(MONTH_ONLY_NOTE[lang].format(month=format_partial(PartialDate.parse(event["date"]), lang)))
    if "summary" in event:
        lines.append(event["summary"][lang])
    if lines:
        item.add("description", "\n\n".join(lines))
    item.add("categories", [event["type"]])
    return item.to_ical().decode("utf-8")


END = "END:VCALENDAR\r\n"


def calendar_head(lang: str) -> str:
    """What an iCalendar file of lang holds before its events."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CALENDAR_NAMES[lang])
    empty = cal.to_ical().decode("utf-8")
    assert empty.endswith(END)
    return empty[:-len(END)]


def calendar_files(events: list[dict], lang: str, countries: dict[str, dict], stamp: dt.datetime,
                   memo: Memo) -> tuple[dict[str, bytes], bytes]:
    """Each dated event's own iCalendar file (by the event's id), and the feed with them all.

    A calendar serializes as its head, its events one after the other, then
    END:VCALENDAR: each event is made once for its own file and the feed, and
    taken from the memo when it has not changed since the last build."""
    head = memo.get(calendar_head, lang)
    items = {event["id"]: memo.get(ical_event, event, lang, place(event, lang, countries), stamp)
             for event in events if span(event)}  # iCalendar needs a date
    own = {event_id: (head + item + END).encode("utf-8") for event_id, item in items.items()}
    return own, (head + "".join(items.values()) + END).encode("utf-8")


def stamp_for(today: dt.date) -> dt.datetime:
    """DTSTAMP: the build date at midnight UTC, so that a rebuild the same day writes the same files."""
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
