"""What the pages list, shaped in Python so that the macros only lay it out.

for_build(): the lists that read the same in every language (events by when
and where, the library's order, what concerns each country, the projects and
the resources of each event, the priorities by number), computed once per build; for_language(): what is ordered or named
by words of one language (the filters' options, the member states by name),
computed once per language.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from . import events
from .languages import CODES
from .model import SiteData


def grouped(entries: list[dict], keys: Callable[[dict], list[str]]) -> dict[str, list[dict]]:
    """The entries under each of their keys, in the entries' order; an entry once under a key."""
    found: dict[str, list[dict]] = {}
    for entry in entries:
        for key in dict.fromkeys(keys(entry)):
            found.setdefault(key, []).append(entry)
    return found


def countries_of(entry: dict) -> list[str]:
    """The codes of the countries an entry names: an event's or a contact's `country`,
    or a resource's `countries`."""
    if "country" in entry:
        return [entry["country"]]
    return entry.get("countries", [])


def library_order(resources: list[dict]) -> list[dict]:
    """The resource library's order: the latest year first, those without a year last;
    by id within a year."""
    return sorted(resources, key=lambda r: ("year" not in r, -r.get("year", 0), r["id"]))


def languages_of(resource: dict) -> list[str]:
    """The languages a resource is available in: those of its files. One without files is a
    tool of the site, there in every language."""
    if "files" in resource:
        return [item["lang"] for item in resource["files"]]
    return list(CODES)


def members(site: SiteData) -> list[dict]:
    """The member states of the CBSS, in the order of data/countries.yml."""
    return [c for c in site["countries"] if c["cbss_member"]]


def priorities(site: SiteData) -> list[dict]:
    """The priorities of the WGCC by their number."""
    return sorted(site["priorities"], key=lambda p: p["number"])


def for_build(site: SiteData, today: dt.date) -> dict:
    all_events = site["events"]
    upcoming = events.upcoming(all_events, today)
    return {"upcoming": upcoming,
            "dated_ahead": any("date" in e for e in upcoming),
            "latest": events.latest(all_events, today),
            "stale_plans": events.stale_plans(all_events, today),
            "past_pages": events.past_pages(all_events, today),
            "meeting_pages": events.meeting_pages(all_events),
            "events_by_country": {code: events.latest_first(found)
                                  for code, found in grouped(all_events, countries_of).items()},
            "contacts_by_country": grouped(site["contacts"], countries_of),
            "resources_by_country": grouped(site["resources"], countries_of),
            "projects_by_event": grouped(site["projects"], lambda project: project.get("events", [])),
            "resources_by_event": grouped(library_order(site["resources"]), lambda r: r.get("events", [])),
            "library": library_order(site["resources"]),
            "members": members(site),
            "priorities": priorities(site)}


def options(names: dict[str, str], present) -> list[tuple[str, str]]:
    """(value, name) of each value that is present, in the order of names."""
    return [(value, name) for value, name in names.items() if value in present]


def country_options(entries: list[dict], names: dict[str, str]) -> list[tuple[str, str]]:
    """(code, name) of the countries the entries name, by name."""
    codes = {code for entry in entries for code in countries_of(entry)}
    return sorted(((code, names[code]) for code in codes), key=lambda pair: pair[1])


def filters(site: SiteData, lang: str, words: dict) -> dict[str, list]:
    """The filters above each filtered list, by the list's element id: [(key, label, options)].
    A filter with no options is left out, and so are all of a list's if none is left."""
    names = {code: c["name"][lang] for code, c in site.by_id("countries").items()}
    all_events, resources = site["events"], site["resources"]
    lists = {
        "bsr-calendar": [
            ("type", words["filter_type"], options(words["event_types"], {e["type"] for e in all_events})),
            ("country", words["filter_country"], country_options(all_events, names))],
        "bsr-contacts": [("country", words["filter_country"], country_options(site["contacts"], names))],
        "bsr-library": [
            ("type", words["filter_resource_type"], options(words["resource_types"], {r["type"] for r in resources})),
            ("topic", words["filter_topic"], options({p["id"]: p["title"][lang] for p in priorities(site)},
                                                     {topic for r in resources for topic in r["topics"]})),
            ("country", words["filter_country"], country_options(resources, names)),
            ("lang", words["filter_language"], options(words["language_names"], CODES))],
    }
    return {target: [d for d in dimensions if d[2]] for target, dimensions in lists.items()}


def for_language(site: SiteData, lang: str, words: dict) -> dict:
    return {"list_filters": filters(site, lang, words),
            # without regard to case, as the lists were ordered when Jinja sorted them
            "members_by_name": sorted(members(site), key=lambda c: c["name"][lang].lower())}
