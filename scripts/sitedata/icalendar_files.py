"""The calendar as iCalendar files (RFC 5545): one per dated event, and a feed with them all."""
from __future__ import annotations

import datetime as dt

import icalendar

from .dates import PartialDate, format_span
from .events import place, span
from .model import uid

PRODID = "-//CBSS Secretariat Children's Unit//WGCC events//EN"


def _event(event: dict, lang: str, countries: dict[str, dict], stamp: dt.datetime, labels) -> icalendar.Event:
    """A dated event. One whose days are not recorded (a month only) is not made a month-long
    event in people's calendars: it is a one-day entry on the first day of its month (RFC 5545,
    3.6.1: a DATE start without an end lasts one day), marked free time (TRANSP), with its month
    in the title and the description saying why it stands on that day."""
    start = PartialDate.parse(event["date"])
    end = PartialDate.parse(event["end"]) if "end" in event else None
    days, known = span(event), start.day is not None and (end is None or end.day is not None)
    item = icalendar.Event()
    item.add("uid", uid(event["id"]))
    item.add("dtstamp", stamp)
    item.add("dtstart", days[0])
    lines = []
    if known:
        item.add("summary", event["title"][lang])
        item.add("dtend", days[1] + dt.timedelta(days=1))  # all-day: the day after the last day
    else:
        when = format_span(start, end, lang)
        item.add("summary", f"{event['title'][lang]} ({when})")
        item.add("transp", "TRANSPARENT")
        lines.append(labels("ical_month_only", lang).format(month=when))
    where = place(event, lang, countries)
    if where:
        item.add("location", where)
    if "summary" in event:
        lines.append(event["summary"][lang])
    if lines:
        item.add("description", "\n\n".join(lines))
    item.add("categories", [event["type"]])
    return item


END = b"END:VCALENDAR\r\n"


def _head(lang: str, labels) -> bytes:
    """What an iCalendar file of lang holds before its events."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", labels("ical_calendar_name", lang))
    return cal.to_ical()[:-len(END)]


def calendar_files(events: list[dict], lang: str, countries: dict[str, dict], today: dt.date,
                   labels) -> tuple[dict[str, bytes], bytes]:
    """Each dated event's own iCalendar file (by the event's id), and the feed with them all.

    A calendar is its head, its events one after the other, then END:VCALENDAR (RFC 5545, 3.4):
    each event is serialized once, for its own file and the feed. (icalendar serializing every
    event twice, in its own Calendar and the feed's, was a sixth of the build at 10 times today's
    events.) DTSTAMP is the build date at midnight UTC, so a rebuild the same day writes the same
    files. labels(key, lang): the interface words (model.SiteData.word)."""
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    head = _head(lang, labels)
    items = {event["id"]: _event(event, lang, countries, stamp, labels).to_ical()
             for event in events if span(event)}  # iCalendar needs a date
    own = {event_id: head + item + END for event_id, item in items.items()}
    return own, head + b"".join(items.values()) + END
