"""The calendar: upcoming and past events for a fixed build date, iCalendar feeds, filters."""
from __future__ import annotations

import datetime as dt
import sys

import icalendar
import pytest

from conftest import PROJECT, data, build_ok, copy_project, page, text_of, visible_count

sys.path.insert(0, str(PROJECT / "scripts"))
from sitedata.events import PAGE_SIZE  # noqa: E402  (the design's page length, not a result)

EVENTS = data("events")
DATED = {e["id"]: e for e in EVENTS if "date" in e}


def _feed(root, rel):
    return icalendar.Calendar.from_ical((root / rel).read_bytes())


def _events_of(calendar):
    return {str(item["uid"]): item for item in calendar.walk("VEVENT")}


@pytest.mark.parametrize("lang,prefix", [("en", ""), ("ru", "ru/")])
def test_feed_holds_every_dated_event_in_the_pages_language(site, lang, prefix):
    items = _events_of(_feed(site, f"{prefix}calendar.ics"))
    assert len(items) == len(DATED)
    by_id = {uid.split("@")[0]: item for uid, item in items.items()}
    assert set(by_id) == set(DATED)
    for ident, event in DATED.items():
        item = by_id[ident]
        assert str(item["summary"]).startswith(event["title"][lang])  # a month-only event adds its month
        assert item["dtstart"].params.get("VALUE") == "DATE"  # all-day
    assert "Yaroslavl" in str(by_id["yaroslavl-2005"]["location"]) if lang == "en" else \
        "Ярославль" in str(by_id["yaroslavl-2005"]["location"])


def test_uids_are_unique_and_equal_across_languages_and_builds(site, site_in_june_2007):
    english = _events_of(_feed(site, "calendar.ics"))
    russian = _events_of(_feed(site, "ru/calendar.ics"))
    assert set(english) == set(russian) and len(english) == len(DATED)
    assert set(_events_of(_feed(site_in_june_2007, "calendar.ics"))) == set(english)


def test_month_only_events_are_one_free_day_that_says_so_and_dated_ones_all_day_spans(site):
    items = {uid.split("@")[0]: item for uid, item in _events_of(_feed(site, "calendar.ics")).items()}
    kiev = items["kiev-2005"]  # "2005-04": not a month-long event, a day that says what is known
    assert kiev["dtstart"].dt == dt.date(2005, 4, 1) and "dtend" not in kiev and "duration" not in kiev
    assert kiev["transp"] == "TRANSPARENT" and str(kiev["summary"]).endswith("(April 2005)")
    assert "only the month: April 2005" in str(kiev["description"])
    russian = {uid.split("@")[0]: item for uid, item in _events_of(_feed(site, "ru/calendar.ics")).items()}
    assert "известен только месяц проведения: апрель 2005" in str(russian["kiev-2005"]["description"])
    joint = items["wgcc-tfthb-2007"]  # 24 October 2007: DTEND is the next day
    assert joint["dtstart"].dt == dt.date(2007, 10, 24) and joint["dtend"].dt == dt.date(2007, 10, 25)
    assert "April 2005" in text_of(site, "events/kiev-2005.html")
    assert "апрель 2005" in text_of(site, "ru/events/kiev-2005.html")
    assert "24 октября 2007 г." in text_of(site, "ru/events/wgcc-tfthb-2007.html")


def test_each_dated_event_page_offers_its_own_ics_file(site):
    for ident in DATED:
        for prefix in ("", "ru/"):
            link = page(site, f"{prefix}events/{ident}.html").find("a", href=f"{ident}.ics")
            assert link is not None and link.has_attr("download")
            one = _events_of(_feed(site, f"{prefix}events/{ident}.ics"))
            assert list(one) == [f"{ident}@wgcc-bsr-children-at-risk"]
    assert not (site / "events" / "un-study-roundtable.ics").exists()  # no date, no .ics


def _section_ids(site, rel, heading_id):
    """The event ids listed under a heading of the calendar page, up to the next h2."""
    heading = page(site, rel).find(id=heading_id)
    ids = []
    for element in heading.find_all_next():
        if element.name == "h2":
            break
        if element.name == "a" and element.get("href", "").startswith("events/"):
            ids.append(element["href"][len("events/"):-len(".html")])
    return ids


