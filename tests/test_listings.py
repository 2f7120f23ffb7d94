"""The lists the pages show, shaped in Python (scripts/sitedata/listings.py and the
event queries): fast unit tests on small hand-made data, no build."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitedata import events, listings
from sitedata.model import SiteData

TODAY = dt.date(2026, 11, 30)


def _event(id, date=None, **fields):
    return {"id": id, "type": "conference", **({"date": date} if date else {}), **fields}


def _site(**collections) -> SiteData:
    names = ("priorities", "events", "projects", "countries", "contacts", "resources")
    return SiteData.public(Path("."), {name: collections.get(name, []) for name in names}, {})


def _country(code, en, member=True, ncp="operational"):
    return {"id": code, "name": {"en": en, "ru": en}, "cbss_member": member, "ncp": ncp}


WORDS = {"filter_type": "Type", "filter_country": "Country", "filter_resource_type": "Kind",
         "filter_topic": "Topic", "filter_language": "Language",
         "event_types": {"expert-meeting": "Expert meeting", "conference": "Conference", "training": "Training"},
         "resource_types": {"report": "Report", "study": "Study"},
         "language_names": {"en": "English", "ru": "Russian"}}


def test_grouped_keeps_order_and_lists_an_entry_once_per_key():
    a, b = {"id": "a", "k": ["x", "y", "x"]}, {"id": "b", "k": ["y"]}
    assert listings.grouped([a, b], lambda e: e["k"]) == {"x": [a], "y": [a, b]}


def test_countries_of_reads_country_or_countries():
    assert listings.countries_of({"country": "EE"}) == ["EE"]
    assert listings.countries_of({"countries": ["LV", "LT"]}) == ["LV", "LT"]
    assert listings.countries_of({}) == []


def test_library_order_latest_year_first_then_undated_each_by_id():
    resources = [{"id": "d"}, {"id": "c", "year": 2005}, {"id": "b", "year": 2007},
                 {"id": "a", "year": 2005}, {"id": "0"}]
    assert [r["id"] for r in listings.library_order(resources)] == ["b", "a", "c", "0", "d"]


def test_languages_of_a_resource():
    assert listings.languages_of({"files": [{"lang": "ru"}, {"lang": "en"}]}) == ["ru", "en"]
    assert listings.languages_of({"tool": "self-assessment"}) == ["en", "ru"]


def test_latest_lists_past_dated_events_only_latest_first():
    found = events.latest([_event("old", "2005-04"), _event("undated"), _event("new", "2007-10-24"),
                           _event("ahead", "2027-01"), _event("mid", "2007-03")], TODAY)
    assert [e["id"] for e in found] == ["new", "mid", "old"]


DATE_WORDS = {"date_to_be_set": "date to be set", "date_never_set": "date never set", "announced": "announced {date}"}


def test_date_text_of_dated_planned_and_unknown_events():
    text = events.date_text
    assert text(_event("a", "2007-10-24", end="2007-10-25"), "en", DATE_WORDS, "?", TODAY) == "24–25 October 2007"
    plan = _event("b", planned=True, announced="2026-06")
    assert text(plan, "en", DATE_WORDS, "?", TODAY) == "date to be set (announced June 2026)"
    assert text(plan, "en", DATE_WORDS, "?", dt.date(2027, 7, 1)) == "date never set (announced June 2026)"
    assert text(_event("c"), "en", DATE_WORDS, "not recorded", TODAY) == "not recorded"


def test_date_html_puts_each_date_in_a_time_element():
    def html(event, lang, unknown="?"):
        return events.date_html(event, lang, DATE_WORDS, unknown, TODAY)
    assert html(_event("a", "2007-10-24", end="2007-10-25"), "en") == \
        '<time datetime="2007-10-24">24</time>–<time datetime="2007-10-25">25 October 2007</time>'
    assert html(_event("b", "2005-04"), "ru") == '<time datetime="2005-04">апрель 2005\u202fг.</time>'
    assert html(_event("c", "2006-10-30", end="2006-11-02"), "en") == \
        '<time datetime="2006-10-30">30 October 2006</time> – <time datetime="2006-11-02">2 November 2006</time>'
    assert html(_event("d", planned=True, announced="2026-06"), "en") == "date to be set (announced June 2026)"
    assert html(_event("e"), "en", "A & B") == "A &amp; B"


def test_for_build_groups_by_country_and_event():
    held = [_event("early", "2005-01", country="EE"), _event("late", "2007-01", country="EE")]
    contact = {"id": "c", "country": "EE", "public": True}
    hidden = {"id": "h", "country": "EE", "public": False}
    resource = {"id": "r", "countries": ["EE", "LV"], "topics": [], "type": "report"}
    project = {"id": "p", "events": ["late"]}
    older = {"id": "o", "year": 2005, "events": ["late", "early"], "topics": [], "type": "report"}
    newer = {"id": "n", "year": 2008, "events": ["late"], "topics": [], "type": "report"}
    lists = listings.for_build(_site(events=held, contacts=[contact, hidden], resources=[resource, older, newer],
                                     projects=[project], countries=[_country("EE", "Estonia")]), TODAY)
    assert [e["id"] for e in lists["events_by_country"]["EE"]] == ["late", "early"]
    assert lists["contacts_by_country"] == {"EE": [contact]}
    assert lists["resources_by_country"] == {"EE": [resource], "LV": [resource]}
    assert lists["projects_by_event"] == {"late": [project]}
    assert lists["resources_by_event"] == {"late": [newer, older], "early": [older]}  # the library's order
    assert lists["dated_ahead"] is False and [e["id"] for e in lists["latest"]] == ["late", "early"]


def test_options_keep_the_order_of_the_names_and_only_what_is_present():
    assert listings.options(WORDS["event_types"], {"training", "expert-meeting"}) == [
        ("expert-meeting", "Expert meeting"), ("training", "Training")]


def test_country_options_by_name_once_each():
    names = {"EE": "Estonia", "DE": "Germany", "LV": "Latvia"}
    entries = [{"country": "LV"}, {"countries": ["DE", "LV"]}, {"country": "EE"}, {}]
    assert listings.country_options(entries, names) == [("EE", "Estonia"), ("DE", "Germany"), ("LV", "Latvia")]


def test_filters_leave_out_those_without_options():
    site = _site(events=[_event("e", "2005-01")], contacts=[],
                 priorities=[{"id": "b", "number": 2, "title": {"en": "Two"}},
                             {"id": "a", "number": 1, "title": {"en": "One"}}],
                 resources=[{"id": "r", "type": "study", "topics": ["b", "a"]}])
    found = listings.filters(site, "en", WORDS)
    assert found["bsr-calendar"] == [("type", "Type", [("conference", "Conference")])]
    assert found["bsr-contacts"] == []
    assert found["bsr-library"] == [("type", "Kind", [("study", "Study")]),
                                    ("topic", "Topic", [("a", "One"), ("b", "Two")]),
                                    ("lang", "Language", [("en", "English"), ("ru", "Russian")])]


def test_member_states_by_name_without_regard_to_case():
    site = _site(countries=[_country("B", "bravo"), _country("X", "Xray", member=False), _country("A", "Alpha")])
    assert [c["id"] for c in listings.for_language(site, "en", WORDS)["members_by_name"]] == ["A", "B"]
