"""The pure functions under the build, each on its own: no build, no browser; milliseconds."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import sys
from pathlib import Path

import pytest

from conftest import PROJECT

sys.path.insert(0, str(PROJECT / "scripts"))
from bundle import iso9660_name  # noqa: E402
from sitedata.csp import inline_scripts, policy  # noqa: E402
from sitedata.dates import PartialDate, format_partial, format_span  # noqa: E402
from sitedata.events import PAGE_SIZE, past_pages, upcoming  # noqa: E402
from sitedata.model import SiteData, is_for_editors, is_public  # noqa: E402
from sitedata.schema import inlined  # noqa: E402
from sitedata.search_index import rebase  # noqa: E402
from sitedata.yaml_reader import _hint  # noqa: E402

# --- bundle.iso9660_name ----------------------------------------------------------------------

ISO_NAME = re.compile(r"[A-Z0-9_]{1,24}(\.[A-Z0-9_]{1,4})?")


def test_iso9660_names_stay_unique_in_a_folder_when_names_collide():
    names = ["a-b.html", "a_b.html", "A-B.html", "a b.html", "a_b_2.html",  # all A_B.HTML once cleaned
             "x" * 30 + ".html", "x" * 31 + ".html", *(f"{'y' * 30}{n}.pdf" for n in range(12)),
             ".DS_Store", "README", "tar.gz.html"]
    taken: set[str] = set()
    made = [iso9660_name(name, False, taken) for name in names]
    assert len(set(made)) == len(names), made
    assert all(m.endswith(";1") and ISO_NAME.fullmatch(m[:-2]) for m in made), made
    assert made[0] == "A_B.HTML;1"  # the first keeps the plain name


def test_iso9660_names_of_folders_have_no_version_and_share_the_folders_names():
    taken: set[str] = set()
    folder = iso9660_name("a.b", True, taken)
    assert folder == "A_B"  # a folder's dot is no extension
    assert iso9660_name("a-b", True, taken) == "A_B_2"
    assert iso9660_name("a-b", False, taken) == "A_B_3;1"  # a file without extension, in the same folder
    assert iso9660_name("a-b", True, set()) == "A_B"  # another folder: its own names


# --- dates.format_span --------------------------------------------------------------------------

@pytest.mark.parametrize("lang, start, end, shown", [
    ("en", "2007-10-24", None, "24 October 2007"),
    ("en", "2007-10-24", "2007-10-24", "24 October 2007"),
    ("en", "2007-10-24", "2007-10-25", "24–25 October 2007"),
    ("ru", "2007-10-24", "2007-10-25", "24–25 октября 2007\u202fг."),  # Babel's narrow no-break space
    ("en", "2007-10-30", "2007-11-02", "30 October 2007 – 2 November 2007"),
    ("en", "2007-12-30", "2008-01-02", "30 December 2007 – 2 January 2008"),
    ("en", "2005-04", None, "April 2005"),
    ("ru", "2005-04", None, "апрель 2005\u202fг."),
    ("en", "2005-04", "2005-05", "April 2005 – May 2005"),
    ("en", "2005-04", "2005-04-20", "April 2005 – 20 April 2005"),  # a month and a day are not one month
])
def test_format_span(lang, start, end, shown):
    assert format_span(PartialDate.parse(start), PartialDate.parse(end) if end else None, lang) == shown


def test_a_span_across_months_is_its_two_dates():
    start, end = PartialDate.parse("2009-03-31"), PartialDate.parse("2009-04-01")
    for lang in ("en", "ru"):
        assert format_span(start, end, lang) == f"{format_partial(start, lang)} – {format_partial(end, lang)}"


# --- search_index.rebase ------------------------------------------------------------------------

def _config(base: str) -> str:
    return f'<script id="__config" type="application/json">{{"base": "{base}", "features": []}}</script>'


@pytest.mark.parametrize("dest, base", [("ru/index.html", "."), ("ru/events/kiev-2005.html", ".."),
                                        ("ru/calendar/2.html", "..")])
def test_rebase_points_a_page_at_its_languages_folder(dest, base):
    page = f'<p>"base": "kept"</p>{_config("../..")}<footer></footer>'
    assert rebase(page, "ru", dest) == f'<p>"base": "kept"</p>{_config(base)}<footer></footer>'


def test_rebase_leaves_a_page_without_configuration_alone():
    assert rebase("<p>no configuration</p>", "ru", "ru/index.html") == "<p>no configuration</p>"


# --- csp.inline_scripts -------------------------------------------------------------------------

PAGE = """<head><meta charset="utf-8"><script src="a.js"></script>
<script>var first = 1;</script><script id="__config" type="application/json">{"a": 1}</script>
</head><body><script type="module">import x from "./x.js";</script>
<p>&lt;script&gt;not a script</p><script async src="b.js"></script><script>
  second();