def test_upcoming_and_past_follow_the_build_date(site, site_in_june_2007):
    then = site_in_june_2007
    upcoming = _section_ids(then, "calendar.html", "upcoming")
    assert upcoming == ["wgcc-tfthb-2007", "st-petersburg-2007", "tallinn-2008", "un-study-roundtable"]
    past = _section_ids(then, "calendar.html", "past")
    assert "ncp-warsaw-2007" in past and "kiev-2005" in past and "tallinn-2008" not in past
    assert [h["id"] for h in page(then, "calendar.html").select("#past ~ h3")][:2] == ["y2007", "y2006"]
    # Today (after 2008) nothing is ahead: the roundtable announced in October 2007 was never
    # given a date, and more than a year on it is listed apart, not as upcoming.
    for prefix in ("", "ru/"):
        assert _section_ids(site, f"{prefix}calendar.html", "upcoming") == []
        assert _section_ids(site, f"{prefix}calendar.html", "never-dated") == ["un-study-roundtable"]
    assert "un-study-roundtable" not in _section_ids(site, "calendar.html", "past")
    assert "date never set (announced October 2007)" in text_of(site, "events/un-study-roundtable.html")
    assert "date to be set (announced October 2007)" in text_of(then, "events/un-study-roundtable.html")


def test_home_page_shows_the_next_events_or_the_latest(site, site_in_june_2007):
    then = text_of(site_in_june_2007, "index.html")
    assert "Next events" in then and "Joint meeting of the WGCC" in then
    now = text_of(site, "index.html")
    assert "Latest events" in now and "Expert meeting giving input to the monitoring training" in now
    assert "Последние мероприятия" in text_of(site, "ru/index.html")


def test_filters_work_from_file_and_degrade_to_the_full_list(browser, bundle):
    url = (bundle / "calendar.html").as_uri()
    tab = browser.new_page()
    tab.goto(url)
    total = len(EVENTS)
    assert tab.locator(".bsr-filters").is_visible()
    assert visible_count(tab, ".bsr-event") == total
    meetings = [e for e in EVENTS if e["type"] == "expert-meeting"]
    in_russia = [e for e in meetings if e.get("country") == "RU"]
    assert 0 < len(in_russia) < len(meetings) < total
    tab.select_option("select[data-filter=type]", "expert-meeting")
    assert visible_count(tab, ".bsr-event") == len(meetings)
    assert tab.locator(".bsr-filter-count").inner_text() == f"Events shown: {len(meetings)}"
    tab.select_option("select[data-filter=country]", "RU")
    assert visible_count(tab, ".bsr-event") == len(in_russia)
    assert not tab.locator("h3#y2006").is_visible()  # a year with none of them hides
    tab.select_option("select[data-filter=type]", "")
    tab.select_option("select[data-filter=country]", "")
    assert visible_count(tab, ".bsr-event") == total
    tab.close()
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(url)
    assert not tab.locator(".bsr-filters").is_visible()
    assert tab.locator(".bsr-event").count() == total and tab.locator(".bsr-event:visible").count() == total
    context.close()


@pytest.fixture(scope="module")
def long_history(tmp_path_factory):
    """45 more past expert meetings: the calendar and the list of meetings get further pages."""
    project = copy_project(tmp_path_factory.mktemp("long") / "project")
    extra = "".join(f"""
- id: extra-{n:02d}
  type: expert-meeting
  title:
    en: Extra meeting {n}
    ru: Дополнительное совещание {n}
  topic:
    en: Extra topic {n}
    ru: Дополнительная тема {n}
  date: {1990 + n // 12}-{n % 12 + 1:02d}
  city:
    en: Riga
    ru: Рига
  country: LV
""" for n in range(45))
    events = project / "data" / "events.yml"
    events.write_text(events.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return build_ok(project, "--no-bundle")


def _is_over(event, today: str) -> bool:
    """Over by today (YYYY-MM-DD): its last day, or its last month, is before today; an event
    without a date is over unless planned."""
    if "date" not in event:
        return not event.get("planned", False)
    last = event.get("end", event["date"])
    return last < today[:len(last)]


def test_long_lists_are_cut_into_pages_linked_both_ways(long_history):
    today = dt.date.today().isoformat()
    past = len([e for e in EVENTS if _is_over(e, today)]) + 45
    pages = -(-past // PAGE_SIZE)
    assert pages >= 2
    for prefix in ("", "ru/"):
        first = page(long_history, f"{prefix}calendar.html")
        assert len(first.select("#past ~ .bsr-event")) == PAGE_SIZE
        assert first.select_one("nav.bsr-pager a")["href"] == "calendar/2.html"
        for n in range(2, pages + 1):
            assert (long_history / f"{prefix}calendar/{n}.html").is_file()
        assert not (long_history / f"{prefix}calendar/{pages + 1}.html").exists()
        meetings = page(long_history, f"{prefix}meetings/index.html")
        assert len(meetings.select("tbody tr")) == PAGE_SIZE
        assert (long_history / f"{prefix}meetings/2.html").is_file()
        latvia = page(long_history, f"{prefix}countries/lv.html")
        assert len(latvia.select("article ul li")) == 20  # the latest 20; the calendar has them all
    counted = sum(len(page(long_history, rel).select(".bsr-event"))
                  for rel in ["calendar.html"] + [f"calendar/{n}.html" for n in range(2, pages + 1)])
    assert counted == len(EVENTS) + 45
