"""The calendar as iCalendar files (RFC 5545): one per dated event, and a feed with them all."""
from __future__ import annotations

import datetime as dt

import icalendar

from .dates import PartialDate, format_partial
from .events import place, span
from .model import uid

PRODID = "-//CBSS Secretariat Children's Unit//WGCC events//EN"


def _event(event: dict, lang: str, countries: dict[str, dict], stamp: dt.datetime, labels) -> icalendar.Event:
    days = span(event)
    item = icalendar.Event()
    item.add("uid", uid(event["id"]))
    item.add("dtstamp", stamp)
    item.add("summary", event["title"][lang])
    # All-day events: DTEND is the day after the last day (RFC 5545, 3.6.1).
    item.add("dtstart", days[0])
    item.add("dtend", days[1] + dt.timedelta(days=1))
    where = place(event, lang, countries)
    if where:
        item.add("location", where)
    lines = []
    if PartialDate.parse(event["date"]).day is None:
        month = format_partial(PartialDate.parse(event["date"]), lang)
        lines.append(labels("ical_month_only", lang).format(month=month))
    if "summary" in event:
        lines.append(event["summary"][lang])
    if lines:
        item.add("description", "\n\n".join(lines))
    item.add("categories", [event["type"]])
    return item


def _calendar(lang: str, items: list[icalendar.Event], labels) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", labels("ical_calendar_name", lang))
    for item in items:
        cal.add_component(item)
    return cal.to_ical()


def calendar_files(events: list[dict], lang: str, countries: dict[str, dict], today: dt.date,
                   labels) -> tuple[dict[str, bytes], bytes]:
    """Each dated event's own iCalendar file (by the event's id), and the feed with them all.

    DTSTAMP is the build date at midnight UTC, so that a rebuild the same day writes the same files.
    labels(key, lang): the interface words (languages.label)."""
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    items = {event["id"]: _event(event, lang, countries, stamp, labels) for event in events if span(event)}
    own = {event_id: _calendar(lang, [item], labels) for event_id, item in items.items()}
    return own, _calendar(lang, list(items.values()), labels)