</script><script>unclosed"""


def test_inline_scripts_are_the_bodies_of_scripts_without_src_or_json():
    assert inline_scripts(PAGE) == ["var first = 1;", 'import x from "./x.js";', "\n  second();\n"]


def test_the_policy_allows_exactly_the_inline_scripts_by_hash():
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
              for body in ("var first = 1;", 'import x from "./x.js";', "\n  second();\n")}
    scripts = next(d for d in policy(PAGE, offline=False).split("; ") if d.startswith("script-src "))
    assert set(scripts.split()[1:]) == {"'self'"} | hashes


# --- yaml_reader._hint --------------------------------------------------------------------------

@pytest.mark.parametrize("row, column, advice, fixed", [
    ("  en: Note: see the report", 10, "colon and a space", '  en: "Note: see the report"'),
    ('  en: He said "no": twice', 8, "colon and a space", r'  en: "He said \"no\": twice"'),
    ("  en: *Children* first", 7, "starts with *", '  en: "*Children* first"'),
    ("  en: [draft] report", 7, "starts with [", '  en: "[draft] report"'),
    ("\tnumber: 3", 1, "spaces, not tabs", "  number: 3"),
    ("  en: Note: see", 3, "check the indentation", None),  # the parser stopped before the text
    ("  bad: [unclosed", 4, "check the indentation", None),
])
def test_hint_says_what_to_do_and_makes_the_line_right(row, column, advice, fixed):
    said, made = _hint("mapping values are not allowed here", row, column)
    assert advice in said.text("en")
    assert made == fixed


# --- events.upcoming, events.past_pages ---------------------------------------------------------

TODAY = dt.date(2007, 6, 15)


def _event(ident, date=None, end=None, planned=False, announced="2007-05"):
    return {"id": ident, "type": "conference", **({"date": date} if date else {}), **({"end": end} if end else {}),
            **({"planned": True, "announced": announced} if planned else {})}


def test_upcoming_is_what_is_not_over_soonest_first_and_planned_without_date_last():
    events = [_event("planned", planned=True), _event("later", "2007-09-01"), _event("this-month", "2007-06"),
              _event("ends-today", "2007-06-10", "2007-06-15"), _event("ended", "2007-06-01", "2007-06-14"),
              _event("undated"), _event("last-month", "2007-05")]
    assert [e["id"] for e in upcoming(events, TODAY)] == ["this-month", "ends-today", "later", "planned"]
    # A plan announced more than a year ago, still without a date, is no longer upcoming.
    assert "planned" not in [e["id"] for e in upcoming(events, dt.date(2008, 6, 15))]


def test_past_events_are_cut_into_pages_latest_first_grouped_by_year():
    events = [_event(f"e{n}", f"{2000 + n % 3}-{n % 12 + 1:02d}") for n in range(PAGE_SIZE + 5)]
    events += [_event("undated"), _event("future", "2008-01")]
    pages = past_pages(events, TODAY)
    flat = [(year, e["id"]) for groups in pages for year, items in groups for e in items]
    assert len(pages) == 2 and sum(len(items) for _, items in pages[0]) == PAGE_SIZE
    assert sorted(i for _, i in flat) == sorted(e["id"] for e in events if e["id"] != "future")
    assert flat[-1] == (None, "undated")
    dated = [(year, next(e for e in events if e["id"] == i)["date"]) for year, i in flat if year]
    assert [d for _, d in dated] == sorted((d for _, d in dated), reverse=True)
    assert all(year == int(d[:4]) for year, d in dated)
    for groups in pages:  # one heading per year on a page, though a year may go on over the next page
        years = [year for year, _ in groups]
        assert len(years) == len(set(years))


def test_with_nothing_past_there_is_one_empty_page():
    assert past_pages([_event("later", "2008-01")], TODAY) == [[]]


# --- model: who may be published ----------------------------------------------------------------

def test_is_public():
    assert is_public({}) and is_public({"public": True}) and is_public({"public": None})
    assert not is_public({"public": False})


@pytest.mark.parametrize("rel, for_editors", [
    ("README.md", True), (".DS_Store", True), ("ru/.DS_Store", True), ("resources/._report.pdf", True),
    (".hidden/report.pdf", True), ("resources/README.md", False), ("report.pdf", False),
    ("resources/report.en.md", False),
])
def test_is_for_editors(rel, for_editors):
    assert is_for_editors(rel) is for_editors


def test_site_data_holds_only_public_entries_in_their_order():
    data = {
        "events": [_event("a"), {**_event("b"), "public": False}, _event("c")],
        "resources": [
            {"id": "open", "files": [{"lang": "en", "file": "b.pdf"}, {"lang": "ru", "file": "a/x.pdf"}]},
            {"id": "closed", "public": False, "files": [{"lang": "en", "file": "secret.pdf"}]},
            {"id": "shared", "files": [{"lang": "en", "file": "b.pdf"}]},
        ],
    }
    site = SiteData.public(Path("/nowhere"), data, {"type": {"en": "Type", "ru": "Тип"}})
    assert [e["id"] for e in site["events"]] == ["a", "c"]
    assert set(site.by_id("events")) == {"a", "c"} and set(site.by_id("resources")) == {"open", "shared"}
    assert site.published_files() == ["a/x.pdf", "b.pdf"]
    assert site.words("ru") == {"type": "Тип"}


def test_the_internal_edition_adds_the_restricted_entries_but_no_draft(tmp_path):
    (tmp_path / "private" / "documents").mkdir(parents=True)
    (tmp_path / "private" / "documents" / "experts.pdf").write_bytes(b"%PDF")
    data = {"events": [_event("a")], "resources": [{"id": "open", "files": [{"lang": "en", "file": "b.pdf"}]}]}
    restricted = {"events": [_event("closed"), {**_event("draft"), "public": False}],
                  "resources": [{"id": "experts", "files": [{"lang": "en", "file": "experts.pdf"}]}]}
    site = SiteData.internal_edition(tmp_path, data, restricted, {}, tmp_path / "private")
    assert [e["id"] for e in site["events"]] == ["a", "closed"] and site.internal
    assert site.published_files() == ["b.pdf", "experts.pdf"]
    assert site.document_path("experts.pdf") == tmp_path / "private" / "documents" / "experts.pdf"
    assert site.document_path("b.pdf") == tmp_path / "data" / "documents" / "b.pdf"
    public = SiteData.public(tmp_path, data, {})
    assert not public.internal and public.document_path("experts.pdf") == tmp_path / "data" / "documents" / "experts.pdf"


def test_a_resource_that_links_instead_of_a_file_publishes_no_file():
    data = {"resources": [{"id": "link", "files": [{"lang": "en", "url": "https://example.org/report"}]}]}
    assert SiteData.public(Path("/nowhere"), data, {}).published_files() == []


def test_a_schema_is_written_out_with_its_references_and_one_that_contains_itself_is_refused():
    shared = {"definitions": {"text": {"type": "string"},
                              "list": {"type": "array", "items": {"$ref": "#/definitions/text"}}}}
    schemas = {"common.schema.json": shared,
               "a.schema.json": {"properties": {"x": {"$ref": "common.schema.json#/definitions/list"}}}}
    assert inlined(schemas["a.schema.json"], "a.schema.json", schemas) == \
        {"properties": {"x": {"type": "array", "items": {"type": "string"}}}}
    shared["definitions"]["tree"] = {"type": "object", "properties": {"child": {"$ref": "#/definitions/tree"}}}
    schemas["b.schema.json"] = {"items": {"$ref": "common.schema.json#/definitions/tree"}}
    with pytest.raises(ValueError, match="inside itself"):
        inlined(schemas["b.schema.json"], "b.schema.json", schemas)
